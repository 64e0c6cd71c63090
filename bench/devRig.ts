/**
 * The bench's rig on real parts: the embedded dev server (Temporal CLI from .tools, SQLite), a real SMTP
 * catcher in this process, a fresh storage directory, and workers in their own processes
 * (bench/workerProcess.ts). Every scenario gets a fresh rig, so no scenario's leftovers load the next.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '../worker/createWorker.js';
import { startMailCatcher, type MailCatcher } from '../src/mail/catcher.js';
import { startDevServer, type DevServer } from '../src/runtime/devServer.js';
import { projectRoot } from '../src/runtime/tools.js';
import { childPid } from './cpu.js';
import type { WorkerProcessConfig, WorkerStatusMessage } from './workerProcess.js';

export interface DevRig {
  server: DevServer;
  /** The dev server's process, for its CPU time. */
  serverPid: number | null;
  client: Client;
  catcher: MailCatcher;
  dataDir: string;
  startWorker(config: Omit<WorkerProcessConfig, 'address' | 'dataDir' | 'smtpUrl'>, opts?: { cpuProfDir?: string }): Promise<WorkerProcess>;
  close(): Promise<void>;
}

export interface WorkerProcess {
  pid: number;
  /** Rejects if the process ends before stop() (a crash): race waits against it. */
  died: Promise<never>;
  status(): Promise<{ rss: number; heapUsed: number; cached: number }>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let bundles: Promise<Record<WorkerProcessConfig['kind'], string>> | undefined;
/**
 * The workflow bundles (dondoc's and the baselines'), built once per bench run and written to files every
 * worker process loads: bundling in each of a run's worker processes cost it about 10 s of CPU apiece.
 */
function workflowBundleFiles(): Promise<Record<WorkerProcessConfig['kind'], string>> {
  bundles ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-bundles-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
    const write = async (name: string, path: string) => {
      const file = join(dir, `${name}.js`);
      await writeFile(file, (await bundleWorkflowCode({ workflowsPath: path, logger: quiet })).code);
      return file;
    };
    return { dondoc: await write('dondoc', workflowsPath), baseline: await write('baseline', join(projectRoot, 'bench', 'workflows', 'index.ts')) };
  })();
  return bundles;
}

export async function startDevRig(): Promise<DevRig> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-bench-'));
  const [server, catcher] = await Promise.all([startDevServer({ dataDir, port: await freePort(), uiPort: await freePort() }), startMailCatcher()]);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const children = new Set<ChildProcess>();
  return {
    server,
    serverPid: childPid('temporal'),
    client,
    catcher,
    dataDir,
    async startWorker(config, opts = {}) {
      // At most 8 workflow tasks at once, for dondoc and the baselines alike: with the SDK's default (40), a
      // dondoc worker with 150 or more agency workflows waking at one instant died in a workflow thread
      // ("async hook stack has become corrupted"; see docs/performance.md). BENCH_WORKER_OPTIONS overrides.
      const workerOptions = process.env.BENCH_WORKER_OPTIONS
        ? (JSON.parse(process.env.BENCH_WORKER_OPTIONS) as WorkerProcessConfig['workerOptions'])
        : { maxConcurrentWorkflowTaskExecutions: 8 };
      const bundlePath = (await workflowBundleFiles())[config.kind];
      const env = {
        ...process.env,
        BENCH_WORKER: JSON.stringify({ workerOptions, ...config, address: server.address, dataDir, smtpUrl: catcher.url, bundlePath } satisfies WorkerProcessConfig),
      };
      const execArgv = ['--import', 'tsx', ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [])];
      const child = fork(join(projectRoot, 'bench', 'workerProcess.ts'), [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.add(child);
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      let stopping = false;
      const died = new Promise<never>((_, reject) =>
        child.once('exit', (code, signal) => !stopping && reject(new Error(`bench worker process ended unexpectedly (${code ?? signal})`))),
      );
      died.catch(() => undefined);
      await new Promise<void>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`bench worker exited (${code}) before it was ready`)));
        child.on('message', (m: WorkerStatusMessage) => m.type === 'ready' && resolve());
      });
      return {
        pid: child.pid!,
        died,
        status: () =>
          new Promise((resolve) => {
            const on = (m: WorkerStatusMessage) => {
              if (m.type !== 'status') return;
              child.off('message', on);
              resolve({ rss: m.rss, heapUsed: m.heapUsed, cached: m.cached });
            };
            child.on('message', on);
            child.send({ cmd: 'status' });
          }),
        async stop() {
          stopping = true;
          if (child.exitCode === null) child.send({ cmd: 'stop' });
          await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
          children.delete(child);
        },
      };
    },
    async close() {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      await connection.close();
      await catcher.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export { inPool } from '../src/runtime/inPool.js';

/** Percentile (nearest rank) of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
