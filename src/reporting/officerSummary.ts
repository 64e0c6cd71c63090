/**
 * The standing agency officer's morning (issue 15.5): one summary across plans of what is due soon, what
 * is late, who cannot be reached (a notice refused or bounced), and what waits for the officer's decision
 * (extension requests, drafts to approve). Pure: the activity reads the cycles and the delivery log.
 */
import type { IsoDate } from '../calendar/isoDate.js';
import { workingDaysBetween } from '../calendar/workingDays.js';

export interface OfficerAgencyView {
  agencyId: string;
  name: string;
  state: 'pending' | 'submitted' | 'submitted-late' | 'exempted' | 'overdue';
  lastDay: IsoDate;
  extensionRequest: { lastDay: IsoDate; reason: string } | null;
  /** The address (or notice) that failed, and why: from the workflow's record or the delivery log's bounces. */
  unreachable: { what: string; error: string } | null;
  link: string;
}

export interface OfficerCycleView {
  planId: string;
  documentRef: string;
  period: string;
  periodLabel: string;
  /** A draft consolidated report waits for approval. */
  draftToApprove: { since: IsoDate } | null;
  gridLink: string;
  agencies: OfficerAgencyView[];
}

export interface OfficerLine {
  documentRef: string;
  periodLabel: string;
  name: string;
  detail: string;
  link: string;
}

export interface OfficerSummary {
  day: IsoDate;
  dueSoon: OfficerLine[];
  late: OfficerLine[];
  unreachable: OfficerLine[];
  decisions: OfficerLine[];
  total: number;
}

/** How far ahead "due soon" looks, in working days (the last reminder before the day itself is at 1). */
export const DUE_SOON_WORKING_DAYS = 3;

export function buildOfficerSummary(day: IsoDate, cycles: readonly OfficerCycleView[]): OfficerSummary {
  const dueSoon: (OfficerLine & { n: number })[] = [];
  const late: (OfficerLine & { n: number })[] = [];
  const unreachable: OfficerLine[] = [];
  const decisions: OfficerLine[] = [];
  for (const c of cycles) {
    const base = { documentRef: c.documentRef, periodLabel: c.periodLabel };
    for (const a of c.agencies) {
      const line = (detail: string) => ({ ...base, name: a.name, detail, link: a.link });
      const open = a.state === 'pending' || a.state === 'overdue';
      if (open && a.lastDay >= day) {
        const n = workingDaysBetween(day, a.lastDay);
        if (n <= DUE_SOON_WORKING_DAYS) dueSoon.push({ ...line(n === 0 ? `hạn hôm nay ${vi(a.lastDay)}` : `hạn ${vi(a.lastDay)}, còn ${n} ngày làm việc`), n });
      } else if (open) {
        const n = workingDaysBetween(a.lastDay, day);
        late.push({ ...line(`hạn ${vi(a.lastDay)}, chậm ${n} ngày làm việc`), n });
      }
      if (a.unreachable && open) unreachable.push(line(`không liên lạc được: ${a.unreachable.what} – ${a.unreachable.error}`));
      if (a.extensionRequest) decisions.push(line(`đề nghị gia hạn đến ${vi(a.extensionRequest.lastDay)}: ${a.extensionRequest.reason}`));
    }
    if (c.draftToApprove) decisions.push({ ...base, name: 'Dự thảo báo cáo tổng hợp', detail: `chờ phê duyệt từ ${vi(c.draftToApprove.since)}`, link: c.gridLink });
  }
  const strip = (xs: (OfficerLine & { n: number })[]): OfficerLine[] => xs.map(({ n: _n, ...l }) => l);
  const s = {
    day,
    dueSoon: strip(dueSoon.sort((a, b) => a.n - b.n || a.name.localeCompare(b.name, 'vi'))),
    late: strip(late.sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'vi'))),
    unreachable,
    decisions,
  };
  return { ...s, total: s.dueSoon.length + s.late.length + s.unreachable.length + s.decisions.length };
}

const vi = (d: IsoDate) => d.split('-').reverse().join('/');
