/**
 * The results of a full bench run as the Markdown tables of docs/performance.md, written between the
 * `<!-- bench:results -->` markers (the analysis around them is written by hand).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { BenchResults } from './report.js';

const f1 = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x.toFixed(2) : '–');
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const ok = (b: boolean) => (b ? '✅' : '❌');

export function resultsMarkdown(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(
    `Run of ${m.at.slice(0, 16).replace('T', ' ')} UTC (${r.mode}, ${f1((r.seconds ?? 0) / 60)} min), commit ${m.commit}: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, node ${m.node}, ${m.temporalCli}; 1-minute load average ${f1(m.loadAtStart)} at the start, ${f1(m.loadAtEnd)} at the end (other work shared the machine).`,
    '',
  );
  out.push('| figure | baseline (same run) | dondoc | ratio | goal |', '|---|---|---|---|---|');
  if (r.notice) {
    const { notice: x, send: b } = r.notice;
    out.push(
      `| (a′) one reminder in the activity, ${r.notice.n} in a row | bare Mailer, same message: ${f1(b.cpuMsPerNotice)} ms CPU, ${f1(b.msPerNotice)} ms wall | deliverNotice: ${f1(x.cpuMsPerNotice)} ms CPU, ${f1(x.msPerNotice)} ms wall | ${f2(x.cpuMsPerNotice / b.cpuMsPerNotice)} of the CPU | — |`,
    );
  }
  if (r.throughput) {
    const { ceiling: c, dondoc: d } = r.throughput;
    out.push(
      `| (a) throughput, ${c.m} workflows | empty workflows: ${f1(c.overallPerSecond)}/s overall, ${f1(c.steadyPerSecond)}/s steady | reminder steps: ${f1(d.drainPerSecond)}/s overall, ${f1(d.steadyPerSecond)}/s steady | ${f2(d.steadyPerSecond / c.steadyPerSecond)} steady, ${f2(d.drainPerSecond / c.overallPerSecond)} overall | ≥ 0.5 ${ok(d.steadyPerSecond / c.steadyPerSecond >= 0.5)} |`,
    );
  }
  for (const w of r.waves ?? []) {
    out.push(
      `| (b) wave of ${w.n}: lag p50 / p99 / max, drain | nodemailer loop: last at ${f1(w.loop.max)} s, ${f1(w.loop.drainPerSecond)}/s; timer + activity: ${f1(w.timer.p50)} / ${f1(w.timer.p99)} / ${f1(w.timer.max)} s, ${f1(w.timer.drainPerSecond)}/s | ${f1(w.dondoc.p50)} / ${f1(w.dondoc.p99)} / ${f1(w.dondoc.max)} s, ${f1(w.dondoc.drainPerSecond)}/s | last: ${f2(w.dondoc.max / w.loop.max)} × loop, ${f2(w.dondoc.max / w.timer.max)} × timer | ≤ 2 × loop ${ok(w.dondoc.max <= 2 * w.loop.max)} |`,
    );
  }
  if (r.memory) {
    const { dondoc: d, baseline: b } = r.memory;
    out.push(
      `| (c) worker RSS, ${d.cached} cached workflows | timer workflows: ${f1(b.rssBeforeMiB)} → ${f1(b.rssAfterMiB)} MiB, ${f2(b.perCachedMiB)} MiB each | ${f1(d.rssBeforeMiB)} → ${f1(d.rssAfterMiB)} MiB, ${f2(d.perCachedMiB)} MiB each | ${f2(d.perCachedMiB / b.perCachedMiB)} | ≤ 1 MB ${ok(d.perCachedMiB <= 1)} |`,
    );
  }
  const full = r.history?.find((h) => h.code === 'current' && h.chars === 20_000);
  const old = r.history?.find((h) => h.code !== 'current');
  if (full) {
    const worst = Math.max(full.agencyMax.bytes, full.agencyRevised.bytes);
    const events = Math.max(full.agencyMax.events, full.agencyRevised.events);
    out.push(
      `| (d) history per agency-period, 20,000-character reports (5 revisions) | old code: ${old ? `${old.agencyRevised.events} events, ${kib(old.agencyRevised.bytes)}` : '–'} | ${full.agencyRevised.events} events, ${kib(full.agencyRevised.bytes)} (1 revision: ${full.agencyMax.events}, ${kib(full.agencyMax.bytes)}) | ${old ? f2(full.agencyRevised.bytes / old.agencyRevised.bytes) : '–'} of the bytes | ≤ 300 events, ≤ 100 KB ${ok(events <= 300 && worst <= 100 * 1024)} |`,
    );
    out.push(
      `| (d) history per cycle of ${full.agencies} agencies (cycle + agency + standing workflows) | old code: ${old ? `${old.cycleTotal.events} events, ${kib(old.cycleTotal.bytes)}` : '–'} | ${full.cycleTotal.events} events, ${kib(full.cycleTotal.bytes)} | ${old ? f2(full.cycleTotal.bytes / old.cycleTotal.bytes) : '–'} of the bytes | — |`,
    );
  }
  if (r.simulation) {
    const s = r.simulation;
    out.push(
      `| (e) \`simulate\` 40 agencies, ${s.from.slice(0, 4)}–${s.to.slice(0, 4)} | before: fails ("Workflow execution timed out") | ${f1(s.seconds)} s; ${s.emails} emails, ${s.submissions} submissions, ${s.reports} reports sent, ${s.workflows.failed} failed; CPU: server ${f1(s.cpu.server)} s, worker ${f1(s.cpu.bench)} s | — | < 60 s ${ok(s.seconds < 60)} |`,
    );
  }
  for (const d of r.documents ?? []) {
    out.push(
      `| (f) consolidated report, ${d.agencies} agencies × ${d.targets} targets, ${d.chars === 'sample' ? 'sample reports' : `${d.chars.toLocaleString('en')}-character texts`} | consolidate alone: ${f1(d.msConsolidate)} ms | ${f1(d.msPerReport)} ms (DOCX ${f1(d.docxKiB)} KiB, XLSX ${f1(d.xlsxKiB)} KiB) | — | < 0.5 s ${ok(d.msPerReport < 500)} |`,
    );
  }
  if (r.history?.length) {
    out.push('', 'History per workflow, one cycle (2026-H1) of the 40-agency plan (events, bytes of the encoded history):', '');
    out.push(
      '| code, report texts | plan (runs) | cycle | agency, 1 revision (largest) | agency, 5 revisions | standing agency | cycle + all agencies |',
      '|---|---|---|---|---|---|---|',
    );
    for (const h of r.history) {
      const c = (x: { events: number; bytes: number }) => `${x.events}, ${kib(x.bytes)}`;
      out.push(
        `| ${h.code === 'current' ? 'current' : `old (${h.code})`}, ${h.chars.toLocaleString('en')} characters | ${c(h.plan)} (${h.plan.runs}) | ${c(h.cycle)} | ${c(h.agencyMax)} | ${c(h.agencyRevised)} | ${c(h.standing)} | ${c(h.cycleTotal)} |`,
      );
    }
  }
  const cpuRows = [
    ...(r.throughput ? [[`(a) empty workflows`, r.throughput.ceiling.cpu] as const, [`(a) dondoc reminder steps`, r.throughput.dondoc.cpu] as const] : []),
    ...(r.waves ?? []).flatMap((w) => [[`(b) ${w.n}: timer + activity`, w.timer.cpu] as const, [`(b) ${w.n}: dondoc`, w.dondoc.cpu] as const]),
  ].filter(([, c]) => c);
  if (cpuRows.length) {
    out.push('', 'CPU seconds over each measurement (wall-clock, the dev server, the worker process, the bench process with the SMTP catcher):', '');
    out.push('| measurement | wall | server | worker | bench + catcher |', '|---|---|---|---|---|');
    for (const [name, c] of cpuRows) out.push(`| ${name} | ${f1(c!.wallSeconds)} | ${f1(c!.server)} | ${f1(c!.worker)} | ${f1(c!.bench)} |`);
  }
  for (const [name, p] of Object.entries(r.profiles)) {
    out.push(
      '',
      `Profile \`${name}\` (${p.totalMs} ms sampled): ${p.byPackage.map((x) => `${x.name} ${x.pct} %`).join(', ')}. Top self time: ${p.top
        .slice(0, 6)
        .map((t) => `\`${t.fn}\` (${t.where}) ${t.pct} %`)
        .join('; ')}.`,
    );
  }
  for (const [name, e] of Object.entries(r.errors)) out.push('', `**${name} failed:** ${e}`);
  return out.join('\n');
}

export async function writeResultsSection(file: string, r: BenchResults): Promise<void> {
  const doc = await readFile(file, 'utf8');
  const start = '<!-- bench:results -->';
  const end = '<!-- /bench:results -->';
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file}: no ${start} … ${end} section`);
  await writeFile(file, `${doc.slice(0, i + start.length)}\n${resultsMarkdown(r)}\n${doc.slice(j)}`);
}
