/**
 * Submissions travel by reference: the edge stores the validated report content-addressed and hands the
 * workflow its sha256 and summary; readers resolve the payload from the store. Older workflows returned
 * the payload inline, and still do.
 */
import type { ContentStore } from '../storage/contentStore.js';
import { summarise } from '../reporting/submissionSummary.js';
import type { SubmissionPayload, SubmissionRecord, SubmissionRecordRef, SubmissionRefInput } from '../reporting/types.js';

export const SUBMISSION_EXT = '.submission.json';

/** Stores a validated report; the same report stored twice is one file. */
export async function storeSubmission(store: ContentStore, payload: SubmissionPayload): Promise<SubmissionRefInput> {
  const stored = await store.put(JSON.stringify(payload), SUBMISSION_EXT);
  return { sha256: stored.sha256, size: stored.size, summary: summarise(payload) };
}

export async function resolveSubmission(store: ContentStore, record: SubmissionRecordRef): Promise<SubmissionRecord> {
  if (record.payload) return record as SubmissionRecord;
  if (!record.sha256) throw new Error(`submission revision ${record.revision} has neither payload nor hash`);
  const payload = JSON.parse((await store.get(record.sha256, SUBMISSION_EXT)).toString('utf8')) as SubmissionPayload;
  return { ...record, payload };
}

export const resolveSubmissions = (store: ContentStore, records: SubmissionRecordRef[]) => Promise.all(records.map((r) => resolveSubmission(store, r)));
