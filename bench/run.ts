/**
 * `npm run bench`: measured figures, printed (no thresholds). Calendar expansion for every seed plan,
 * consolidation of a 40-agency, 30-target plan, and a simulated year on the time-skipping server.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { consolidate } from '../src/consolidation/consolidate.js';
import { letterheadOf } from '../src/consolidation/letterhead.js';
import { reportOutline } from '../src/consolidation/outline.js';
import { reportDocx } from '../src/consolidation/renderDocx.js';
import { reportHtml } from '../src/consolidation/renderHtml.js';
import { reportXlsx } from '../src/consolidation/renderXlsx.js';
import { loadPlanOrThrow } from '../src/plan/load.js';
import { planSchema, type Plan } from '../src/plan/schema.js';
import { cyclesOfYear } from '../src/reporting/cycles.js';
import { obligationsOfYear } from '../src/reporting/obligations.js';
import type { AgencyStatus, SubmissionRecord } from '../src/reporting/types.js';
import { installRuntimeLogging } from '../src/runtime/logging.js';
import { projectRoot } from '../src/runtime/tools.js';
import { sampleSubmission } from '../src/simulate/sample.js';
import { simulate } from '../src/simulate/simulate.js';

/** Runs fn (sync or async) for at least minMs after a warm-up run and prints the time per run. */
async function measure(name: string, fn: () => unknown, minMs = 500): Promise<void> {
  await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    n++;
  }
  const per = (performance.now() - start) / n;
  console.log(`${name.padEnd(58)} ${per.toFixed(3).padStart(10)} ms/op  (${n} runs)`);
}

const planDir = join(projectRoot, 'plans');
for (const f of readdirSync(planDir).filter((x) => x.endsWith('.yaml')).sort()) {
  const plan = await loadPlanOrThrow(join(planDir, f));
  await measure(`calendar: obligationsOfYear(${plan.id}, 2026)`, () => obligationsOfYear(plan, 2026));
}

// A synthetic plan at the top of the brief's range: 40 agencies, 30 targets, 80 tasks.
const agencies = Array.from({ length: 40 }, (_, i) => ({ id: `co-quan-${i + 1}`, name: `Cơ quan số ${i + 1}`, kind: 'department' as const, contacts: [{ role: 'focal' as const, email: `a${i}@example.gov.vn` }] }));
const big: Plan = planSchema.parse({
  id: 'bench-40',
  document: { type: 'ke-hoach', title: 'Kế hoạch đo hiệu năng', number: '1/KH-UBND', issuedOn: '2025-01-10', issuer: 'UBND tỉnh', province: 'Thử', horizon: { from: 2025, to: 2030 }, source: 'bench' },
  standingAgency: 'co-quan-1',
  agencies,
  leadership: [{ id: 'pct', role: 'Phó Chủ tịch', email: 'pct@example.gov.vn' }],
  recipients: [{ id: 'ubnd', name: 'UBND tỉnh', email: 'ubnd@example.gov.vn' }],
  targets: Array.from({ length: 30 }, (_, i) => ({ id: `t${i + 1}`, label: `Chỉ tiêu ${i + 1}`, value: 50 + i, unit: '%', comparison: '>=', year: 2030, quote: 'đạt' })),
  tasks: Array.from({ length: 80 }, (_, i) => ({ id: `n${i + 1}`, text: `Nhiệm vụ ${i + 1}`, lead: [`co-quan-${(i % 39) + 2}`], cooperating: [`co-quan-${((i + 7) % 39) + 2}`] })),
  reporting: { obligations: [{ id: 'nam', kind: 'agency-report', reporters: 'assigned', to: ['co-quan-1'], frequency: 'annual', deadlines: [{ period: 'year', rule: 'before', day: 15, month: 12 }], statedText: 'trước ngày 15/12' }] },
});
const cycle = cyclesOfYear(big, 2026)[0]!;
const submissions: Record<string, SubmissionRecord> = {};
const statuses: Record<string, AgencyStatus> = {};
for (const a of cycle.agencies) {
  const taskIds = big.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(a.agencyId)).map((t) => t.id);
  submissions[a.agencyId] = { revision: 1, submittedAt: '2026-12-10T10:00:00+07:00', late: false, payload: sampleSubmission(big, cycle.period, a.agencyId, taskIds, true) };
}
await measure(`consolidate: ${cycle.agencies.length} agencies, 30 targets, 80 tasks`, () => consolidate({ plan: big, cycle, submissions, statuses, mode: 'final', at: '2026-12-18T09:00:00+07:00' }));
const report = consolidate({ plan: big, cycle, submissions, statuses, mode: 'final', at: '2026-12-18T09:00:00+07:00' });
const outline = reportOutline(report, letterheadOf(big, report));
await measure('render: report outline (letterhead, sections, tables)', () => reportOutline(report, letterheadOf(big, report)));
await measure('render: report HTML', () => reportHtml(outline));
await measure('render: report DOCX (Decree 30 form)', () => reportDocx(outline));
await measure('render: report XLSX annex (3 sheets)', () => reportXlsx(report));
const size = (name: string, bytes: number) => console.log(`${`size: ${name}`.padEnd(58)} ${(bytes / 1024).toFixed(1).padStart(10)} KiB`);
size('report HTML', Buffer.byteLength(reportHtml(outline)));
size('report DOCX', (await reportDocx(outline)).length);
size('report XLSX', (await reportXlsx(report)).length);

installRuntimeLogging();
const son = await loadPlanOrThrow(join(planDir, 'son-la-37-ct-tw-2024.yaml'));
const t0 = performance.now();
const sim = await simulate({ plan: son, from: '2026-01-01', to: '2026-12-31', submit: { 'tinh-doan': { kind: 'never' } } });
console.log(`${'simulate: Sơn La plan, all of 2026 (time-skipping server)'.padEnd(58)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(10)} s      (${sim.emails.length} emails)`);
