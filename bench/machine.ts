/** The machine a bench run came from: every figure is only comparable with others of the same run. */
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  freeGiB: number;
  node: string;
  temporalCli: string;
  /** 1-minute load average when the run started and ended: other work on the machine slows every figure. */
  loadAtStart: number;
  loadAtEnd?: number;
  commit: string;
  at: string;
}

export function machine(temporalCli: string): Machine {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    temporalCli: sh(temporalCli, ['--version']).split('\n')[0] ?? 'unknown',
    loadAtStart: loadavg()[0]!,
    commit: sh('git', ['rev-parse', '--short', 'HEAD']),
    at: new Date().toISOString(),
  };
}
