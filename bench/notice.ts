/**
 * (a′) The CPU of one reminder in the activity, in this process, without the engine: `deliverNotice` (plan
 * lookup, duty holder, working-day wording, templates, personal link, pooled SMTP to the real catcher, sent
 * log) against the bare Mailer sending the same rendered message to the same catcher. What (a) and (b)
 * spend per reminder in the worker beyond the engine's own work; the ratio says what dondoc's rendering
 * adds to a send. Runnable on any checkout with the same activities (the luxon comparison in
 * docs/performance.md ran it on the commit before the fixed-offset calendar).
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities, type DeliverInput } from '../activities/index.js';
import { memoryDeliveries } from '../src/db/deliveries.js';
import { startMailCatcher } from '../src/mail/catcher.js';
import { Mailer } from '../src/mail/mailer.js';
import { cyclesOfYear } from '../src/reporting/cycles.js';
import { ContentStore } from '../src/storage/contentStore.js';
import { PlanStore } from '../src/storage/planStore.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plan40 } from './agencies.js';

export interface NoticeFigures {
  n: number;
  /** deliverNotice: wall ms and process CPU ms per reminder. */
  notice: { msPerNotice: number; cpuMsPerNotice: number };
  /** The bare Mailer, same message, same catcher. */
  send: { msPerNotice: number; cpuMsPerNotice: number };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function noticeFigures(n: number): Promise<NoticeFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-notice-'));
  const catcher = await startMailCatcher();
  const mailer = new Mailer({ smtpUrl: catcher.url, from: 'dondoc@example.gov.vn', deliveries: memoryDeliveries() });
  try {
    const plans = new PlanStore(new ContentStore(dir));
    const plan = plan40();
    const planRef = await plans.put(plan);
    const cycle = cyclesOfYear(plan, 2026).find((c) => c.period === '2026-H1')!;
    const agencies = cycle.agencies.filter((a) => a.role === 'agency');
    const activities = createActivities({
      plans,
      storage: new ContentStore(dir),
      mailer,
      publicUrl: 'http://localhost:3000',
      linkSecret: 'bench-secret-bench-secret-bench-secret-01',
      linkValidityDays: 60,
      temporal: { client: null as never, taskQueue: 'bench' },
    });
    const input = (i: number): DeliverInput => {
      const a = agencies[Math.abs(i) % agencies.length]!;
      const r = a.reminders[0]!;
      const step = { key: `reminder/${a.lastDay}/7`, at: r.at, level: 'reminder' as const, workingDays: 7 };
      return {
        planRef,
        period: cycle.period,
        periodLabel: cycle.periodLabel,
        agencyId: a.agencyId,
        role: 'agency',
        lastDay: a.lastDay,
        dueAt: a.dueAt,
        key: `bench-${i}/${step.key}`,
        at: r.at,
        notice: { type: 'step', key: step.key, step, issuedAt: r.at, catchUp: null },
      };
    };
    const env = new MockActivityEnvironment();
    // Warm-up: module caches, the SMTP pool's connections.
    for (let i = 0; i < 20; i++) await env.run(activities.deliverNotice, input(-1 - i));
    let t = performance.now();
    let c = cpuMs();
    for (let i = 0; i < n; i++) await env.run(activities.deliverNotice, input(i));
    const notice = { msPerNotice: (performance.now() - t) / n, cpuMsPerNotice: (cpuMs() - c) / n };
    const sample = catcher.messages().at(-1)!;
    const mail = { to: sample.to, subject: sample.subject, text: sample.text, html: sample.html };
    t = performance.now();
    c = cpuMs();
    for (let i = 0; i < n; i++) await mailer.send({ key: `bench-bare-${i}`, at: new Date().toISOString(), ...mail });
    const send = { msPerNotice: (performance.now() - t) / n, cpuMsPerNotice: (cpuMs() - c) / n };
    return { n, notice, send };
  } finally {
    mailer.close();
    await catcher.close();
    await rm(dir, { recursive: true, force: true });
  }
}
