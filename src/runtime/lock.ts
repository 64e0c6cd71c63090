/**
 * One instance per data directory: the embedded Temporal dev server's SQLite file and the embedded
 * database (PGlite) belong to one process. A second instance gets a clear error instead of two servers
 * taking shard ownership from each other. A lock left by a process that died is taken over.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

interface LockInfo {
  pid: number;
  host: string;
  role: string;
  since: string;
}

export interface DataDirLock {
  file: string;
  release(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function lockDataDir(dataDir: string, role: string): DataDirLock {
  const dir = resolve(dataDir);
  const file = join(dir, 'dondoc.lock');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new Error(`data directory ${dir} cannot be created (${(err as NodeJS.ErrnoException).code}): set DONDOC_DATA_DIR to a writable directory`);
  }
  const mine: LockInfo = { pid: process.pid, host: hostname(), role, since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o644 });
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new Error(`data directory ${dir} is not writable (${code}): set DONDOC_DATA_DIR to a writable directory`);
      let held: LockInfo | null = null;
      try {
        held = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        held = null; // half-written by a process that died while writing it
      }
      const live = held && (held.host !== mine.host || alive(held.pid));
      if (live || attempt > 0)
        throw new Error(
          `data directory ${dir} is in use by another dondoc (${held?.role ?? '?'}, pid ${held?.pid ?? '?'} on ${held?.host ?? '?'}, since ${held?.since ?? '?'}): ` +
            `stop it first, or give this instance its own DONDOC_DATA_DIR (lock file ${file})`,
        );
      unlinkSync(file);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as LockInfo).pid === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return { file, release };
}
