/**
 * (a) Reminder-step throughput against the engine's ceiling, in the same run: M empty workflows (one
 * workflow task each) started as fast as the client can, their completions per second overall and
 * steady (10th to 90th percentile of close times); and M dondoc agencies (in cycles of 40, which send their
 * reminders in one batch, as dondoc runs) each issuing one reminder step to the SMTP catcher at one instant,
 * steps per second over the same span.
 */
import { cpuMeter, type CpuSplit } from './cpu.js';
import { inPool, percentile, startDevRig } from './devRig.js';
import { dondocWave, type Mail, type WaveFigures } from './wave.js';
import { benchEmptyWorkflow } from './workflows/index.js';

export interface CeilingFigures {
  m: number;
  /** Client starts per second (used to place the waves' instants). */
  startsPerSecond: number;
  overallPerSecond: number;
  steadyPerSecond: number;
  cpu: CpuSplit;
}

export async function emptyCeiling(m: number): Promise<CeilingFigures> {
  const rig = await startDevRig();
  try {
    const taskQueue = 'bench-empty';
    const worker = await rig.startWorker({ kind: 'baseline', taskQueue, maxCachedWorkflows: 1000 });
    const first = Date.now();
    const meter = cpuMeter(rig.serverPid, worker.pid);
    await inPool(
      Array.from({ length: m }, (_, i) => i),
      64,
      (i) => rig.client.workflow.start(benchEmptyWorkflow, { workflowId: `bench-empty-${i}`, taskQueue }),
    );
    const startsPerSecond = m / ((Date.now() - first) / 1000);
    const closes: number[] = [];
    for (let i = 0; i < m; i++) {
      // Every result, in order: by the time the first have been read the rest have mostly closed.
      const d = await rig.client.workflow.getHandle(`bench-empty-${i}`).describe();
      if (d.status.name === 'RUNNING') await rig.client.workflow.getHandle(`bench-empty-${i}`).result();
      const closed = d.closeTime ?? (await rig.client.workflow.getHandle(`bench-empty-${i}`).describe()).closeTime;
      closes.push(closed!.getTime());
    }
    closes.sort((a, b) => a - b);
    const cpu = meter.stop();
    await worker.stop();
    return {
      m,
      startsPerSecond,
      overallPerSecond: m / ((closes.at(-1)! - first) / 1000),
      steadyPerSecond: (0.8 * m) / ((percentile(closes, 90) - percentile(closes, 10)) / 1000),
      cpu,
    };
  } finally {
    await rig.close();
  }
}

export interface ThroughputFigures {
  ceiling: CeilingFigures;
  dondoc: WaveFigures;
  mail: Mail;
}

/** The figures, and the whole dondoc wave (with its nodemailer loop) for (b) to reuse when it has the same size. */
export async function reminderThroughput(m: number): Promise<{ figures: ThroughputFigures; wave: Awaited<ReturnType<typeof dondocWave>> }> {
  const ceiling = await emptyCeiling(m);
  const wave = await dondocWave(m, ceiling.startsPerSecond);
  return { figures: { ceiling, dondoc: wave.figures, mail: wave.mail }, wave };
}
