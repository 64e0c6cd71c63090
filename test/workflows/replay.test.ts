import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/runtime/tools.js';
import { installRuntimeLogging } from '../../src/runtime/logging.js';
import { workflowBundle } from '../../worker/createWorker.js';

/**
 * Determinism: the workflow code must replay every history recorded from a simulated year of each
 * seed plan (`npm run record-histories`). A change that alters the commands a running workflow would
 * issue fails here; such a change needs `patched()` and freshly recorded histories next to the old ones.
 */
const dir = join(projectRoot, 'test', 'histories');
// One folder per recorded set; older sets stand for workflows still running on older code paths.
const sets = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const files = sets.flatMap((set) =>
  readdirSync(join(dir, set))
    .filter((f) => f.endsWith('.binpb'))
    .map((f) => `${set}/${f}`),
);

describe('replay of recorded histories', () => {
  it('there are recorded histories for every seed plan and every workflow type', () => {
    expect(sets.length).toBeGreaterThan(0);
    const plans = new Set(files.map((f) => f.split('/')[1]!.split('--')[0]));
    expect([...plans].sort()).toEqual([
      'an-giang-06-nq-cp-2023',
      'ninh-thuan-06-nq-cp-2023',
      'son-la-37-ct-tw-2024',
      'thai-binh-4263-ubnd-kgvx-2021',
      'thai-nguyen-227-kh-ubnd-2021',
    ]);
    for (const kind of ['plan-run', 'cycle-', 'report-']) expect(files.some((f) => f.includes(`--${kind}`))).toBe(true);
  });

  it('the current workflow code replays every one of them without a determinism error', async () => {
    installRuntimeLogging();
    const histories = files.map((f) => ({
      workflowId: f.replace(/\.binpb$/, '').replace('/', ':'),
      history: proto.temporal.api.history.v1.History.decode(readFileSync(join(dir, f))),
    }));
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
