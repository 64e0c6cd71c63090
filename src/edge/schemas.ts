/**
 * One input schema per operation, shared by every edge: the HTTP API and the portal (route bodies),
 * the staff forms, the CLI, and the workflows' Update validators. Each string is NFC, cleaned of the
 * characters XML 1.0 forbids (`xmlSafe`) and bounded in bytes; each list is bounded and free of
 * duplicates; dates are real calendar days; booleans are booleans (`"no"` is not `false`). Unknown
 * fields are refused: nothing unchecked reaches a workflow. Pure and bundle-safe (zod only).
 */
import { z } from 'zod';
import { TASK_STATUSES } from '../reporting/taskStatus.js';
import { isRealIsoDate } from './dates.js';
import {
  ATTACHMENT_CONTENT_TYPES,
  MAX_ADHOC_AGENCIES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_EMAIL_CHARS,
  MAX_FILE_NAME_BYTES,
  MAX_ID_BYTES,
  MAX_LONG_TEXT_BYTES,
  MAX_NAME_BYTES,
  MAX_NOTE_BYTES,
  MAX_PERIOD_BYTES,
  MAX_RESULT_BYTES,
  MAX_TARGETS,
  MAX_TASKS,
  MAX_YEAR,
  MIN_YEAR,
} from './limits.js';
import { utf8Bytes, xmlSafe } from './text.js';
import { formatViNumber } from './viNumber.js';

const tooLong = (max: number, got: number) => `Dài quá giới hạn ${formatViNumber(max)} byte (đã nhập ${formatViNumber(got)} byte; một chữ có dấu chiếm 2–3 byte)`;

/** Text cleaned for XML, NFC, at most `maxBytes` UTF-8 bytes; `required`: not blank. */
export function boundedText(maxBytes: number, opts: { required?: string } = {}) {
  return z.string({ error: (i) => (i.input === undefined ? 'Bắt buộc phải có' : 'Phải là văn bản') }).transform((s, ctx) => {
    const v = xmlSafe(s);
    const n = utf8Bytes(v);
    if (n > maxBytes) ctx.addIssue({ code: 'custom', message: tooLong(maxBytes, n) });
    else if (opts.required && v.trim() === '') ctx.addIssue({ code: 'custom', message: opts.required });
    return v;
  });
}

const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
/** Plan, agency, task and target ids: the plan schema's grammar, bounded. */
export const idSchema = z
  .string({ error: 'Phải là một mã (ví dụ so-noi-vu)' })
  .max(MAX_ID_BYTES)
  .regex(ID, { error: 'Mã không hợp lệ: chữ thường không dấu, số, "-" hoặc "." (ví dụ so-noi-vu)' });

/** Period ids (2026-H1, 2026-M03, 2026-Q1, 2026-9M, 2026, 2026-SK, DX-20260302-1): a bounded, harmless alphabet. */
export const periodSchema = z
  .string({ error: 'Phải là mã kỳ báo cáo (ví dụ 2026-H1)' })
  .max(MAX_PERIOD_BYTES)
  .regex(/^[0-9A-Z][0-9A-Z-]*$/, { error: 'Mã kỳ báo cáo không hợp lệ (ví dụ 2026-H1, 2026)' });

/** A real calendar day, YYYY-MM-DD, in MIN_YEAR–MAX_YEAR. */
export const isoDaySchema = z
  .string({ error: 'Phải là một ngày dạng YYYY-MM-DD' })
  .refine(isRealIsoDate, { error: `Không phải ngày có thật (dạng YYYY-MM-DD, năm ${MIN_YEAR}–${MAX_YEAR})` });

/** Zod 4's number refuses NaN and ±Infinity. */
const num = () => z.number();

function unique<T>(key: (t: T) => string, what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((t, i) => {
      const k = key(t);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `${what} "${k}" có hai lần` });
      seen.add(k);
    });
  };
}

export const taskReportSchema = z.strictObject({
  taskId: idSchema,
  status: z.enum(TASK_STATUSES as unknown as [string, ...string[]], { error: 'Hãy chọn tình trạng trong danh sách' }),
  progress: num().min(0).max(100).optional(),
  result: boundedText(MAX_RESULT_BYTES).default(''),
});

