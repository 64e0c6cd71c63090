/**
 * The checks a submission must pass before it is recorded. Dependency-free on purpose: the same
 * function runs in the agency workflow's Update validator (kept out of heavy libraries) and at the
 * edges (CLI, HTTP) after the zod schema has checked the shape.
 */
import type { SubmissionPayload, TaskStatus } from './types.js';

export const TASK_STATUSES: readonly TaskStatus[] = ['chua-trien-khai', 'dang-thuc-hien', 'hoan-thanh', 'thuong-xuyen'];
export const MAX_TEXT = 20_000;

export interface SubmissionContext {
  period: string;
  /** Tasks this agency reports on (its own). */
  taskIds: readonly string[];
  /** Targets of the plan this agency may report values for. */
  targetIds: readonly string[];
}

/** Every reason the payload cannot be accepted, each as "field: reason"; empty when it can. */
export function submissionProblems(input: unknown, ctx: SubmissionContext): string[] {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null) return ['payload: must be an object'];
  const p = input as Partial<SubmissionPayload>;
  if (p.period !== ctx.period) problems.push(`period: expected "${ctx.period}", got "${String(p.period)}"`);
  for (const field of ['narrative', 'difficulties', 'recommendations'] as const) {
    const v = p[field];
    if (typeof v !== 'string') problems.push(`${field}: must be text`);
    else if (v.length > MAX_TEXT) problems.push(`${field}: longer than ${MAX_TEXT} characters`);
  }
  if (!Array.isArray(p.tasks)) problems.push('tasks: must be a list');
  else {
    const seen = new Set<string>();
    p.tasks.forEach((t, i) => {
      if (!ctx.taskIds.includes(t?.taskId)) problems.push(`tasks[${i}].taskId: "${String(t?.taskId)}" is not one of this agency's tasks`);
      else if (seen.has(t.taskId)) problems.push(`tasks[${i}].taskId: "${t.taskId}" reported twice`);
      else seen.add(t.taskId);
      if (!TASK_STATUSES.includes(t?.status)) problems.push(`tasks[${i}].status: must be one of ${TASK_STATUSES.join(', ')}`);
      if (t?.progress !== undefined && !(typeof t.progress === 'number' && t.progress >= 0 && t.progress <= 100)) {
        problems.push(`tasks[${i}].progress: must be a number from 0 to 100`);
      }
      if (typeof t?.result !== 'string') problems.push(`tasks[${i}].result: must be text`);
    });
  }
  if (!Array.isArray(p.targets)) problems.push('targets: must be a list');
  else {
    p.targets.forEach((t, i) => {
      if (!ctx.targetIds.includes(t?.targetId)) problems.push(`targets[${i}].targetId: "${String(t?.targetId)}" is not a target of this plan`);
      if (typeof t?.value !== 'number' || !Number.isFinite(t.value)) problems.push(`targets[${i}].value: must be a number`);
    });
  }
  if (!Array.isArray(p.attachments)) problems.push('attachments: must be a list');
  else {
    p.attachments.forEach((a, i) => {
      if (typeof a?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(a.sha256)) problems.push(`attachments[${i}].sha256: must be a stored file's sha256`);
    });
  }
  return problems;
}
