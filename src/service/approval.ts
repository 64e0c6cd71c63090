/**
 * Approving a period's draft, with or without a Word file staff edited and uploaded over it.
 *
 * The cycle workflow's `approveReport` Update takes `{ approvedBy?, note?, docx? }`. An edited file
 * (`docx: { sha256, name, size }`, in the content store) is attached by `consolidateAndSend` in place of
 * the rendered DOCX and recorded as `state.sent.docxId`, the rendered one as `renderedDocxId`: both kept.
 * The web keeps the file's upload history and marks the approved version (report_versions).
 */
import type { EditedDocx } from '../../workflows/cycleWorkflow.js';
import { approveReport, type Ops } from './operations.js';

export type { EditedDocx };

/** Whether the workflow attaches an edited DOCX in place of its own (cycles started before `approval-edited-docx` do not). */
export const WORKFLOW_SENDS_EDITED_DOCX = true;

export async function approveDraft(ops: Ops, planId: string, period: string, opts: { by?: string; note: string; edited: EditedDocx | null }) {
  return approveReport(ops, planId, period, opts.by, opts.note.trim() || undefined, opts.edited ?? undefined);
}
