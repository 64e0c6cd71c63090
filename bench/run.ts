/**
 * `npm run bench [-- --quick] [-- --only a,b,c,d,e,f] [-- --no-profile]`: the figures of issue 16, each as a
 * ratio to a baseline measured in the same run, on the embedded dev server (Temporal CLI, SQLite) with
 * workers in their own processes and a real SMTP catcher. Printed, and written to
 * bench/results/latest.json (latest-quick.json for --quick). No thresholds: the goals are shown beside
 * the figures, and a CPU profile is taken where a goal is usually missed (see docs/performance.md).
 *
 * (a) reminder-step throughput against empty workflows      bench/throughput.ts
 *     and one reminder's CPU in the activity, in process      bench/notice.ts
 * (b) a deadline wave at N against two baselines             bench/wave.ts
 * (c) worker memory per cached workflow                      bench/memory.ts
 * (d) history per agency-period and cycle, current vs old    bench/history/
 * (e) a 10-year, 40-agency plan simulated end to end         bench/simulation.ts
 * (f) the consolidated DOCX/XLSX, 40 agencies × 30 targets   bench/documents.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installRuntimeLogging } from '../src/runtime/logging.js';
import { projectRoot, temporalCliPath } from '../src/runtime/tools.js';
import { documentFigures } from './documents.js';
import { historyFigures } from './history/compare.js';
import { machine } from './machine.js';
import { writeResultsSection } from './markdown.js';
import { workerMemory } from './memory.js';
import { noticeFigures } from './notice.js';
import { newestProfile, summariseProfile, withCpuProfile } from './profile.js';
import { printReport, type BenchResults } from './report.js';
import { simulationFigures } from './simulation.js';
import { reminderThroughput } from './throughput.js';
import { dondocWave, timerWave } from './wave.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
    // Overrides of the sizes (e.g. a shorter full run): --waves 1000,3000 --throughput 1000 --memory 1000 --years 10
    waves: { type: 'string' },
    throughput: { type: 'string' },
    memory: { type: 'string' },
    years: { type: 'string' },
  },
});
const quick = values.quick;
const only = new Set((values.only ?? 'a,b,c,d,e,f').split(','));
const profile = !values['no-profile'];
const sizes = quick
  ? // Every section, each as small as still says something, to finish in under 3 minutes on a 2-core machine (docs/performance.md).
    {
      throughput: 100,
      waves: [100],
      memory: 100,
      history: { agencies: 4, old: false, lengths: [20_000] },
      simulate: { from: '2026-01-01', to: '2026-06-30' },
      documentsMs: 500,
      notices: 100,
    }
  : {
      throughput: 2000,
      waves: [1000, 3000, 6800],
      memory: 2310,
      history: { agencies: 40, old: true, lengths: [200, 20_000] },
      simulate: { from: '2026-01-01', to: '2035-12-31' },
      documentsMs: 3000,
      notices: 1000,
    };
if (values.waves) sizes.waves = values.waves.split(',').map(Number);
if (values.throughput) sizes.throughput = Number(values.throughput);
if (values.memory) sizes.memory = Number(values.memory);
if (values.years) sizes.simulate.to = `${2025 + Number(values.years)}-12-31`;
const resultsDir = join(projectRoot, 'bench', 'results');
const profileDir = join(resultsDir, 'profiles');
const log = (m: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

installRuntimeLogging();
const results: BenchResults = { mode: quick ? 'quick' : 'full', machine: machine(temporalCliPath()), profiles: {}, errors: {} };
const started = Date.now();
const resultsFile = join(resultsDir, quick ? 'latest-quick.json' : 'latest.json');

/** Written after every scenario too, so a run cut short keeps what it measured. */
async function save(): Promise<void> {
  results.machine.loadAtEnd = loadavg()[0]!;
  results.seconds = (Date.now() - started) / 1000;
  await mkdir(resultsDir, { recursive: true });
  await writeFile(resultsFile, JSON.stringify(results, null, 2));
}

/** A scenario that fails (a worker process that crashed) is tried once more, then recorded as an error. */
async function attempt<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      log(`${name} failed (attempt ${i}): ${(err as Error).message}`);
      if (i === 2) {
        results.errors[name] = (err as Error).message;
        return undefined;
      }
    }
  }
}

