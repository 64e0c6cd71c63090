/**
 * (f) The consolidated report of the 40-agency plan with 30 targets: consolidation, then the DOCX (Decree
 * 30 form), the XLSX annex, the HTML preview and the mail text, as the report activity renders them
 * (renderReport). Every agency reports every target. Measured with the simulation's sample reports and
 * with full-length reports (20,000 characters in every text).
 */
import { performance } from 'node:perf_hooks';
import { consolidate } from '../src/consolidation/consolidate.js';
import { renderReport } from '../src/consolidation/documents.js';
import { cyclesOfYear } from '../src/reporting/cycles.js';
import type { SubmissionRecord } from '../src/reporting/types.js';
import { sampleSubmission } from '../src/simulate/sample.js';
import { plan40 } from './agencies.js';
import { fullReport } from './fixtures/fullReport.js';

export interface DocumentFigures {
  agencies: number;
  targets: number;
  chars: number | 'sample';
  /** Milliseconds per report: consolidate + DOCX + XLSX + HTML + text. */
  msPerReport: number;
  msConsolidate: number;
  docxKiB: number;
  xlsxKiB: number;
  runs: number;
}

/** Runs fn for at least minMs after one warm-up run; mean ms per run. */
async function timed(fn: () => unknown, minMs: number): Promise<{ ms: number; runs: number }> {
  await fn();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || runs < 3) {
    await fn();
    runs++;
  }
  return { ms: (performance.now() - start) / runs, runs };
}

export async function documentFigures(chars: number | 'sample', minMs: number): Promise<DocumentFigures> {
  const plan = plan40();
  const cycle = cyclesOfYear(plan, 2026).find((c) => c.period === '2026')!;
  const submissions: Record<string, SubmissionRecord> = {};
  for (const a of cycle.agencies) {
    const taskIds = plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(a.agencyId)).map((t) => t.id);
    const payload =
      chars === 'sample'
        ? sampleSubmission(plan, cycle.period, a.agencyId, taskIds, true)
        : fullReport({ period: cycle.period, taskIds, targets: plan.targets.map((t) => ({ id: t.id, value: t.value })), chars });
    submissions[a.agencyId] = { revision: 1, submittedAt: '2026-12-08T10:00:00+07:00', late: false, payload };
  }
  const input = { plan, cycle, submissions, statuses: {}, mode: 'final' as const, at: '2026-12-18T09:00:00+07:00' };
  const once = async () => renderReport(plan, consolidate(input));
  const whole = await timed(once, minMs);
  const part = await timed(() => consolidate(input), Math.min(minMs, 300));
  const files = await once();
  return {
    agencies: cycle.agencies.length,
    targets: plan.targets.length,
    chars,
    msPerReport: whole.ms,
    msConsolidate: part.ms,
    docxKiB: files.docx.length / 1024,
    xlsxKiB: files.xlsx.length / 1024,
    runs: whole.runs,
  };
}
