/**
 * `npm run fuzz -- --runs N [--seed S]`: the fuzz suite of `npm test`, longer. Starts the test rig
 * (time-skipping Temporal, worker, real web server), runs each property with N seeded inputs (the
 * renderers N/4: each renders three documents), prints the counts, and exits 1 if any failure count
 * is not 0.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installRuntimeLogging } from '../src/runtime/logging.js';
import { projectRoot } from '../src/runtime/tools.js';
import { fuzzExtensionRequests, fuzzPlans, fuzzRenderers, fuzzSubmissions, sum, type Counts } from '../test/fuzz/properties.js';
import { sonLaAnnualReport } from '../test/support/reportFixture.js';
import { runScript } from '../test/support/script.js';
import { startWebRig } from '../test/support/web.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: a whole number ≥ 1`);
  return v;
};
const runs = arg('runs', 1000);
const seed = arg('seed', 20261201);

installRuntimeLogging('ERROR');
const rows: [string, Counts, number][] = [];
const timed = async (name: string, fn: () => Promise<Counts> | Counts) => {
  const t = Date.now();
  const c = await fn();
  rows.push([name, c, Date.now() - t]);
  process.stderr.write(`${name}: ${c.runs} runs\n`);
};

await timed('plan files', async () => fuzzPlans(await readFile(join(projectRoot, 'plans/son-la-37-ct-tw-2024.yaml'), 'utf8'), runs, seed));
await timed('text into DOCX, XLSX, HTML', async () => fuzzRenderers(await sonLaAnnualReport(), Math.ceil(runs / 4), seed + 1));
const apiToken = 'api-token-for-the-fuzz-suite-0123456789abcdef';
const web = await startWebRig('fuzz', '2026-06-03T09:00:00+07:00', { apiToken });
try {
  await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, '2026-06-04T09:00:00+07:00');
  await timed('submissions (link API, portal, staff API)', () => fuzzSubmissions(web, apiToken, runs, seed + 2));
  await timed('extension requests (link API, portal)', () => fuzzExtensionRequests(web, runs, seed + 3));
} finally {
  await web.close();
}

const cols = ['runs', '5xx', 'crashes', 'acceptedButInvalid', 'rejectedButRecorded', 'workflowsBroken', 'accepted', 'refused'] as const;
const total = sum(rows.map((r) => r[1]));
const line = (name: string, c: Counts, ms?: number) =>
  `| ${name.padEnd(42)} | ${cols.map((k) => String(c[k]).padStart(k.length)).join(' | ')} | ${ms === undefined ? '' : `${(ms / 1000).toFixed(0)} s`} |`;
console.log(`fuzz: seed ${seed}, --runs ${runs}\n`);
console.log(`| ${'property'.padEnd(42)} | ${cols.join(' | ')} | time |`);
console.log(`|${'-'.repeat(44)}|${cols.map((k) => '-'.repeat(k.length + 2)).join('|')}|------|`);
for (const [name, c, ms] of rows) console.log(line(name, c, ms));
console.log(line('total', total));
for (const e of total.examples) console.log(`  ${e}`);
const failed = total['5xx'] + total.crashes + total.acceptedButInvalid + total.rejectedButRecorded + total.workflowsBroken;
console.log(failed ? `\n${failed} failure(s)` : '\n0 × 5xx, 0 crashes, 0 accepted-but-invalid, 0 rejected-but-recorded, 0 workflows terminated or failed');
process.exitCode = failed ? 1 : 0;
