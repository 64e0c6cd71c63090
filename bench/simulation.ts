/**
 * (e) The 40-agency plan simulated end to end (`dondoc simulate`, the real workflows on the time-skipping
 * server, a real SMTP catcher): wall-clock seconds, what it produced, and that nothing failed.
 */
import { performance } from 'node:perf_hooks';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { testServerPath } from '../src/runtime/tools.js';
import { simulate } from '../src/simulate/simulate.js';
import { childPid, cpuMeter, type CpuSplit } from './cpu.js';
import { plan40 } from './agencies.js';

export interface SimulationFigures {
  from: string;
  to: string;
  seconds: number;
  emails: number;
  submissions: number;
  reports: number;
  workflows: { completed: number; failed: number; running: number };
  /** Script executions (chunks) the run used. */
  scripts: number;
  /** CPU seconds: the time-skipping server, and this process (worker, activities, catcher). */
  cpu: CpuSplit;
}

export async function simulationFigures(from: string, to: string): Promise<SimulationFigures> {
  let scripts = 0;
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  const t0 = performance.now();
  const meter = cpuMeter(childPid('temporal-test'), null);
  let r: Awaited<ReturnType<typeof simulate>>;
  let cpu: CpuSplit;
  try {
    r = await simulate({ plan: plan40(), from, to, env, onProgress: (m) => void (m.startsWith('script ') && scripts++) });
    cpu = meter.stop();
  } finally {
    await env.teardown();
  }
  return {
    cpu,
    from,
    to,
    seconds: (performance.now() - t0) / 1000,
    emails: r.emails.length,
    submissions: r.submissions.length,
    reports: r.reports.filter((x) => x.sentAt).length,
    workflows: { completed: r.workflows.completed, failed: r.workflows.failed, running: r.workflows.running },
    scripts: Math.max(scripts, 1),
  };
}
