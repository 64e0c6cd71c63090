/**
 * Every limit an edge enforces, in one place, so the schemas, the workflows' Update validators, the
 * portal and the README quote the same numbers. Text lengths are UTF-8 bytes after NFC (a Vietnamese
 * letter with its marks takes 2–3 bytes), so a limit bounds what Temporal stores, whatever the script.
 * Pure constants: safe to import into the workflow bundle.
 */

/** Ids (plan, agency, task, target, user): the plan schema's lowercase words; bytes. */
export const MAX_ID_BYTES = 100;
/** Period ids (`2026-H1`, `2026-M03`, `DX-20260302-1`, ...): bytes. */
export const MAX_PERIOD_BYTES = 40;
/** Narrative, difficulties and recommendations, each: bytes (about 15 pages of Vietnamese text). */
export const MAX_LONG_TEXT_BYTES = 32 * 1024;
/** A task's result: bytes. */
export const MAX_RESULT_BYTES = 8 * 1024;
/** A target's note, a reason (extension, refusal, exemption), an approval note: bytes. */
export const MAX_NOTE_BYTES = 2 * 1024;
/** A name (reporter, approver) or an ad-hoc request's subject: bytes. */
export const MAX_NAME_BYTES = 300;
/** An e-mail address: characters (RFC 5321). */
export const MAX_EMAIL_CHARS = 254;
/**
 * A whole submission as JSON: bytes. With MAX_REVISIONS, every revision of one agency and period
 * together stays under Temporal's 2 MiB payload limit (20 × 96 KiB = 1.875 MiB).
 */
export const MAX_SUBMISSION_BYTES = 96 * 1024;
/** Tasks in one submission (an agency reports on its own tasks; the largest seed plan has fewer than 100). */
export const MAX_TASKS = 300;
/** Target values in one submission. */
export const MAX_TARGETS = 200;
/** Revisions one agency may submit for one period: bounds the workflow's history and its queries. */
export const MAX_REVISIONS = 20;
/** Temporal's limit on one payload (blob size limit error), the bound the two above are chosen for: bytes. */
export const TEMPORAL_PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;
/** Agencies one ad-hoc request may name. */
export const MAX_ADHOC_AGENCIES = 200;
/** Dates an edge accepts: years within this range. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Attachments: how many per submission, how large each, and what they may be (by content, not by name). */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** A file name: bytes after sanitising (most file systems stop at 255). */
export const MAX_FILE_NAME_BYTES = 200;
/** Everything one agency has stored for one period (all revisions): bytes. */
export const MAX_AGENCY_PERIOD_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Uploads are refused while the data directory's file system has less free space than this: bytes. */
export const MIN_FREE_DISK_BYTES = 512 * 1024 * 1024;

/** The file types an agency may attach: extension → the content type file-type must detect. */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_CONTENT_TYPES = [...new Set(Object.values(ATTACHMENT_TYPES))] as [string, ...string[]];

/** HTTP bodies: JSON and forms (a submission plus its envelope); multipart adds the files. */
export const MAX_JSON_BODY_BYTES = 512 * 1024;

/** Plan files: size, YAML aliases (a "billion laughs" bomb is made of them). */
export const MAX_PLAN_FILE_BYTES = 1024 * 1024;
export const MAX_PLAN_ALIASES = 100;
