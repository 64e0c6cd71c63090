/**
 * The delivery state of every agency's messages beside its status (`dondoc status --json`, the status
 * API): a field added to each agency of each cycle, read from the delivery log by the agency workflow's
 * key prefix. Existing fields are untouched.
 */
import { reportWorkflowId } from '../../workflows/ids.js';
import { toNoticeMessage, type DeliveryLog } from '../db/deliveries.js';
import type { NoticeMessage } from '../mail/noticeState.js';

/** A message as `deliveries` lists it: the proof of notice's own shape (one definition, src/db/deliveries.ts). */
export type DeliveryLine = NoticeMessage;

type AgencyLike = { agencyId: string; role: 'agency' | 'standing' };
type StatusLike<A extends AgencyLike> = { planId: string; cycles: { period: string; agencies: A[]; standing?: A | null }[] };

/** The status with `deliveries: DeliveryLine[]` on every agency (and the standing agency) of every cycle. */
export async function withDeliveries<A extends AgencyLike, S extends StatusLike<A>>(status: S, log: DeliveryLog) {
  const lines = async (period: string, a: A) => (await log.forWorkflow(reportWorkflowId(status.planId, period, a.agencyId, a.role))).map(toNoticeMessage);
  const cycles = [];
  for (const c of status.cycles) {
    const agencies = [];
    for (const a of c.agencies) agencies.push({ ...a, deliveries: await lines(c.period, a) });
    const standing = c.standing ? { ...c.standing, deliveries: await lines(c.period, c.standing) } : c.standing;
    cycles.push({ ...c, agencies, standing });
  }
  return { ...status, cycles };
}
