/**
 * (c) Worker memory per cached workflow: n workflows parked on a timer an hour away, all in the worker's
 * cache (maxCachedWorkflows above n), the worker's RSS before and after, for dondoc's
 * agency workflows and for baseline timer workflows, each in a fresh worker process.
 */
import { startAgencyWave, startTimerWave } from './agencies.js';
import { startDevRig } from './devRig.js';

export interface MemoryFigures {
  n: number;
  /** Workflows in the cache when measured. */
  cached: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  heapAfterMiB: number;
  /** (RSS after − RSS before) / cached. */
  perCachedMiB: number;
}

const MiB = 1024 * 1024;

async function measure(kind: 'dondoc' | 'baseline', n: number): Promise<MemoryFigures> {
  const rig = await startDevRig();
  try {
    const taskQueue = `bench-memory-${kind}`;
    const worker = await rig.startWorker({ kind, taskQueue, maxCachedWorkflows: n + 100 });
    const before = await worker.status();
    const at = Date.now() + 3_600_000;
    if (kind === 'dondoc') await startAgencyWave(rig.client, rig.dataDir, taskQueue, n, at, 'bench-mem');
    else await startTimerWave(rig.client, taskQueue, n, at, 'bench-mem');
    let after = await worker.status();
    for (let i = 0; i < 600 && after.cached < n; i++) {
      await new Promise((r) => setTimeout(r, 500));
      after = await worker.status();
    }
    await new Promise((r) => setTimeout(r, 2000));
    after = await worker.status();
    await worker.stop();
    return {
      n,
      cached: after.cached,
      rssBeforeMiB: before.rss / MiB,
      rssAfterMiB: after.rss / MiB,
      heapAfterMiB: after.heapUsed / MiB,
      perCachedMiB: (after.rss - before.rss) / MiB / Math.max(1, after.cached),
    };
  } finally {
    await rig.close();
  }
}

export async function workerMemory(n: number): Promise<{ dondoc: MemoryFigures; baseline: MemoryFigures }> {
  return { baseline: await measure('baseline', n), dondoc: await measure('dondoc', n) };
}
