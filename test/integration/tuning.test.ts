/**
 * Worker tuning is configuration, and the same configuration reaches every entry point: `worker/main.ts` and
 * `dondoc start` (whose worker once ignored DONDOC_WORKFLOW_CACHE_SIZE) are started as an operator starts
 * them, with the same environment, against one Temporal server and one SMTP catcher. Each prints the options
 * its worker was built with (the SDK's compiled options, not the settings read): both lines must carry the
 * values set, none of the defaults.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '../../src/mail/catcher.js';
import { projectRoot, testServerPath } from '../../src/runtime/tools.js';
import { freePort } from '../support/ports.js';

/** Values away from every default (cache: sized from memory; slots 8 and 100; pool 5; no rate limit). */
const TUNING = {
  DONDOC_WORKFLOW_CACHE_SIZE: '37',
  DONDOC_MAX_CONCURRENT_WORKFLOW_TASKS: '6',
  DONDOC_MAX_CONCURRENT_ACTIVITIES: '12',
  SMTP_POOL_SIZE: '3',
  SMTP_RATE_LIMIT: '40',
  SMTP_RATE_DELTA_MS: '2000',
};
const EXPECTED = 'cache 37 workflows, 6 workflow task slots, 12 activity slots; SMTP pool 3 connections, at most 40 messages per 2000 ms';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

describe('worker tuning: one configuration for worker/main.ts and dondoc start', () => {
  let env: TestWorkflowEnvironment;
  let catcher: MailCatcher;
  let root: string;
  const started: Started[] = [];

  beforeAll(async () => {
    [env, catcher, root] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } }),
      startMailCatcher(),
      mkdtemp(join(tmpdir(), 'dondoc-tuning-')),
    ]);
  });
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await catcher?.close();
    await env?.teardown();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const launch = async (name: string, args: string[], extra: NodeJS.ProcessEnv): Promise<Started> => {
    const processEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...TUNING,
      TEMPORAL_ADDRESS: env.address,
      SMTP_URL: catcher.url,
      DONDOC_DATA_DIR: join(root, name),
      NODE_ENV: 'development',
      ...extra,
    };
    delete processEnv.DATABASE_URL;
    delete processEnv.DONDOC_PROVINCE;
    const child = spawn(process.execPath, args, { cwd: projectRoot, env: processEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const s = { child, output: () => out, exited };
    started.push(s);
    return s;
  };

  const workerLine = async (s: Started): Promise<string> => {
    const line = () => /^dondoc \S+: worker: .*$/m.exec(s.output())?.[0];
    const outcome = await Promise.race([
      s.exited.then(() => 'exited'),
      (async () => {
        while (!line()) await new Promise((r) => setTimeout(r, 200));
        return 'up';
      })(),
    ]);
    if (outcome === 'exited') throw new Error(`exited before its worker started:\n${s.output()}`);
    return line()!;
  };

  it('both entry points build their worker with the configured slots, cache and SMTP pool', async () => {
    const emptyPlans = join(root, 'plans');
    await mkdir(emptyPlans, { recursive: true });
    const [main, start] = await Promise.all([
      launch('main', ['--import', 'tsx', 'worker/main.ts'], {}),
      (async () =>
        launch('start', ['bin/dondoc.mjs', 'start', '--plans', emptyPlans], { WEB_PORT: String(await freePort()), DONDOC_BOUNCE_SMTP_PORT: String(await freePort()) }))(),
    ]);
    const lines = await Promise.all([workerLine(main), workerLine(start)]);
    expect(lines[0]).toMatch(/^dondoc worker: worker: namespace default, task queue dondoc; /);
    expect(lines[1]).toMatch(/^dondoc start: worker: namespace default, task queue dondoc; /);
    for (const line of lines) expect(line.slice(line.indexOf('; ') + 2)).toBe(EXPECTED);
    // Both stop cleanly on SIGTERM.
    for (const s of [main, start]) s.child.kill('SIGTERM');
    expect(await Promise.all([main.exited, start.exited])).toEqual([0, 0]);
  }, 180_000);
});