// The time-skipping and in-process scenarios first (minutes), then the dev-server ones, the waves last.
if (only.has('f')) {
  log('(f) consolidated report, 40 agencies × 30 targets');
  const sample = await documentFigures('sample', sizes.documentsMs);
  if (profile) {
    const { result, file } = await withCpuProfile(profileDir, 'documents', () => documentFigures(20_000, sizes.documentsMs));
    results.documents = [sample, result];
    results.profiles.documents = await summariseProfile(file);
  } else results.documents = [sample, await documentFigures(20_000, sizes.documentsMs)];
  await save();
}
if (only.has('d')) {
  results.history = await attempt('d', () => historyFigures({ ...sizes.history, revisions: 5, log }));
  await save();
}
if (only.has('a')) {
  log(`(a′) ${sizes.notices} reminders through deliverNotice in process, then the same through the bare Mailer`);
  results.notice = await attempt('a-notice', () => noticeFigures(sizes.notices));
  await save();
}
// The empty-workflow ceiling is measured before the waves: its start rate places every wave's instant.
let startsPerSecond = 20;
let waveOfA: Awaited<ReturnType<typeof reminderThroughput>>['wave'] | undefined;
if (only.has('a') || only.has('b')) {
  log(`(a) ${sizes.throughput} empty workflows, then ${sizes.throughput} agencies (in cycles of 40) issuing one reminder step each`);
  const a = await attempt('a', () => reminderThroughput(sizes.throughput));
  results.throughput = a?.figures;
  waveOfA = a?.wave;
  startsPerSecond = results.throughput?.ceiling.startsPerSecond ?? startsPerSecond;
  await save();
}
if (only.has('c')) {
  log(`(c) ${sizes.memory} cached workflows: timer workflows, then agency workflows`);
  results.memory = await attempt('c', () => workerMemory(sizes.memory));
  await save();
}
if (only.has('b')) {
  results.waves = [];
  const largest = Math.max(...sizes.waves);
  for (const n of sizes.waves) {
    // The largest wave's dondoc worker is profiled (--cpu-prof): it is the figure with a goal at stake.
    const cpuProfDir = profile && n === largest ? join(profileDir, `wave-${n}`) : undefined;
    // (a) ran the same scenario at its size: its wave is this one (unless this one is to be profiled).
    const reuse = waveOfA && n === sizes.throughput && !cpuProfDir;
    log(`(b) wave of ${n}: dondoc${cpuProfDir ? ' (worker profiled)' : ''}, then the nodemailer loop${reuse ? ' (the wave of (a))' : ''}`);
    const d = reuse ? waveOfA : await attempt(`b-${n}-dondoc`, () => dondocWave(n, startsPerSecond, { cpuProfDir }));
    if (!d) continue;
    log(`(b) wave of ${n}: one timer and one activity per agency`);
    const timer = await attempt(`b-${n}-timer`, () => timerWave(n, startsPerSecond, d.mail));
    if (!timer) continue;
    results.waves.push({ n, dondoc: d.figures, timer, loop: d.loop });
    if (cpuProfDir) {
      const file = await newestProfile(cpuProfDir);
      if (file) results.profiles[`wave-${n}-worker`] = await summariseProfile(file);
    }
    await save();
  }
}

if (only.has('e')) {
  log(`(e) simulate ${sizes.simulate.from} → ${sizes.simulate.to}, 40 agencies`);
  if (profile) {
    const { result, file } = await withCpuProfile(profileDir, 'simulate', () => simulationFigures(sizes.simulate.from, sizes.simulate.to));
    results.simulation = result;
    results.profiles.simulate = await summariseProfile(file);
  } else results.simulation = await simulationFigures(sizes.simulate.from, sizes.simulate.to);
  await save();
}
await save();
printReport(results);
// A full run updates the table in docs/performance.md; a quick one only its own JSON.
if (!quick && only.size === 6) await writeResultsSection(join(projectRoot, 'docs', 'performance.md'), results);
console.log(`\nresults: ${resultsFile} (${results.seconds!.toFixed(0)} s)`);
process.exit(0);
