/**
 * Imports each seed text and compares the draft with the hand-encoded plan in plans/: prints a Markdown
 * table of precision / recall (agencies, tasks' lead agencies, targets, deadlines). `npm run import:eval`;
 * `--details` also lists what was missed and what was extra.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { comparePlans, markdownTable, type Comparison } from '../src/import/evaluate.js';
import { importPlan } from '../src/import/importPlan.js';
import { loadPlanOrThrow } from '../src/plan/load.js';
import { projectRoot } from '../src/runtime/tools.js';

const seedDir = join(projectRoot, 'test', 'fixtures', 'import', 'seeds');
const details = process.argv.includes('--details');

const rows: { name: string; comparison: Comparison }[] = [];
for (const file of (await readdir(join(projectRoot, 'plans'))).filter((f) => f.endsWith('.yaml')).sort()) {
  const hand = await loadPlanOrThrow(join(projectRoot, 'plans', file));
  const seed = basename(hand.document.source);
  const result = importPlan(await readFile(join(seedDir, seed), 'utf8'), { source: `seeds/${seed}` });
  if (!result.ok) {
    process.stderr.write(`${seed}: import failed: ${result.reason}\n`);
    process.exitCode = 1;
    continue;
  }
  const comparison = comparePlans(result.plan, hand);
  rows.push({ name: `${seed.slice(0, 3)} ${file.replace(/\.yaml$/, '')}`, comparison });
  if (details) {
    for (const [k, s] of Object.entries(comparison)) {
      if (s.missing.length || s.extra.length) process.stdout.write(`${seed} ${k}: missing ${JSON.stringify(s.missing)} extra ${JSON.stringify(s.extra)}\n`);
    }
  }
}
process.stdout.write(`${markdownTable(rows.sort((a, b) => a.name.localeCompare(b.name)))}\n`);
