import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compareExtractions, extractionOf, fieldTable, markdownTable, type Comparison, type Extraction } from '../../../src/import/evaluate.js';
import { importPlan } from '../../../src/import/importPlan.js';
import { renderDraftYaml } from '../../../src/import/render.js';
import { parsePlan } from '../../../src/plan/load.js';
import { projectRoot } from '../../../src/runtime/tools.js';

// The development corpus (test/fixtures/import/corpus/README.md): real November 2025 plans the rules were not
// written on, each with an extraction written by hand from its text.
const dir = join(projectRoot, 'test', 'fixtures', 'import', 'corpus');
const files = (await readdir(dir)).filter((f) => f.endsWith('.expected.yaml')).sort();
const rows: { name: string; comparison: Comparison }[] = [];

/** The goal: every reporting obligation right, every issuer and standing agency right, agencies recall ≥ 0.9. */
const minimum: Partial<Record<keyof Comparison, { precision: number; recall: number }>> = {
  document: { precision: 1, recall: 1 },
  standing: { precision: 1, recall: 1 },
  frequencies: { precision: 1, recall: 1 },
  deadlines: { precision: 1, recall: 1 },
  agencies: { precision: 0.9, recall: 0.9 },
  leads: { precision: 0.9, recall: 0.9 },
};

describe.each(files)('importing the corpus document of %s', (file) => {
  it('gives the issuer, standing agency and every reporting obligation of the hand-written extraction, and a valid draft', async () => {
    const expected = parse(await readFile(join(dir, file), 'utf8')) as Extraction & { source: string };
    const result = importPlan(await readFile(join(dir, expected.source), 'utf8'), { source: `corpus/${expected.source}` });
    if (!result.ok) throw new Error(`${expected.source}: ${result.reason}\n${JSON.stringify(result.warnings, null, 2)}`);

    const asYaml = parsePlan(stringify(result.plan), `${expected.source}.yaml`);
    expect(asYaml.ok ? [] : asYaml.errors).toEqual([]);
    const rendered = parsePlan(renderDraftYaml(result.plan, result.warnings, result.evidence), `${expected.source}.draft.yaml`);
    expect(rendered.ok ? [] : rendered.errors).toEqual([]);

    const comparison = compareExtractions(extractionOf(result.plan), expected);
    rows.push({ name: expected.source, comparison });
    for (const [measure, min] of Object.entries(minimum) as [keyof Comparison, { precision: number; recall: number }][]) {
      const s = comparison[measure];
      expect.soft(s.precision, `${measure} precision (extra: ${s.extra.join('; ')})`).toBeGreaterThanOrEqual(min.precision);
      expect.soft(s.recall, `${measure} recall (missing: ${s.missing.join('; ')})`).toBeGreaterThanOrEqual(min.recall);
    }
    // Every stated deadline is backed by the words it was read from; every assumed one says why.
    result.plan.reporting.obligations?.forEach((o, i) => {
      o.deadlines?.forEach((d, j) => {
        if (d.assumed) expect(o.assumptionNote, `${o.id}`).toMatch(/giả định/u);
        else
          expect(
            result.evidence.some((e) => e.path === `reporting.obligations[${i}].deadlines[${j}]` && e.line !== null),
            `${o.id} deadline ${j}`,
          ).toBe(true);
      });
    });
  });
});

afterAll(() => {
  if (rows.length) console.log(`\n${markdownTable(rows)}\n\n${fieldTable(rows)}\n`);
});
