/**
 * Approving a period's draft, with or without a Word file staff edited and uploaded over it.
 *
 * The cycle workflow's `approveReport` Update takes `{ approvedBy?, note? }` and sends the report it
 * renders itself. Until it also takes the edited file (`docx: { sha256, name, size }`, attached by
 * `consolidateAndSend` in place of the rendered DOCX and recorded in `state.sent.docxId`), the edited
 * file's reference travels in the approval note: the workflow's history says which edited version was
 * approved, and the web keeps the file (content store) and marks it approved (report_versions).
 */
import { approveReport, type Ops } from './operations.js';

/** Whether the workflow attaches an edited DOCX in place of its own (see above). Flip with the workflow change. */
export const WORKFLOW_SENDS_EDITED_DOCX = false;

export interface EditedDocx {
  sha256: string;
  name: string;
  size: number;
}

/** The note the approval carries: the staff's own words, then the edited file it approves. */
export function approvalNote(note: string, edited: EditedDocx | null): string | undefined {
  const parts = [note.trim(), edited ? `Bản Word đã chỉnh sửa được duyệt: ${edited.name} (sha256 ${edited.sha256})` : ''].filter(Boolean);
  return parts.length ? parts.join(' — ') : undefined;
}

export async function approveDraft(ops: Ops, planId: string, period: string, opts: { by?: string; note: string; edited: EditedDocx | null }) {
  return approveReport(ops, planId, period, opts.by, approvalNote(opts.note, opts.edited));
}
