import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/runtime/tools.js';
import { fuzzPlans, fuzzRenderers } from '../fuzz/properties.js';
import { sonLaAnnualReport } from '../support/reportFixture.js';

/** The pure half of the fuzz suite (npm run fuzz runs more of the same): no crash, nothing invalid accepted. */
describe('fuzz (seeded): plan files and renderers', () => {
  const RUNS = Number(process.env.DONDOC_FUZZ_RUNS ?? 40);
  const LONG = { timeout: 600_000 };

  it(
    `mutated plan files (${RUNS} runs): every file answers, none crashes, none invalid is accepted`,
    async () => {
      const seed = await readFile(join(projectRoot, 'plans/son-la-37-ct-tw-2024.yaml'), 'utf8');
      const c = fuzzPlans(seed, RUNS, 20261201);
      expect({ crashes: c.crashes, acceptedButInvalid: c.acceptedButInvalid, examples: c.examples }).toEqual({ crashes: 0, acceptedButInvalid: 0, examples: [] });
      expect(c.refused).toBeGreaterThan(0);
      expect(c.accepted).toBeGreaterThan(0);
    },
    LONG,
  );

  it(
    `hostile text into every renderer (${Math.ceil(RUNS / 4)} runs): every DOCX, XLSX and HTML file is well-formed`,
    async () => {
      const c = await fuzzRenderers(await sonLaAnnualReport(), Math.ceil(RUNS / 4), 20261202);
      expect({ crashes: c.crashes, acceptedButInvalid: c.acceptedButInvalid, examples: c.examples }).toEqual({ crashes: 0, acceptedButInvalid: 0, examples: [] });
      expect(c.accepted).toBeGreaterThan(0);
    },
    LONG,
  );
});
