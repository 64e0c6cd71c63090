/**
 * The one line an officer reads after an import: what was found, and how many values need a person's check
 * (assumed deadlines, tasks with no named lead, group assignments, guessed issuer or standing agency, …), so
 * the review starts from a count of things to do, not a count of warnings.
 */
import type { PlanInput } from '../plan/schema.js';
import type { ImportWarning } from './evidence.js';

export interface ImportSummary {
  agencies: number;
  tasks: number;
  targets: number;
  obligations: number;
  statedDeadlines: number;
  assumedDeadlines: number;
  /** Values to check, by reason (Vietnamese label → count). */
  toCheck: { reason: string; count: number }[];
  toCheckTotal: number;
  line: string;
}

const reasons: Record<string, string> = {
  'no-lead': 'nhiệm vụ chưa có cơ quan chủ trì',
  'group-assignment': 'nhiệm vụ giao cho một nhóm cơ quan',
  'standing-assumed': 'cơ quan thường trực suy đoán',
  'no-standing-agency': 'chưa có cơ quan thường trực',
  'issuer-assumed': 'cơ quan ban hành suy đoán',
  'province-unknown': 'tên tỉnh không có trong danh sách',
  'province-merged': 'tỉnh đã sắp xếp từ 01/07/2025',
  'no-number': 'số ký hiệu trống',
  'no-date': 'ngày ban hành trống',
  'no-title': 'trích yếu suy đoán',
  'horizon-assumed': 'năm bắt đầu suy đoán',
};

export function summarise(plan: PlanInput, warnings: readonly ImportWarning[]): ImportSummary {
  const deadlines = (plan.reporting.obligations ?? []).flatMap((o) => o.deadlines ?? []);
  const assumed = deadlines.filter((d) => d.assumed).length;
  const counts = new Map<string, number>();
  if (assumed) counts.set('hạn báo cáo giả định', assumed);
  for (const w of warnings) {
    const r = reasons[w.code];
    if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const toCheck = [...counts.entries()].map(([reason, count]) => ({ reason, count }));
  const toCheckTotal = toCheck.reduce((n, r) => n + r.count, 0);
  const s = {
    agencies: plan.agencies.length,
    tasks: plan.tasks?.length ?? 0,
    targets: plan.targets?.length ?? 0,
    obligations: plan.reporting.obligations?.length ?? 0,
    statedDeadlines: deadlines.length - assumed,
    assumedDeadlines: assumed,
  };
  const check = toCheckTotal ? `cần kiểm tra ${toCheckTotal} giá trị (${toCheck.map((r) => `${r.count} ${r.reason}`).join(', ')})` : 'không có giá trị nào phải đoán';
  const line = `${s.agencies} cơ quan, ${s.tasks} nhiệm vụ, ${s.targets} chỉ tiêu, ${s.obligations} nghĩa vụ báo cáo (${s.statedDeadlines} hạn nêu trong văn bản, ${s.assumedDeadlines} hạn giả định); ${check}; ${warnings.length} cảnh báo`;
  return { ...s, toCheck, toCheckTotal, line };
}
