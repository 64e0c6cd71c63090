/**
 * What approving a period's draft sends, and to whom, for the confirmation step: the subject, the files
 * and the addressees of `reportAddressees`, the one rule the email (`consolidateAndSend`, final mode) and
 * the document's "Nơi nhận" follow. Pure.
 */
import { emailsOf, reportAddressees, type Addressee } from '../consolidation/addressees.js';
import { reportFileName } from '../consolidation/documents.js';
import { documentRef } from '../mail/templates.js';
import type { Plan } from '../plan/schema.js';
import { dutyHolder } from '../reporting/obligations.js';
import type { CycleSpec } from '../reporting/types.js';

export interface ApprovalPreview {
  subject: string;
  to: { name: string; email: string }[];
  cc: string[];
  files: { name: string; what: string; edited: boolean }[];
}

export function approvalPreview(plan: Plan, cycle: Pick<CycleSpec, 'period' | 'periodLabel' | 'kind'>, today: string, edited?: { name: string } | null): ApprovalPreview {
  const standing = dutyHolder(plan, plan.standingAgency, today);
  const a = reportAddressees(plan, { kind: cycle.kind === 'adhoc' ? 'adhoc' : 'periodic', mode: 'final', standingAgencyId: standing, day: today });
  // "Ủy ban nhân dân tỉnh Sơn La (b/c)" is how "Nơi nhận" writes it; the confirmation names the addressee.
  const to = a.to.flatMap((x: Addressee) => x.emails.map((email) => ({ name: x.name.replace(/ \(b\/c\)$/, ''), email })));
  const name = (f: 'docx' | 'xlsx' | 'html') => reportFileName(plan.id, cycle.period, f, false);
  return {
    subject: `[Báo cáo tổng hợp] Kết quả thực hiện ${documentRef(plan)} – ${cycle.periodLabel}`,
    to,
    cc: emailsOf(a.cc),
    files: [
      // The edited file goes out under the report's own file name: the recipient sees one naming scheme.
      edited
        ? { name: name('docx'), what: `Báo cáo (Word): bản đã chỉnh sửa ${edited.name}`, edited: true }
        : { name: name('docx'), what: 'Báo cáo (Word) do hệ thống lập', edited: false },
      { name: name('xlsx'), what: 'Số liệu (Excel)', edited: false },
      { name: name('html'), what: 'Báo cáo (HTML, cũng là nội dung thư)', edited: false },
    ],
  };
}
