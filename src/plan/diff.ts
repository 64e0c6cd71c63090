/**
 * What an amendment changes: two versions of a plan compared item by item (agencies, tasks, reporting
 * deadlines, targets, recipients, leaders, the document's identity), each change labelled in Vietnamese
 * as the review page shows it. Pure; items are matched by id, deadlines by obligation and period.
 */
import { formatViNumber } from '../edge/viNumber.js';
import type { Deadline, Plan } from './schema.js';

export type DiffItem = 'document' | 'agency' | 'task' | 'deadline' | 'target' | 'recipient' | 'leader';
export interface PlanChange {
  item: DiffItem;
  change: 'added' | 'removed' | 'changed';
  id: string;
  label: string;
  before?: string;
  after?: string;
}

const PERIOD_VI: Record<Deadline['period'], string> = { month: 'hằng tháng', quarter: 'hằng quý', H1: '6 tháng', '9M': '9 tháng', year: 'hằng năm', review: 'sơ kết/tổng kết' };

/** "6 tháng: trước ngày 15/6", the way the document says it. */
export function deadlineText(d: Deadline): string {
  const when = d.month === undefined ? `ngày ${d.day}${d.monthsAfter ? ` của tháng thứ ${d.monthsAfter + 1}` : ''}` : `ngày ${d.day}/${d.month}${d.year ? `/${d.year}` : ''}`;
  return `${d.label ?? PERIOD_VI[d.period]}: ${d.rule === 'before' ? 'trước' : 'chậm nhất'} ${when}${d.assumed ? ' (giả định)' : ''}`;
}

const deadlineKey = (obligationId: string, d: Deadline) => `${obligationId}/${d.period}${d.period === 'review' ? `-${d.year ?? ''}-${d.reviewKind ?? ''}` : ''}`;

function byId<T>(item: DiffItem, before: readonly T[], after: readonly T[], key: (t: T) => string, label: (t: T) => string, show: (t: T) => string): PlanChange[] {
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Map(after.map((t) => [key(t), t]));
  const out: PlanChange[] = [];
  for (const [id, t] of now) {
    const was = old.get(id);
    if (!was) out.push({ item, change: 'added', id, label: label(t), after: show(t) });
    else if (show(was) !== show(t)) out.push({ item, change: 'changed', id, label: label(t), before: show(was), after: show(t) });
  }
  for (const [id, t] of old) if (!now.has(id)) out.push({ item, change: 'removed', id, label: label(t), before: show(t) });
  return out;
}

export function planDiff(before: Plan, after: Plan): PlanChange[] {
  const name = (p: Plan, id: string) => p.agencies.find((a) => a.id === id)?.name ?? id;
  const doc = (p: Plan) => [
    { id: 'number', label: 'Số ký hiệu', v: p.document.number ?? '(trống)' },
    { id: 'issuedOn', label: 'Ngày ban hành', v: p.document.issuedOn ? p.document.issuedOn.split('-').reverse().join('/') : '(trống)' },
    { id: 'title', label: 'Trích yếu', v: p.document.title },
    { id: 'horizon', label: 'Thời gian thực hiện', v: `${p.document.horizon.from}–${p.document.horizon.to}` },
    { id: 'standingAgency', label: 'Cơ quan thường trực', v: name(p, p.standingAgency) },
  ];
  const deadlines = (p: Plan) => p.reporting.obligations.flatMap((o) => o.deadlines.map((d) => ({ key: deadlineKey(o.id, d), o, d })));
  const emails = (cs: readonly { email: string }[]) => cs.map((c) => c.email).join(', ');
  return [
    ...byId(
      'document',
      doc(before),
      doc(after),
      (x) => x.id,
      (x) => x.label,
      (x) => x.v,
    ),
    ...byId(
      'agency',
      before.agencies,
      after.agencies,
      (a) => a.id,
      (a) => a.name,
      (a) => `${a.name} <${emails(a.contacts)}>`,
    ),
    ...byId(
      'task',
      before.tasks,
      after.tasks,
      (t) => t.id,
      (t) => `${t.section ?? t.id}: ${t.text.split('\n')[0]!.slice(0, 80)}`,
      (t) =>
        `${t.text} · chủ trì: ${t.lead.map((a) => name(after, a)).join(', ') || '(không nêu)'} · phối hợp: ${t.cooperating.map((a) => name(after, a)).join(', ') || '(không)'}${t.timing ? ` · ${t.timing}` : ''}`,
    ),
    ...byId(
      'deadline',
      deadlines(before),
      deadlines(after),
      (x) => x.key,
      (x) => `${x.o.kind === 'consolidated-report' ? 'Cơ quan thường trực báo cáo' : 'Các cơ quan báo cáo'} (${x.o.id})`,
      (x) => deadlineText(x.d),
    ),
    ...byId(
      'target',
      before.targets,
      after.targets,
      (t) => t.id,
      (t) => t.label,
      (t) => `${t.comparison} ${formatViNumber(t.value)} ${t.unit} (năm ${t.year})`,
    ),
    ...byId(
      'recipient',
      before.recipients,
      after.recipients,
      (r) => r.id,
      (r) => r.name,
      (r) => `${r.name} <${r.email}>`,
    ),
    ...byId(
      'leader',
      before.leadership,
      after.leadership,
      (l) => l.id,
      (l) => l.role,
      (l) => `${l.role}${l.name ? ` ${l.name}` : ''} <${l.email}>`,
    ),
  ];
}
