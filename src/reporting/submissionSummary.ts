/**
 * A submission's summary: what the workflow keeps and checks once the payload itself is stored by its
 * hash. The edge validates the full payload (submissionRules); the agency workflow's Update validator
 * checks the summary against the same rules that do not need the texts, so a client that skips the edge
 * still cannot record an empty or self-contradictory report. Pure and bundle-safe.
 */
import { MAX_ATTACHMENTS, MAX_EMAIL_CHARS, MAX_ID_BYTES, MAX_NAME_BYTES, MAX_SUBMISSION_BYTES, MAX_TARGETS, MAX_TASKS } from '../edge/limits.js';
import { utf8Bytes } from '../edge/text.js';
import type { SubmissionPayload, SubmissionRefInput, SubmissionSummary, TaskStatus } from './types.js';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  'chua-trien-khai': 'chưa triển khai',
  'dang-thuc-hien': 'đang thực hiện',
  'hoan-thanh': 'hoàn thành',
  'thuong-xuyen': 'thường xuyên',
};

/**
 * Bounds on what one revision may carry: the edge's limits (src/edge/limits.ts), with room for the JSON
 * the store adds around a report of the largest size the edge accepts.
 */
export const SUMMARY_LIMITS = {
  /** Stored JSON of one revision. */
  maxPayloadBytes: 2 * MAX_SUBMISSION_BYTES,
  maxTasks: MAX_TASKS,
  maxTargets: MAX_TARGETS,
  maxAttachments: MAX_ATTACHMENTS,
  maxNameBytes: MAX_NAME_BYTES,
  maxIdBytes: MAX_ID_BYTES,
} as const;

export function summarise(p: SubmissionPayload): SubmissionSummary {
  const who = p.submittedBy && (p.submittedBy.name || p.submittedBy.email) ? { name: p.submittedBy.name, email: p.submittedBy.email } : undefined;
  return {
    period: p.period,
    tasks: p.tasks.map((t) => ({ taskId: t.taskId, status: t.status, ...(t.progress !== undefined ? { progress: t.progress } : {}) })),
    targetIds: p.targets.map((t) => t.targetId),
    narrative: p.narrative.trim().length,
    difficulties: p.difficulties.trim().length,
    recommendations: p.recommendations.trim().length,
    attachments: p.attachments.length,
    ...(who ? { submittedBy: who } : {}),
  };
}

export interface SummaryContext {
  period: string;
  taskIds: readonly string[];
  targetIds: readonly string[];
}

/** Every reason the report cannot be recorded, in Vietnamese ("field: reason"); empty when it can. */
export function summaryProblems(summary: SubmissionSummary, ctx: SummaryContext): string[] {
  const problems: string[] = [];
  if (summary.period !== ctx.period) problems.push(`period: báo cáo cho kỳ "${summary.period}", không phải kỳ "${ctx.period}"`);
  if (summary.tasks.length > SUMMARY_LIMITS.maxTasks) problems.push(`tasks: quá ${SUMMARY_LIMITS.maxTasks} nhiệm vụ`);
  if (summary.targetIds.length > SUMMARY_LIMITS.maxTargets) problems.push(`targets: quá ${SUMMARY_LIMITS.maxTargets} chỉ tiêu`);
  if (summary.attachments > SUMMARY_LIMITS.maxAttachments) problems.push(`attachments: quá ${SUMMARY_LIMITS.maxAttachments} tệp đính kèm`);
  const who: string[] = [];
  if (summary.submittedBy?.name !== undefined && (typeof summary.submittedBy.name !== 'string' || utf8Bytes(summary.submittedBy.name) > MAX_NAME_BYTES))
    who.push(`submittedBy.name: tối đa ${MAX_NAME_BYTES} byte`);
  if (summary.submittedBy?.email !== undefined && (typeof summary.submittedBy.email !== 'string' || summary.submittedBy.email.length > MAX_EMAIL_CHARS))
    who.push(`submittedBy.email: tối đa ${MAX_EMAIL_CHARS} ký tự`);
  // A summary too large to look at (a client past the edge) is refused on its size alone.
  if (who.length || problems.some((p) => /^(tasks|targets|attachments): quá/.test(p))) return [...problems, ...who];
  const seen = new Set<string>();
  summary.tasks.forEach((t, i) => {
    if (!ctx.taskIds.includes(t.taskId)) problems.push(`tasks[${i}].taskId: "${t.taskId}" không phải nhiệm vụ của cơ quan`);
    else if (seen.has(t.taskId)) problems.push(`tasks[${i}].taskId: nhiệm vụ "${t.taskId}" được báo cáo hai lần`);
    seen.add(t.taskId);
    problems.push(...progressProblems(t, `tasks[${i}]`));
  });
  summary.targetIds.forEach((id, i) => {
    if (!ctx.targetIds.includes(id)) problems.push(`targets[${i}].targetId: "${id}" không phải chỉ tiêu của kế hoạch`);
  });
  problems.push(...emptinessProblems(summary, ctx.taskIds, ctx.period.startsWith('DX-')));
  return problems;
}

/** Status and progress agree: "hoàn thành" means 100 %, "chưa triển khai" means 0 or nothing. */
export function progressProblems(t: { status: TaskStatus; progress?: number }, path: string): string[] {
  if (t.progress === undefined) return [];
  if (!(Number.isFinite(t.progress) && t.progress >= 0 && t.progress <= 100)) return [`${path}.progress: tiến độ phải từ 0 đến 100 %`];
  if (t.status === 'hoan-thanh' && t.progress !== 100) return [`${path}.progress: nhiệm vụ "hoàn thành" thì tiến độ phải là 100 %, không phải ${t.progress} %`];
  if (t.status === 'chua-trien-khai' && t.progress !== 0) return [`${path}.progress: nhiệm vụ "chưa triển khai" thì tiến độ phải là 0 %, không phải ${t.progress} %`];
  return [];
}

/**
 * A report is a report: every one of the agency's own tasks has a status, or the general results are
 * written. (An agency with no tasks of its own must write the results.) An ad-hoc report (đột xuất) may
 * instead be the difficulties it was asked for or raises ("kịp thời phản ánh khó khăn, vướng mắc").
 */
export function emptinessProblems(summary: Pick<SubmissionSummary, 'tasks' | 'narrative' | 'difficulties'>, ownTaskIds: readonly string[], adhoc = false): string[] {
  if (summary.narrative > 0 || (adhoc && summary.difficulties > 0)) return [];
  const reported = new Set(summary.tasks.map((t) => t.taskId));
  const missing = ownTaskIds.filter((id) => !reported.has(id));
  if (ownTaskIds.length > 0 && missing.length === 0) return [];
  return ownTaskIds.length === 0
    ? ['narrative: báo cáo trống: cần nêu kết quả thực hiện chung']
    : [`tasks: báo cáo chưa đủ: cần cho biết tình trạng của ${missing.length} nhiệm vụ còn lại (${missing.join(', ')}) hoặc nêu kết quả thực hiện chung`];
}

export function isSubmissionRef(x: unknown): x is SubmissionRefInput {
  return typeof x === 'object' && x !== null && typeof (x as SubmissionRefInput).sha256 === 'string' && typeof (x as SubmissionRefInput).summary === 'object';
}
