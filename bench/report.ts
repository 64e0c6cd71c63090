/** The bench's results: their shape (bench/results/*.json) and the terminal table, with the goals of issue 16. */
import type { DocumentFigures } from './documents.js';
import type { HistoryFigures } from './history/compare.js';
import type { Machine } from './machine.js';
import type { MemoryFigures } from './memory.js';
import type { NoticeFigures } from './notice.js';
import type { ProfileSummary } from './profile.js';
import type { SimulationFigures } from './simulation.js';
import type { ThroughputFigures } from './throughput.js';
import type { WaveFigures } from './wave.js';

export interface BenchResults {
  mode: 'quick' | 'full';
  machine: Machine;
  seconds?: number;
  throughput?: Omit<ThroughputFigures, 'mail'> & { mail?: unknown };
  /** (a′) one reminder's CPU in the activity, in process. */
  notice?: NoticeFigures;
  waves?: { n: number; dondoc: WaveFigures; timer: WaveFigures; loop: WaveFigures }[];
  memory?: { dondoc: MemoryFigures; baseline: MemoryFigures };
  history?: HistoryFigures[];
  simulation?: SimulationFigures;
  documents?: DocumentFigures[];
  profiles: Record<string, ProfileSummary>;
  /** Scenarios that failed twice, with the error. */
  errors: Record<string, string>;
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const goal = (ok: boolean) => (ok ? 'goal met' : 'GOAL NOT MET');

export function printReport(r: BenchResults): void {
  const m = r.machine;
  console.log(
    `\ndondoc bench (${r.mode}) — ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, node ${m.node}, ${m.temporalCli}, load ${f1(m.loadAtStart)}→${f1(m.loadAtEnd ?? NaN)}, ${m.commit}`,
  );
  if (r.throughput) {
    const { ceiling: c, dondoc: d } = r.throughput;
    console.log(`\n(a) throughput, ${c.m} workflows`);
    console.log(`    empty workflows (ceiling): ${f1(c.overallPerSecond)}/s overall, ${f1(c.steadyPerSecond)}/s steady; starts ${f1(c.startsPerSecond)}/s`);
    console.log(`    dondoc reminder steps:     ${f1(d.drainPerSecond)}/s overall, ${f1(d.steadyPerSecond)}/s steady, ${d.workflowTasks} workflow tasks per agency`);
    const ratio = d.steadyPerSecond / c.steadyPerSecond;
    console.log(`    ratio (steady): ${f2(ratio)} of the ceiling; overall ${f2(d.drainPerSecond / c.overallPerSecond)}  — ${goal(ratio >= 0.5)} (≥ 0.5)`);
  }
  if (r.notice) {
    const { notice: x, send: b } = r.notice;
    console.log(
      `\n(a′) one reminder in the activity (in process, ${r.notice.n} in a row): deliverNotice ${f1(x.cpuMsPerNotice)} ms CPU (${f1(x.msPerNotice)} ms wall), bare Mailer ${f1(b.cpuMsPerNotice)} ms CPU (${f1(b.msPerNotice)} ms wall): ${f2(x.cpuMsPerNotice / b.cpuMsPerNotice)} × the bare send`,
    );
  }
  if (r.waves?.length) {
    console.log('\n(b) deadline wave: lag behind the instant (s) p50 / p99 / max, drain (msg/s)');
    for (const w of r.waves) {
      const row = (name: string, x: WaveFigures) =>
        console.log(`    ${name.padEnd(26)} ${f1(x.p50).padStart(7)} ${f1(x.p99).padStart(7)} ${f1(x.max).padStart(7)}   ${f1(x.drainPerSecond).padStart(6)}/s`);
      console.log(`  N = ${w.n} (starts took ${f1(w.dondoc.startSeconds)} s; cached at the instant: ${w.dondoc.cachedAtInstant})`);
      row('bare pooled nodemailer', w.loop);
      row('timer + activity', w.timer);
      row('dondoc (cycles, batched)', w.dondoc);
      const vsLoop = w.dondoc.max / w.loop.max;
      console.log(`    last reminder: ${f2(vsLoop)} × the nodemailer loop, ${f2(w.dondoc.max / w.timer.max)} × timer + activity — ${goal(vsLoop <= 2)} (≤ 2 × loop)`);
    }
  }
  if (r.memory) {
    const { dondoc: d, baseline: b } = r.memory;
    console.log(`\n(c) worker memory, ${d.cached} cached workflows`);
    console.log(`    timer workflows: RSS ${f1(b.rssBeforeMiB)} → ${f1(b.rssAfterMiB)} MiB, ${f2(b.perCachedMiB)} MiB per cached workflow`);
    console.log(
      `    dondoc agency:   RSS ${f1(d.rssBeforeMiB)} → ${f1(d.rssAfterMiB)} MiB, ${f2(d.perCachedMiB)} MiB per cached workflow (${f2(d.perCachedMiB / b.perCachedMiB)} × baseline) — ${goal(d.perCachedMiB <= 1)} (≤ 1 MB)`,
    );
  }
  if (r.history?.length) {
    console.log('\n(d) history (events, bytes)    plan            cycle           agency (1 rev, max)  agency (5 rev)     cycle + agencies');
    for (const h of r.history) {
      const c = (x: { events: number; bytes: number }) => `${String(x.events).padStart(5)} ${kb(x.bytes).padStart(11)}`;
      console.log(`    ${`${h.code}, ${h.chars} chars`.padEnd(24)} ${c(h.plan)}  ${c(h.cycle)}  ${c(h.agencyMax)}   ${c(h.agencyRevised)}  ${c(h.cycleTotal)}`);
    }
    const full = r.history.find((h) => h.code === 'current' && h.chars === 20_000);
    const short = r.history.find((h) => h.code === 'current' && h.chars === 200);
    if (full) {
      const worst = full.agencyRevised.bytes > full.agencyMax.bytes ? full.agencyRevised : full.agencyMax;
      console.log(
        `    per agency-period: ≤ ${Math.max(full.agencyMax.events, full.agencyRevised.events)} events, ≤ ${kb(worst.bytes)} — ${goal(Math.max(full.agencyMax.events, full.agencyRevised.events) <= 300 && worst.bytes <= 100 * 1024)} (≤ 300 events, ≤ 100 KB)`,
      );
      if (short)
        console.log(
          `    200 → 20,000 characters: ${full.agencyRevised.events - short.agencyRevised.events} events, ${full.agencyRevised.bytes - short.agencyRevised.bytes} bytes more in the 5-revision agency-period`,
        );
    }
  }
  if (r.simulation) {
    const s = r.simulation;
    console.log(
      `\n(e) simulate ${s.from} → ${s.to}, 40 agencies: ${f1(s.seconds)} s, ${s.emails} emails, ${s.submissions} submissions, ${s.reports} reports sent, workflows ${JSON.stringify(s.workflows)}, ${s.scripts} script executions — ${goal(s.seconds < 60 && s.workflows.failed === 0)} (< 60 s)`,
    );
  }
  for (const d of r.documents ?? []) {
    console.log(
      `\n(f) consolidated report, ${d.agencies} agencies × ${d.targets} targets, ${d.chars === 'sample' ? 'sample reports' : `${d.chars}-character texts`}: ${f1(d.msPerReport)} ms (consolidate ${f1(d.msConsolidate)} ms), DOCX ${f1(d.docxKiB)} KiB, XLSX ${f1(d.xlsxKiB)} KiB — ${goal(d.msPerReport < 500)} (< 0.5 s)`,
    );
  }
  for (const [name, e] of Object.entries(r.errors)) console.log(`\nFAILED ${name}: ${e}`);
  for (const [name, p] of Object.entries(r.profiles)) {
    console.log(`\nprofile ${name} (${p.totalMs} ms sampled): ${p.byPackage.map((x) => `${x.name} ${x.pct}%`).join(', ')}`);
    for (const t of p.top.slice(0, 6)) console.log(`    ${String(t.pct).padStart(5)}%  ${t.fn}  ${t.where}`);
  }
}
