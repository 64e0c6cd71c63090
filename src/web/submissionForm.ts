/**
 * The portal form and the submission payload, both ways: form fields → payload (for the same zod
 * schema the Update's validator mirrors), payload → form values (to prefill a revision), and every
 * problem back onto the field it belongs to, in Vietnamese. Form indexes, not task ids, name the
 * fields: ids such as "v.10" contain dots.
 */
import { formatPath, viIssueMessage } from '../edge/messages.js';
import { formatViNumber, parseViNumber } from '../edge/viNumber.js';
import type { Plan } from '../plan/schema.js';
import type { AgencyTask } from '../plan/normalise.js';
import { EVER, holderTasks, predecessorsOf } from '../directory/resolve.js';
import { submissionSchema } from '../reporting/submissionSchema.js';
import type { SubmissionPayload } from '../reporting/types.js';

export type FormValues = Record<string, string>;
export type Attachment = SubmissionPayload['attachments'][number];

export interface FormModel {
  tasks: AgencyTask[];
  /** Targets this agency is named to report on, then the plan's other targets (optional). */
  ownTargets: Plan['targets'];
  otherTargets: Plan['targets'];
}

export function formModel(plan: Plan, agencyId: string): FormModel {
  // A successor reports for the agencies it took over, each task once (the rule the service, the staff
  // page and the workflow's task list use: src/directory/resolve.ts).
  const tasks = holderTasks(plan, agencyId, EVER);
  const own = [agencyId, ...predecessorsOf(plan, agencyId, EVER).map((a) => a.id)];
  const mine = (t: Plan['targets'][number]) => t.reportedBy.some((a) => own.includes(a));
  return { tasks, ownTargets: plan.targets.filter(mine), otherTargets: plan.targets.filter((t) => !mine(t)) };
}

const targetsOf = (m: FormModel) => [...m.ownTargets, ...m.otherTargets];

/** "63,5" is 63.5 and "16.000" is 16000 (the shared parser); anything else is NaN for the schema to reject. */
export const parseNumber = parseViNumber;

export interface Converted {
  raw: unknown;
  /** Payload path (e.g. "tasks[0].progress") → form field name. */
  fieldOf: Map<string, string>;
}

export function formToPayload(m: FormModel, period: string, v: FormValues, attachments: Attachment[]): Converted {
  const fieldOf = new Map<string, string>();
  const tasks: Record<string, unknown>[] = [];
  m.tasks.forEach((t, i) => {
    const status = v[`task.${i}.status`] ?? '';
    const progress = v[`task.${i}.progress`] ?? '';
    const result = v[`task.${i}.result`] ?? '';
    if (!status && !progress.trim() && !result.trim()) return; // not reported this time
    const k = tasks.length;
    for (const f of ['status', 'progress', 'result', 'taskId']) fieldOf.set(`tasks[${k}].${f}`, `task.${i}.${f === 'taskId' ? 'status' : f}`);
    tasks.push({ taskId: t.task.id, status, ...(progress.trim() ? { progress: parseNumber(progress) } : {}), result });
  });
  const targets: Record<string, unknown>[] = [];
  targetsOf(m).forEach((t, i) => {
    const value = v[`target.${i}.value`] ?? '';
    const note = v[`target.${i}.note`] ?? '';
    if (!value.trim() && !note.trim()) return;
    const k = targets.length;
    for (const f of ['value', 'note', 'targetId']) fieldOf.set(`targets[${k}].${f}`, `target.${i}.${f === 'targetId' ? 'value' : f}`);
    targets.push({ targetId: t.id, value: parseNumber(value), ...(note.trim() ? { note } : {}) });
  });
  for (const f of ['narrative', 'difficulties', 'recommendations']) fieldOf.set(f, f);
  fieldOf.set('submittedBy.name', 'submitterName');
  fieldOf.set('submittedBy.email', 'submitterEmail');
  const name = (v.submitterName ?? '').trim();
  const email = (v.submitterEmail ?? '').trim();
  return {
    fieldOf,
    raw: {
      period,
      tasks,
      targets,
      narrative: v.narrative ?? '',
      difficulties: v.difficulties ?? '',
      recommendations: v.recommendations ?? '',
      attachments,
      ...(name || email ? { submittedBy: { ...(name ? { name } : {}), ...(email ? { email } : {}) } } : {}),
    },
  };
}

export function payloadToForm(m: FormModel, p: SubmissionPayload): FormValues {
  const v: FormValues = { narrative: p.narrative, difficulties: p.difficulties, recommendations: p.recommendations };
  m.tasks.forEach((t, i) => {
    const r = p.tasks.find((x) => x.taskId === t.task.id);
    if (!r) return;
    v[`task.${i}.status`] = r.status;
    v[`task.${i}.progress`] = r.progress === undefined ? '' : formatViNumber(r.progress);
    v[`task.${i}.result`] = r.result;
  });
  targetsOf(m).forEach((t, i) => {
    const r = p.targets.find((x) => x.targetId === t.id);
    if (!r) return;
    v[`target.${i}.value`] = formatViNumber(r.value);
    v[`target.${i}.note`] = r.note ?? '';
  });
  if (p.submittedBy?.name) v.submitterName = p.submittedBy.name;
  if (p.submittedBy?.email) v.submitterEmail = p.submittedBy.email;
  return v;
}

/** Field name → messages. Problems that belong to no field go under "_form". */
export type FieldErrors = Record<string, string[]>;

function add(errors: FieldErrors, field: string, message: string) {
  (errors[field] ??= []).push(message);
}

/** The schema's verdict, mapped onto form fields. Empty when the payload has the right shape. */
export function schemaErrors(c: Converted): { errors: FieldErrors; payload: SubmissionPayload | null } {
  const parsed = submissionSchema.safeParse(c.raw);
  if (parsed.success) return { errors: {}, payload: parsed.data as SubmissionPayload };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) add(errors, c.fieldOf.get(formatPath(issue.path)) ?? '_form', viIssueMessage(issue));
  return { errors, payload: null };
}

/** Reasons from the service ("tasks[0].taskId: …") mapped onto fields the same way. */
export function reasonErrors(c: Converted, reasons: string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const r of reasons) {
    const m = /^([\w.[\]]+): (.*)$/.exec(r);
    const field = m ? c.fieldOf.get(m[1]!) : undefined;
    add(errors, field ?? '_form', field ? m![2]! : r);
  }
  return errors;
}
