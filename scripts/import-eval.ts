/**
 * `npm run import:eval`: imports every evaluation text and scores the draft, per field and per document, on
 * two sets kept apart — the seeds (against the hand-encoded plans in plans/) and the development corpus
 * (against the hand-written test/fixtures/import/corpus/*.expected.yaml). `--details` lists what was missed
 * and what was extra; `--json` prints the comparisons.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { compareExtractions, comparePlans, extractionOf, fieldTable, markdownTable, type Comparison, type Extraction } from '../src/import/evaluate.js';
import { importPlan } from '../src/import/importPlan.js';
import { loadPlanOrThrow } from '../src/plan/load.js';
import { projectRoot } from '../src/runtime/tools.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'import');
const details = process.argv.includes('--details');
const json = process.argv.includes('--json');
type Row = { name: string; comparison: Comparison };

async function seeds(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const file of (await readdir(join(projectRoot, 'plans'))).filter((f) => f.endsWith('.yaml')).sort()) {
    const hand = await loadPlanOrThrow(join(projectRoot, 'plans', file));
    const seed = basename(hand.document.source);
    const result = importPlan(await readFile(join(fixtures, 'seeds', seed), 'utf8'), { source: `seeds/${seed}` });
    if (!result.ok) {
      process.stderr.write(`${seed}: import failed: ${result.reason}\n`);
      process.exitCode = 1;
      continue;
    }
    rows.push({ name: `${seed.slice(0, 3)} ${file.replace(/\.yaml$/, '')}`, comparison: comparePlans(result.plan, hand) });
  }
  return rows;
}

async function corpus(): Promise<Row[]> {
  const rows: Row[] = [];
  const dir = join(fixtures, 'corpus');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.expected.yaml')).sort()) {
    const expected = parse(await readFile(join(dir, file), 'utf8')) as Extraction & { source: string };
    const result = importPlan(await readFile(join(dir, expected.source), 'utf8'), { source: `corpus/${expected.source}` });
    const found: Extraction = result.ok
      ? extractionOf(result.plan)
      : { document: { number: null, issuedOn: null, issuer: '', province: '' }, standingAgency: '', agencies: [], tasks: [], targets: [], obligations: [], adHoc: false };
    if (!result.ok) process.stderr.write(`${expected.source}: import failed: ${result.reason}\n`);
    rows.push({
      name: `${expected.source.slice(0, 8)} ${expected.document.issuer.replace('Ủy ban nhân dân ', '')} ${expected.document.number}`,
      comparison: compareExtractions(found, expected),
    });
  }
  return rows;
}

const sets = { seeds: await seeds(), corpus: await corpus() };
if (json) {
  process.stdout.write(`${JSON.stringify(sets, null, 2)}\n`);
} else {
  for (const [label, rows] of Object.entries(sets)) {
    process.stdout.write(
      `\n## ${label === 'seeds' ? 'Seeds (against plans/*.yaml)' : 'Corpus plans-2025 (against test/fixtures/import/corpus/*.expected.yaml)'}\n\nPer document, precision / recall (matched/expected):\n\n${markdownTable(rows)}\n\nPer field:\n\n${fieldTable(rows)}\n`,
    );
    if (details) {
      for (const r of rows) {
        for (const [k, s] of Object.entries(r.comparison)) {
          if (s.missing.length || s.extra.length) process.stdout.write(`- ${r.name} ${k}: missing ${JSON.stringify(s.missing)} extra ${JSON.stringify(s.extra)}\n`);
        }
      }
    }
  }
}