export const targetReportSchema = z.strictObject({
  targetId: idSchema,
  value: num().min(-1e15).max(1e15),
  note: boundedText(MAX_NOTE_BYTES).optional(),
});

export const attachmentSchema = z.strictObject({
  name: boundedText(MAX_FILE_NAME_BYTES, { required: 'Tên tệp không được để trống' }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Phải là mã sha256 của một tệp đã lưu' }),
  size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
  contentType: z.enum(ATTACHMENT_CONTENT_TYPES, { error: 'Loại tệp không được nhận (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, JPEG, PNG)' }),
});

/** What an agency submits (the report itself). Plan-specific rules follow in `submissionProblems`. */
export const submissionSchema = z.strictObject({
  period: periodSchema,
  tasks: z
    .array(taskReportSchema)
    .max(MAX_TASKS)
    .superRefine(unique((t) => t.taskId, 'Nhiệm vụ'))
    .default([]),
  targets: z
    .array(targetReportSchema)
    .max(MAX_TARGETS)
    .superRefine(unique((t) => t.targetId, 'Chỉ tiêu'))
    .default([]),
  narrative: boundedText(MAX_LONG_TEXT_BYTES).default(''),
  difficulties: boundedText(MAX_LONG_TEXT_BYTES).default(''),
  recommendations: boundedText(MAX_LONG_TEXT_BYTES).default(''),
  attachments: z
    .array(attachmentSchema)
    .max(MAX_ATTACHMENTS)
    .superRefine(unique((a) => a.sha256, 'Tệp'))
    .default([]),
  submittedBy: z
    .strictObject({
      name: boundedText(MAX_NAME_BYTES).optional(),
      email: z.email({ error: 'Địa chỉ thư điện tử không hợp lệ' }).max(MAX_EMAIL_CHARS).optional(),
    })
    .optional(),
});

const reason = (required: string) => boundedText(MAX_NOTE_BYTES, { required });

/** An agency asks for more time (through its link). */
export const extensionRequestSchema = z.strictObject({
  lastDay: isoDaySchema,
  reason: reason('Hãy nêu lý do xin gia hạn'),
});

/** The standing agency grants (with the new last day) or refuses an extension. */
export const extensionDecisionSchema = z
  .strictObject({
    approved: z.boolean({ error: 'Phải là true (chấp thuận) hoặc false (từ chối)' }),
    lastDay: isoDaySchema.optional(),
    reason: reason('Quyết định gia hạn cần nêu lý do'),
  })
  .superRefine((d, ctx) => {
    if (d.approved && d.lastDay === undefined) ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'Chấp thuận gia hạn cần ngày hạn mới' });
  });

/** The standing agency releases an agency from a period. */
export const exemptionSchema = z.strictObject({ reason: reason('Hãy nêu lý do miễn báo cáo') });

/** An ad-hoc report request (báo cáo đột xuất) to chosen agencies. */
export const adhocRequestSchema = z.strictObject({
  agencyIds: z
    .array(idSchema)
    .min(1, { error: 'Hãy chọn ít nhất một cơ quan, đơn vị' })
    .max(MAX_ADHOC_AGENCIES)
    .superRefine(unique((a) => a, 'Cơ quan')),
  lastDay: isoDaySchema,
  subject: boundedText(MAX_NAME_BYTES, { required: 'Hãy nêu nội dung cần báo cáo' }),
});

/** The standing agency approves the draft consolidated report. */
export const approvalSchema = z.strictObject({
  approvedBy: boundedText(MAX_NAME_BYTES).optional(),
  note: boundedText(MAX_NOTE_BYTES).optional(),
  /** A Word file staff edited over the draft (already in the content store): sent as the report. */
  docx: attachmentSchema.pick({ name: true, sha256: true, size: true }).optional(),
});

/** Route parameters: ids and periods of the plan the request names. */
export const agencyRouteSchema = z.strictObject({ planId: idSchema, period: periodSchema, agencyId: idSchema });

export type SubmissionInput = z.output<typeof submissionSchema>;
export type ExtensionRequestInput = z.output<typeof extensionRequestSchema>;
export type ExtensionDecisionInput = z.output<typeof extensionDecisionSchema>;
export type ExemptionInput = z.output<typeof exemptionSchema>;
export type AdhocRequestInput = z.output<typeof adhocRequestSchema>;
export type ApprovalInput = z.output<typeof approvalSchema>;
