/**
 * Who a consolidated report goes to: one answer for the email that carries it and for the "Nơi nhận" the
 * document prints, so the two cannot disagree. Pure: plan and day in, names and addresses out.
 *
 * - The final periodic report goes to the plan's recipients (a ministry's successor after a merger), with
 *   copies to the leader in charge and to the head of the standing agency.
 * - An ad-hoc report (báo cáo đột xuất) is made for the standing agency to answer the request it received:
 *   it goes to the standing agency itself (its head and focal point), never to the plan's recipients.
 * - A draft goes to the standing agency for review, but prints the "Nơi nhận" of the final it becomes.
 */
import type { Agency, Plan } from '../plan/schema.js';

export interface Addressee {
  /** As "Nơi nhận" writes it, without the closing ";". */
  name: string;
  emails: string[];
}

export interface ReportAddressees {
  to: Addressee[];
  cc: Addressee[];
}

/** The head's title by kind of agency: whoever signs "KT." signs for the head. */
export function headTitle(kind: Agency['kind'] | undefined): string {
  switch (kind) {
    case 'department':
    case 'board':
      return 'GIÁM ĐỐC';
    case 'provincial-committee':
    case 'district':
    case 'commune':
      return 'CHỦ TỊCH';
    case 'school':
      return 'HIỆU TRƯỞNG';
    default:
      return 'THỦ TRƯỞNG';
  }
}

const sentence = (s: string) => s.charAt(0) + s.slice(1).toLocaleLowerCase('vi');
const contacts = (agency: Agency | undefined, role: 'focal' | 'head') => agency?.contacts.filter((c) => c.role === role).map((c) => c.email) ?? [];

export function reportAddressees(plan: Plan, r: { kind: 'adhoc' | 'periodic'; mode: 'draft' | 'final'; standingAgencyId: string; day: string }): ReportAddressees {
  const standing = plan.agencies.find((a) => a.id === r.standingAgencyId);
  const standingName = standing?.name ?? r.standingAgencyId;
  const head: Addressee = { name: `${sentence(headTitle(standing?.kind))} ${standingName} (b/c)`, emails: contacts(standing, 'head') };
  const focal: Addressee = { name: `Đầu mối theo dõi Kế hoạch, ${standingName}`, emails: contacts(standing, 'focal') };
  if (r.mode === 'draft' || r.kind === 'adhoc') return { to: [focal, head], cc: [] };
  const recipients = plan.recipients.map((x): Addressee =>
    x.successor && x.successor.from <= r.day ? { name: `${x.successor.name} (b/c)`, emails: [x.successor.email ?? x.email] } : { name: `${x.name} (b/c)`, emails: [x.email] },
  );
  const leader = plan.leadership.find((l) => l.id === plan.escalation.leaderId) ?? plan.leadership[0];
  return {
    to: recipients,
    cc: [...(leader ? [{ name: `${leader.name ? `${leader.name}, ` : ''}${leader.role} (b/c)`, emails: [leader.email] }] : []), head],
  };
}

/** "Nơi nhận" of the document: the final report's addressees (a draft shows what it will become), then the archive. */
export function copiesToOf(plan: Plan, r: { kind: 'adhoc' | 'periodic'; standingAgencyId: string; day: string }): string[] {
  const a = reportAddressees(plan, { ...r, mode: 'final' });
  // The head before the focal point, as a Nơi nhận lists them.
  const xs = r.kind === 'adhoc' ? [...a.to].reverse() : [...a.to, ...a.cc];
  return [...xs.map((x) => `${x.name};`), 'Lưu: VT.'];
}

export const emailsOf = (xs: Addressee[]) => [...new Set(xs.flatMap((x) => x.emails))];
