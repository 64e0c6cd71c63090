/**
 * A real PostgreSQL server for the tests, started the way the Temporal binaries are: Debian's
 * `postgresql` package (scripts/system-packages.sh), `initdb` and `pg_ctl` in a temporary directory on a
 * free port, as a non-root user when the tests run as root (PostgreSQL refuses root). Stopped and removed
 * after.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** The newest installed server's bin directory, or null (with the reason in `postgresMissing`). */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

export const postgresMissing = () => (postgresBinDir() ? null : 'PostgreSQL is not installed: run `bash scripts/system-packages.sh` as root (Debian package `postgresql`).');

/** uid/gid of `nobody` when running as root, for initdb and the server. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'nobody']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'nobody']).toString().trim());
  return { uid, gid };
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresMissing()!);
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-pg-'));
  const data = join(dir, 'data');
  const user = serverUser();
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(join(bin, cmd), args, { ...(user ?? {}), encoding: 'utf8', cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout || r.error?.message}`);
  };
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'dondoc\n');
  if (user) chownSync(pwfile, user.uid, user.gid);
  run('initdb', ['-D', data, '-U', 'dondoc', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // Sockets in the temporary directory, TCP on loopback only; fsync off: a test server keeps nothing.
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`, 'start']);
  return {
    url: `postgres://dondoc:dondoc@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
