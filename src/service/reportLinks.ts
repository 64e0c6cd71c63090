/** Where the web serves a period's consolidated report files (for status output and the dashboard). */
import type { CycleState } from '../../workflows/cycleWorkflow.js';

/** Download paths of a cycle's report files, for status output and the web. */
export function reportLinks(planId: string, c: Pick<CycleState, 'period' | 'draft' | 'sent'>) {
  const ref = c.sent ?? c.draft;
  if (!ref) return null;
  const base = `/api/plans/${encodeURIComponent(planId)}/periods/${encodeURIComponent(c.period)}/report`;
  return { source: c.sent ? ('sent' as const) : ('draft' as const), at: ref.at, docx: `${base}.docx`, xlsx: `${base}.xlsx`, html: `${base}.html` };
}
