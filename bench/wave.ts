/**
 * (b) A deadline wave: N agencies due at one instant. dondoc (cycles of 40 agencies, each sending its
 * agencies' reminders in one batch, issue 16.1) against two baselines in
 * the same run: one timer and one activity per agency, and a bare pooled nodemailer loop sending the same
 * N messages to the same catcher (the relay's limit, the physical end). Lag is the catcher's receipt time
 * minus the instant; drain is N over the time to the last message. Also (a) reuses the dondoc wave.
 */
import { mkdir } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import type { CaughtMail, MailCatcher } from '../src/mail/catcher.js';
import { startCycleWave, startTimerWave, type Launch } from './agencies.js';
import { cpuMeter, type CpuSplit } from './cpu.js';
import { percentile, startDevRig, type WorkerProcess } from './devRig.js';

export interface WaveFigures {
  n: number;
  /** Seconds from the first start request to the last start's return. */
  startSeconds: number;
  /** Lag of the messages behind the instant (s). */
  p50: number;
  p99: number;
  max: number;
  /** Messages per second from the instant to the last one. */
  drainPerSecond: number;
  /** Messages per second between the 10th and the 90th percentile receipts (the engine's steady rate). */
  steadyPerSecond: number;
  /** Workflows cached by the worker at the instant (all of them should be parked on their timer). */
  cachedAtInstant?: number;
  /** Workflow tasks in one workflow's history (dondoc: per reminder, from its history). */
  workflowTasks?: number;
  /** CPU seconds of the server, the worker and the bench process (catcher) from the instant to the last message. */
  cpu?: CpuSplit;
}

export type Mail = Pick<CaughtMail, 'subject' | 'text' | 'html'>;

export function figures(n: number, instantMs: number, launch: Launch | null, receipts: number[]): WaveFigures {
  const lags = receipts.map((r) => (r - instantMs) / 1000).sort((a, b) => a - b);
  const max = lags.at(-1) ?? NaN;
  const t10 = percentile(lags, 10);
  const t90 = percentile(lags, 90);
  return {
    n,
    startSeconds: launch ? (launch.lastStartMs - launch.firstStartMs) / 1000 : 0,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max,
    drainPerSecond: n / Math.max(max, 1e-3),
    steadyPerSecond: (0.8 * n) / Math.max(t90 - t10, 1e-3),
  };
}

const receiptsOf = (catcher: MailCatcher) => catcher.messages().map((m) => Date.parse(m.receivedAt));

/**
 * How long to leave before the instant for the starts and every workflow's first task: a step due before
 * a workflow's first task is not sent (the regime's "not before"), so all must be parked on their timer
 * by then. From the measured start rate, doubled on a retry.
 */
export const leadMs = (n: number, startsPerSecond: number, factor = 1) => factor * (10_000 + (n / Math.min(startsPerSecond, 40)) * 1000 * 2);

/** Generous: the engine's slowest rate seen here is about 5 messages a second. */
const drainTimeoutMs = (n: number) => Math.max(180_000, n * 250);

export class NotReadyError extends Error {}

/** Waits for n messages; fails at once if the worker process died meanwhile. */
async function waitForMail(catcher: MailCatcher, n: number, timeoutMs: number, worker: WorkerProcess): Promise<void> {
  await Promise.race([catcher.waitFor(n, timeoutMs), worker.died]);
}

/** dondoc's agency workflows, N due at one instant. Returns the figures and one caught reminder. */
export async function dondocWave(
  n: number,
  startsPerSecond: number,
  opts: { cpuProfDir?: string; leadFactor?: number } = {},
): Promise<{ figures: WaveFigures; mail: Mail; loop: WaveFigures }> {
  try {
    return await dondocWaveOnce(n, startsPerSecond, opts);
  } catch (err) {
    if (!(err instanceof NotReadyError) || opts.leadFactor) throw err;
    return dondocWaveOnce(n, startsPerSecond, { ...opts, leadFactor: 3 });
  }
}

