/**
 * Attachments from the portal, checked before anything is written: the type by content (file-type:
 * PDF, OOXML, ODF, JPEG, PNG; the name's extension must agree), a sanitised name, the size, the
 * agency's quota for the period, and the free space of the data directory. Files are stored only for
 * a submission that passed every check, and removed again if the workflow still refuses it.
 */
import { createHash } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_BYTES, type AttachmentExtension } from '../edge/limits.js';
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
