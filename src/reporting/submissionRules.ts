/**
 * The checks a submission must pass before it is recorded, as Vietnamese reasons "field: reason".
 * The same function runs in the agency workflow's Update validator and at the edges (CLI, HTTP, portal),
 * so it is pure and bundle-safe (zod and the edge's limits, nothing else).
 *
 * 1. Size first: a payload over MAX_SUBMISSION_BYTES is refused before anything else is looked at.
 * 2. Shape and limits: `submissionSchema` (src/edge/schemas.ts).
 * 3. Text already clean: what reaches a workflow must be NFC and XML-safe (the edges sanitise first).
 * 4. The plan's rules: the period, the agency's own tasks, the plan's targets.
 * 5. A report is a report: not empty, and status and progress agree.
 */
import { submissionSchema } from '../edge/schemas.js';
import { MAX_LONG_TEXT_BYTES, MAX_REVISIONS, MAX_SUBMISSION_BYTES } from '../edge/limits.js';
import { viReasons } from '../edge/messages.js';
import { utf8Bytes, xmlSafe } from '../edge/text.js';
import { formatViNumber } from '../edge/viNumber.js';
import type { SubmissionPayload } from './types.js';

export { TASK_STATUSES } from './taskStatus.js';
/** @deprecated bytes now: MAX_LONG_TEXT_BYTES (src/edge/limits.ts). */
export const MAX_TEXT = MAX_LONG_TEXT_BYTES;

export interface SubmissionContext {
  period: string;
  /** Tasks this agency reports on (its own). */
  taskIds: readonly string[];
  /** Targets of the plan this agency may report values for. */
  targetIds: readonly string[];
  /** Revisions already recorded (the workflow passes it): one more than MAX_REVISIONS is refused. */
  revisions?: number;
  /** An ad-hoc period (default: a period id starting "DX-"): difficulties or recommendations alone make a report. */
  adhoc?: boolean;
}

const blank = (s: string | undefined) => (s ?? '').trim() === '';

/** The strings of a JSON value that are not NFC or not XML-safe, by path. */
function uncleanStrings(v: unknown, path: string, out: string[]): void {
  if (out.length >= 5) return;
  if (typeof v === 'string') {
    if (xmlSafe(v) !== v) out.push(path);
  } else if (Array.isArray(v)) v.forEach((x, i) => uncleanStrings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) uncleanStrings(x, path ? `${path}.${k}` : k, out);
}

/** Every reason the payload cannot be accepted, each as "field: reason"; empty when it can. */
export function submissionProblems(input: unknown, ctx: SubmissionContext): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['Báo cáo phải là một đối tượng JSON'];
  let size: number;
  try {
    size = utf8Bytes(JSON.stringify(input));
  } catch {
    return ['Báo cáo không phải JSON hợp lệ'];
  }
  if (size > MAX_SUBMISSION_BYTES) return [`Báo cáo quá lớn: ${formatViNumber(size)} byte, tối đa ${formatViNumber(MAX_SUBMISSION_BYTES)} byte`];
  if (ctx.revisions !== undefined && ctx.revisions >= MAX_REVISIONS)
    return [`Đã nộp ${ctx.revisions} lần cho kỳ này, tối đa ${MAX_REVISIONS} lần; vui lòng liên hệ cơ quan thường trực`];

  const parsed = submissionSchema.safeParse(input);
  if (!parsed.success) return viReasons(parsed.error);
  const unclean: string[] = [];
  uncleanStrings(input, '', unclean);
  const problems = unclean.map((p) => `${p}: Có ký tự không được phép (ký tự điều khiển, U+FFFE/U+FFFF) hoặc chưa chuẩn hoá NFC`);
  const p = parsed.data as SubmissionPayload;

  if (p.period !== ctx.period) problems.push(`period: Phải là kỳ "${ctx.period}", không phải "${p.period}"`);
  p.tasks.forEach((t, i) => {
    if (!ctx.taskIds.includes(t.taskId)) problems.push(`tasks[${i}].taskId: "${t.taskId}" không phải nhiệm vụ của cơ quan, đơn vị này`);
    if (t.status === 'hoan-thanh' && t.progress !== undefined && t.progress !== 100)
      problems.push(`tasks[${i}].progress: Nhiệm vụ "Hoàn thành" phải có tiến độ 100% (đang ghi ${formatViNumber(t.progress)}%)`);
    if (t.status === 'chua-trien-khai' && t.progress !== undefined && t.progress !== 0)
      problems.push(`tasks[${i}].progress: Nhiệm vụ "Chưa triển khai" có tiến độ 0% hoặc để trống (đang ghi ${formatViNumber(t.progress)}%)`);
  });
  p.targets.forEach((t, i) => {
    if (!ctx.targetIds.includes(t.targetId)) problems.push(`targets[${i}].targetId: "${t.targetId}" không phải chỉ tiêu của kế hoạch`);
  });

  // Empty is not a report: the agency's own tasks each have a status, or the narrative says what was done.
  const adhoc = ctx.adhoc ?? ctx.period.startsWith('DX-');
  const reported = new Set(p.tasks.map((t) => t.taskId));
  const everyTask = ctx.taskIds.length > 0 && ctx.taskIds.every((id) => reported.has(id));
  const hasText = !blank(p.narrative) || (adhoc && (!blank(p.difficulties) || !blank(p.recommendations)));
  if (!everyTask && !hasText) {
    problems.push(
      ctx.taskIds.length > 0
        ? `narrative: Báo cáo đang để trống: hãy ghi tình trạng cho từng nhiệm vụ của đơn vị (${reported.size}/${ctx.taskIds.length} đã ghi) hoặc điền phần kết quả chung`
        : adhoc
          ? 'narrative: Báo cáo đang để trống: hãy điền kết quả, khó khăn hoặc kiến nghị'
          : 'narrative: Báo cáo đang để trống: hãy điền phần kết quả thực hiện chung',
    );
  }
  return problems;
}
