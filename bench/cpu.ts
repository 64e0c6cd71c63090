/**
 * CPU seconds spent by the processes of a measurement (Linux /proc): this process (catcher, client,
 * in-process workers), a worker process, the Temporal server. Set against the wall-clock time and the
 * cores, they say which one caps a figure.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS = 100;

/** utime + stime of a process, in seconds; NaN when it is gone or /proc is missing. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return NaN;
  }
}

/** The pid of a child of this process whose command name starts with `name` (e.g. the Temporal server). */
export function childPid(name: string): number | null {
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === process.pid && comm.startsWith(name)) return Number(d);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return null;
}

export const selfCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export interface CpuSplit {
  wallSeconds: number;
  /** CPU seconds of each process over the measurement. */
  server: number;
  worker: number;
  bench: number;
}

/** Starts counting; `stop()` returns the split. The worker is another process (pid) or this one (null). */
export function cpuMeter(serverPid: number | null, workerPid: number | null) {
  const t0 = Date.now();
  const s0 = serverPid ? processCpuSeconds(serverPid) : NaN;
  const w0 = workerPid ? processCpuSeconds(workerPid) : NaN;
  const b0 = selfCpuSeconds();
  return {
    stop(): CpuSplit {
      const r = (x: number) => Math.round(x * 10) / 10;
      return {
        wallSeconds: r((Date.now() - t0) / 1000),
        server: r(serverPid ? processCpuSeconds(serverPid) - s0 : NaN),
        worker: r(workerPid ? processCpuSeconds(workerPid) - w0 : NaN),
        bench: r(selfCpuSeconds() - b0),
      };
    },
  };
}
