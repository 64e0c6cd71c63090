/**
 * `npm start` as a user runs it: up with the embedded dev server, database and mail catcher; a second
 * instance on the same data directory refused; SIGINT and SIGTERM to the npm process stop everything; the
 * caught mail survives a restart and can be searched; a dead dev server stops the process loudly; a port
 * in use is a start-up error with its reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/runtime/tools.js';
import { freePort } from '../support/ports.js';

interface Started {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

describe('npm start', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let web = 0;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dondoc-start-'));
    // Ports away from the defaults; the dev server's UI is 1000 above its gRPC port.
    const temporal = 20_000 + Math.floor(Math.random() * 20_000);
    web = await freePort();
    env = {
      ...process.env,
      DONDOC_DATA_DIR: dataDir,
      WEB_PORT: String(web),
      TEMPORAL_DEV_PORT: String(temporal),
      MAIL_CATCHER_PORT: String(await freePort()),
      DONDOC_BOUNCE_SMTP_PORT: String(await freePort()),
      NODE_ENV: 'development',
    };
    delete env.TEMPORAL_ADDRESS;
    delete env.SMTP_URL;
    delete env.DATABASE_URL;
  });
  afterAll(async () => {
    for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (extra: NodeJS.ProcessEnv = {}): Promise<Started> => {
    const npm = spawn('npm', ['start', '--silent'], { cwd: projectRoot, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(npm);
    let out = '';
    npm.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => npm.once('exit', (code) => r(code)));
    const first = await Promise.race([
      exited.then(() => 'exited'),
      (async () => {
        while (!out.includes('Ctrl+C')) await new Promise((r) => setTimeout(r, 200));
        return 'up';
      })(),
    ]);
    if (first === 'exited' && !extra.EXPECT_FAILURE) throw new Error(`npm start exited:\n${out}`);
    return { npm, output: () => out, exited };
  };
  const children = (pid: number): number[] => {
    const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
    return r.stdout.split('\n').filter(Boolean).map(Number);
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const login = async (password: string) => {
    const page = await fetch(`http://127.0.0.1:${web}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(`http://127.0.0.1:${web}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: 'dev', password, _csrf: csrf, next: '/' }),
    });
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c!.startsWith('dondoc_session='))!;
  };
  const devPassword = (out: string) => /dev login: dev \/ (\S+)/.exec(out)![1]!;

  it('comes up ready, refuses a second instance on its data directory, and stops on SIGINT to npm with all its processes', { timeout: 180_000 }, async () => {
    const s = await start();
    expect((await fetch(`http://127.0.0.1:${web}/readyz`)).status).toBe(200);
    const node = children(s.npm.pid!);
    const devServer = node.flatMap(children);
    expect(devServer.length).toBeGreaterThan(0);

    const second = spawnSync(process.execPath, [join(projectRoot, 'bin', 'dondoc.mjs'), 'start'], {
      cwd: projectRoot,
      env: { ...env, WEB_PORT: String(await freePort()) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/data directory .* is in use by another dondoc \(start, pid \d+/);

    // The caught dispatch emails are in the database: searchable on /mail.
    const cookie = await login(devPassword(s.output()));
    const found = await (await fetch(`http://127.0.0.1:${web}/mail?q=${encodeURIComponent('[Triển khai]')}`, { headers: { cookie } })).text();
    expect(found).toMatch(/\[Triển khai\]/);

    s.npm.kill('SIGINT');
    expect(await s.exited).toBe(0);
    expect([...node, ...devServer].filter(alive)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${web}/healthz`)).rejects.toThrow();
  });

  it('after a restart the caught mail is still there; a killed dev server stops the process with its reason', { timeout: 180_000 }, async () => {
    const s = await start();
    const cookie = await login(devPassword(s.output()));
    const page = await (await fetch(`http://127.0.0.1:${web}/mail`, { headers: { cookie } })).text();
    expect(page).toMatch(/\[Triển khai\]/);

    const devServer = children(s.npm.pid!).flatMap(children);
    for (const pid of devServer) process.kill(pid, 'SIGKILL');
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(/the Temporal dev server exited/);
  });

  it('SIGTERM to npm stops it too; a port in use stops start-up at once, with the setting named', { timeout: 180_000 }, async () => {
    const s = await start();
    s.npm.kill('SIGTERM');
    expect(await s.exited).toBe(0);

    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(web, '127.0.0.1', () => r()));
    try {
      const failed = await start({ EXPECT_FAILURE: '1' });
      expect(await failed.exited).toBe(1);
      expect(failed.output()).toContain(`port ${web} on 127.0.0.1 is in use (WEB_PORT)`);
    } finally {
      blocker.close();
    }
  });
});
