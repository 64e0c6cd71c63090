import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { comparePlans, markdownTable, type Comparison } from '../../../src/import/evaluate.js';
import { importPlan } from '../../../src/import/importPlan.js';
import { renderDraftYaml } from '../../../src/import/render.js';
import { loadPlanOrThrow, parsePlan } from '../../../src/plan/load.js';
import { projectRoot } from '../../../src/runtime/tools.js';

const seedDir = join(projectRoot, 'test', 'fixtures', 'import', 'seeds');
const planFiles = (await readdir(join(projectRoot, 'plans'))).filter((f) => f.endsWith('.yaml')).sort();
const rows: { name: string; comparison: Comparison }[] = [];

/** The least each measure must reach on every seed (the table in docs/importer.md shows what it does reach). */
const minimum = {
  agencies: { precision: 1, recall: 1 },
  deadlines: { precision: 1, recall: 1 },
  leads: { precision: 0.95, recall: 0.95 },
  targets: { precision: 0.95, recall: 0.85 },
};

describe.each(planFiles)('importing the seed text of %s', (planFile) => {
  it('gives a draft that matches the hand-encoded plan and passes the plan validation', async () => {
    const hand = await loadPlanOrThrow(join(projectRoot, 'plans', planFile));
    const seed = basename(hand.document.source);
    const result = importPlan(await readFile(join(seedDir, seed), 'utf8'), { source: `seeds/${seed}` });
    if (!result.ok) throw new Error(`${seed}: ${result.reason}\n${JSON.stringify(result.warnings, null, 2)}`);

    // The project's own validation (schema + crossCheck), both as data and through the YAML the CLI writes.
    const asYaml = parsePlan(stringify(result.plan), `${seed}.yaml`);
    expect(asYaml.ok ? [] : asYaml.errors).toEqual([]);
    const rendered = parsePlan(renderDraftYaml(result.plan, result.warnings, result.evidence), `${seed}.draft.yaml`);
    expect(rendered.ok ? [] : rendered.errors).toEqual([]);

    const comparison = comparePlans(result.plan, hand);
    rows.push({ name: `${seed.slice(0, 3)} ${planFile.replace(/\.yaml$/, '')}`, comparison });
    for (const [measure, min] of Object.entries(minimum) as [keyof Comparison, { precision: number; recall: number }][]) {
      const s = comparison[measure];
      expect.soft(s.precision, `${measure} precision (extra: ${s.extra.join('; ')})`).toBeGreaterThanOrEqual(min.precision);
      expect.soft(s.recall, `${measure} recall (missing: ${s.missing.join('; ')})`).toBeGreaterThanOrEqual(min.recall);
    }
    // Every value the draft states is backed by a quote of the source.
    expect(result.evidence.length).toBeGreaterThan(0);
    expect(result.evidence.every((e) => e.quote.length > 0 && e.quote === e.quote.normalize('NFC'))).toBe(true);
  });
});

afterAll(() => {
  if (rows.length) console.log(`\n${markdownTable(rows.sort((a, b) => a.name.localeCompare(b.name)))}\n`);
});
