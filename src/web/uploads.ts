/**
 * Attachments from the portal, checked before anything is written: the type by content (file-type:
 * PDF, OOXML, ODF, JPEG, PNG; the name's extension must agree), a sanitised name, the size, the
 * agency's quota for the period, and the free space of the data directory. Files are stored only for
 * a submission that passed every check, and removed again if the workflow still refuses it.
 */
import { createHash } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_BYTES, MAX_PLAN_FILE_BYTES, type AttachmentExtension } from '../edge/limits.js';
import { safeFileName } from '../edge/text.js';
import { formatViNumber } from '../edge/viNumber.js';
import type { SubmissionPayload } from '../reporting/types.js';
import type { ContentStore } from '../storage/contentStore.js';

export type Attachment = SubmissionPayload['attachments'][number];
export interface IncomingFile {
  filename: string;
  buf: Buffer;
  truncated: boolean;
}
export interface CheckedFile extends Attachment {
  buf: Buffer;
}

const mb = (n: number) => `${formatViNumber(Math.round((n / 1024 / 1024) * 10) / 10)} MB`;
const KINDS = 'PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods, .odp), ảnh JPEG hoặc PNG';

/** One file: its attachment record (name sanitised, type detected), or the Vietnamese reason it is refused. */
export async function checkFile(f: IncomingFile): Promise<CheckedFile | string> {
  const name = safeFileName(f.filename, MAX_FILE_NAME_BYTES);
  if (f.truncated) return `${name}: lớn hơn ${mb(MAX_ATTACHMENT_BYTES)}`;
  if (f.buf.length === 0) return `${name}: tệp rỗng`;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const expected = Object.hasOwn(ATTACHMENT_TYPES, ext) ? ATTACHMENT_TYPES[ext as AttachmentExtension] : null;
  if (!expected) return `${name}: định dạng không được nhận (chỉ ${KINDS})`;
  const detected = await fileTypeFromBuffer(f.buf).catch(() => undefined);
  if (!detected || detected.mime !== expected)
    return `${name}: nội dung tệp không phải ${ext.toUpperCase()}${detected ? ` (là ${detected.ext.toUpperCase()})` : ''}; chỉ nhận ${KINDS}`;
  return { name, sha256: createHash('sha256').update(f.buf).digest('hex'), size: f.buf.length, contentType: expected, buf: f.buf };
}

/** Bytes of distinct files an agency has already attached in a period (all revisions). */
export function usedBytes(previous: readonly { payload: SubmissionPayload }[]): { bytes: number; hashes: Set<string> } {
  const sizes = new Map<string, number>();
  for (const s of previous) for (const a of s.payload.attachments) sizes.set(a.sha256, a.size);
  return { bytes: [...sizes.values()].reduce((a, b) => a + b, 0), hashes: new Set(sizes.keys()) };
}

/** Free bytes for an unprivileged writer on the data directory's file system, or null when it cannot be told. */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/** Stores checked files; returns the hashes this call created (to remove if the submission is refused after all). */
export async function storeFiles(storage: ContentStore, files: readonly CheckedFile[]): Promise<string[]> {
  const created: string[] = [];
  try {
    for (const f of files) if ((await storage.put(f.buf)).created) created.push(f.sha256);
  } catch (err) {
    await discardFiles(storage, created);
    throw err;
  }
  return created;
}

export async function discardFiles(storage: ContentStore, created: readonly string[]): Promise<void> {
  for (const sha of created) await storage.remove(sha).catch(() => {});
}

/** What a plan can be registered from: its document (text, Markdown, DOCX, PDF with text) or a plan file (YAML). */
export type PlanSourceKind = 'text' | 'docx' | 'pdf' | 'yaml';
const PLAN_SOURCE_EXT: Record<string, PlanSourceKind> = { txt: 'text', md: 'text', docx: 'docx', pdf: 'pdf', yaml: 'yaml', yml: 'yaml' };
const PLAN_SOURCE_MIME: Partial<Record<PlanSourceKind, string>> = { docx: ATTACHMENT_TYPES.docx, pdf: ATTACHMENT_TYPES.pdf };
const PLAN_KINDS = 'văn bản TXT/MD (UTF-8), Word (.docx), PDF có lớp chữ, hoặc tệp kế hoạch YAML';

/**
 * A document uploaded to register a plan, checked by content as attachments are: DOCX and PDF must be
 * what file-type detects; text and YAML must be UTF-8 and detected as nothing binary. Sizes: a document up
 * to MAX_ATTACHMENT_BYTES, a YAML plan file up to MAX_PLAN_FILE_BYTES (the CLI's limit).
 */
export async function checkPlanSource(f: IncomingFile): Promise<{ name: string; kind: PlanSourceKind; buf: Buffer } | string> {
  const name = safeFileName(f.filename, MAX_FILE_NAME_BYTES);
  if (f.truncated) return `${name}: lớn hơn ${mb(MAX_ATTACHMENT_BYTES)}`;
  if (f.buf.length === 0) return `${name}: tệp rỗng`;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const kind = Object.hasOwn(PLAN_SOURCE_EXT, ext) ? PLAN_SOURCE_EXT[ext]! : null;
  if (!kind) return `${name}: định dạng không được nhận (chỉ ${PLAN_KINDS})`;
  const detected = await fileTypeFromBuffer(f.buf).catch(() => undefined);
  const expected = PLAN_SOURCE_MIME[kind];
  if (expected ? detected?.mime !== expected : detected !== undefined)
    return `${name}: nội dung tệp không phải ${ext.toUpperCase()}${detected ? ` (là ${detected.ext.toUpperCase()})` : ''}; chỉ nhận ${PLAN_KINDS}`;
  if (!expected && f.buf.toString('utf8').includes('\ufffd')) return `${name}: tệp văn bản không phải UTF-8: hãy lưu lại với mã UTF-8`;
  if (kind === 'yaml' && f.buf.length > MAX_PLAN_FILE_BYTES) return `${name}: tệp kế hoạch lớn hơn ${mb(MAX_PLAN_FILE_BYTES)}`;
  return { name, kind, buf: f.buf };
}
