/**
 * What approving a period's draft sends, and to whom, for the confirmation step: the recipients (the
 * plan's, each followed to its successor from the day it took over; an ad-hoc report goes to the standing
 * agency only), the copy to the standing agency's head, the subject and the files. Pure. It states the
 * rule of activities/index.ts `consolidateAndSend` (final mode); the two must stay the same rule.
 */
import { reportFileName } from '../consolidation/documents.js';
import { documentRef } from '../mail/templates.js';
import type { Plan } from '../plan/schema.js';
import { dutyHolder } from '../reporting/obligations.js';
import type { CycleSpec } from '../reporting/types.js';
import { contactsOf } from './pages/agency.js';

export interface ApprovalPreview {
  subject: string;
  to: { name: string; email: string }[];
  cc: string[];
  files: { name: string; what: string; edited: boolean }[];
}

export function approvalPreview(plan: Plan, cycle: Pick<CycleSpec, 'period' | 'periodLabel' | 'kind'>, today: string, edited?: { name: string } | null): ApprovalPreview {
  const standing = dutyHolder(plan, plan.standingAgency, today);
  const standingName = plan.agencies.find((a) => a.id === standing)?.name ?? standing;
  const to =
    cycle.kind === 'adhoc'
      ? [...contactsOf(plan, standing, 'focal'), ...contactsOf(plan, standing, 'head')].map((email) => ({ name: standingName, email }))
      : plan.recipients.map((r) => (r.successor && r.successor.from <= today ? { name: r.successor.name ?? r.name, email: r.successor.email ?? r.email } : { name: r.name, email: r.email }));
  const name = (f: 'docx' | 'xlsx' | 'html') => reportFileName(plan.id, cycle.period, f, false);
  return {
    subject: `[Báo cáo tổng hợp] Kết quả thực hiện ${documentRef(plan)} – ${cycle.periodLabel}`,
    to,
    cc: contactsOf(plan, standing, 'head'),
    files: [
      // The edited file goes out under the report's own file name: the recipient sees one naming scheme.
      edited ? { name: name('docx'), what: `Báo cáo (Word): bản đã chỉnh sửa ${edited.name}`, edited: true } : { name: name('docx'), what: 'Báo cáo (Word) do hệ thống lập', edited: false },
      { name: name('xlsx'), what: 'Số liệu (Excel)', edited: false },
      { name: name('html'), what: 'Báo cáo (HTML, cũng là nội dung thư)', edited: false },
    ],
  };
}
