/** A plausible report for an agency, used by simulations (the content is not the point; the timing is). */
import { tasksOf } from '../plan/normalise.js';
import type { Plan } from '../plan/schema.js';
import type { SubmissionPayload } from '../reporting/types.js';

export function sampleSubmission(plan: Plan, period: string, agencyId: string, taskIds: readonly string[], reportsTargets: boolean): SubmissionPayload {
  const name = plan.agencies.find((a) => a.id === agencyId)?.name ?? agencyId;
  const own = new Set(taskIds);
  return {
    period,
    tasks: plan.tasks
      .filter((t) => own.has(t.id))
      .map((t) => ({ taskId: t.id, status: 'dang-thuc-hien' as const, progress: 60, result: `${name} đã triển khai nhiệm vụ ${t.section ?? t.id} theo kế hoạch.` })),
    targets: reportsTargets ? plan.targets.map((t) => ({ targetId: t.id, value: t.value })) : [],
    narrative: `${name} báo cáo kết quả thực hiện kỳ ${period}.`,
    difficulties: `Kinh phí thực hiện còn hạn chế (${name}).`,
    recommendations: `Đề nghị tăng cường hướng dẫn chuyên môn (${name}).`,
    attachments: [],
  };
}

/** Who reports target values in a simulation: the agencies the plan names, or else the first obliged agency. */
export function targetReporters(plan: Plan, obliged: readonly string[]): Set<string> {
  const named = new Set(plan.targets.flatMap((t) => t.reportedBy));
  const inCycle = obliged.filter((a) => named.has(a));
  return new Set(inCycle.length ? inCycle : obliged.slice(0, 1));
}

export { tasksOf };