async function dondocWaveOnce(
  n: number,
  startsPerSecond: number,
  opts: { cpuProfDir?: string; leadFactor?: number },
): Promise<{ figures: WaveFigures; mail: Mail; loop: WaveFigures }> {
  const rig = await startDevRig();
  try {
    const taskQueue = `bench-wave-${n}`;
    if (opts.cpuProfDir) await mkdir(opts.cpuProfDir, { recursive: true });
    const worker = await rig.startWorker({ kind: 'dondoc', taskQueue, maxCachedWorkflows: n + 500 }, opts);
    // A cycle starts its 40 agencies as children and hears from each: about four times the engine work of
    // starting them directly (measured: twice was not enough for 1,000 agencies in 25 cycles).
    const instant = wholeSecond(Date.now() + leadMs(4 * n, startsPerSecond, opts.leadFactor));
    const launch = await startCycleWave(rig.client, rig.dataDir, taskQueue, n, instant, `bench-wave-${n}`);
    await sleepUntil(instant - 200);
    const cached = (await worker.status()).cached;
    if (cached < n + launch.cycles) throw new NotReadyError(`only ${cached} of ${n + launch.cycles} workflows were parked on their timer at the instant`);
    const meter = cpuMeter(rig.serverPid, worker.pid);
    await waitForMail(rig.catcher, n, drainTimeoutMs(n), worker);
    const f = { ...figures(n, instant, launch, receiptsOf(rig.catcher)), cachedAtInstant: cached, cpu: meter.stop() };
    const history = await rig.client.workflow.getHandle(launch.firstAgencyWorkflowId).fetchHistory();
    f.workflowTasks = (history.events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes).length;
    const sample = rig.catcher.messages()[0]!;
    const mail = { subject: sample.subject, text: sample.text, html: sample.html };
    await worker.stop();
    // The relay's limit, on the same catcher: a bare pooled loop sending the same N messages.
    rig.catcher.clear();
    const loop = await pooledLoop(rig.catcher, n, mail);
    return { figures: f, mail, loop };
  } finally {
    await rig.close();
  }
}

/** The baseline: one timer and one activity (one SMTP send) per agency, N due at one instant. */
export async function timerWave(n: number, startsPerSecond: number, mail: Mail, leadFactor?: number): Promise<WaveFigures> {
  try {
    return await timerWaveOnce(n, startsPerSecond, mail, leadFactor ?? 1);
  } catch (err) {
    if (!(err instanceof NotReadyError) || leadFactor) throw err;
    return timerWaveOnce(n, startsPerSecond, mail, 3);
  }
}

async function timerWaveOnce(n: number, startsPerSecond: number, mail: Mail, leadFactor: number): Promise<WaveFigures> {
  const rig = await startDevRig();
  try {
    const taskQueue = `bench-timer-${n}`;
    const worker = await rig.startWorker({ kind: 'baseline', taskQueue, maxCachedWorkflows: n + 500, mail });
    const instant = wholeSecond(Date.now() + leadMs(n, startsPerSecond, leadFactor));
    const launch = await startTimerWave(rig.client, taskQueue, n, instant, `bench-timer-${n}`);
    await sleepUntil(instant - 200);
    const cached = (await worker.status()).cached;
    if (cached < n) throw new NotReadyError(`only ${cached} of ${n} workflows were parked on their timer at the instant`);
    const meter = cpuMeter(rig.serverPid, worker.pid);
    await waitForMail(rig.catcher, n, drainTimeoutMs(n), worker);
    const f = { ...figures(n, instant, launch, receiptsOf(rig.catcher)), cachedAtInstant: cached, cpu: meter.stop() };
    const history = await rig.client.workflow.getHandle(`bench-timer-${n}-0`).fetchHistory();
    f.workflowTasks = (history.events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes).length;
    await worker.stop();
    return f;
  } finally {
    await rig.close();
  }
}

/** A bare pooled nodemailer loop (`pool: true`, nodemailer's default 5 connections): N messages as fast as the catcher takes them. */
export async function pooledLoop(catcher: MailCatcher, n: number, mail: Mail): Promise<WaveFigures> {
  const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: catcher.port, secure: false, ignoreTLS: true });
  const instant = Date.now();
  const meter = cpuMeter(null, null);
  try {
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        transport.sendMail({
          from: 'bench@example.gov.vn',
          to: 'daumoi@example.gov.vn',
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'X-Dondoc-Key': `loop-${i}` },
        }),
      ),
    );
    await catcher.waitFor(n, 10 * 60_000);
  } finally {
    transport.close();
  }
  return {
    ...figures(
      n,
      instant,
      null,
      catcher.messages().map((m) => Date.parse(m.receivedAt)),
    ),
    cpu: meter.stop(),
  };
}

const sleepUntil = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));
/** The calendar's instants are whole seconds (08:00:00+07:00); the wave's are too. */
const wholeSecond = (ms: number) => Math.ceil(ms / 1000) * 1000;
