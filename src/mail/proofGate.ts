/**
 * The escalation gate's reading of the delivery log (issue 15, "fallback before escalation"): from the
 * proof of notice of one agency and period, whether the agency was shown to be told, which addresses
 * bounced, and which of its contacts to try next. Pure: the activity reads the log and the directory.
 *
 * What "delivered" means. The issue asks for a delivered or opened notice. Most relays (and the catcher of
 * `dondoc start` and the tests) report nothing after "250 accepted" unless something goes wrong: they send
 * a DSN for a failure or a delay, never for success. Counting only reported deliveries would hold every
 * escalation for ever on such a relay. So, by default, a notice the relay accepted counts as delivered once
 * `acceptedAfterMs` (DONDOC_PROOF_ACCEPTED_HOURS, default 24 hours) has passed without a bounce or a delay
 * report for it: bounces come back within minutes to hours, and a relay that is going to give up on a
 * message says "delayed" (4.x.x) first, which keeps the notice unproven. A reported delivery (DSN 2.x.x)
 * or an open of the agency's link counts at once. `acceptedAfterMs: null` (DONDOC_PROOF_ACCEPTED_HOURS=none)
 * counts only reported deliveries and opens, for a relay known to send success DSNs.
 */
import { hasDeliveredOrOpenedNotice, type ProofOfNotice } from './noticeState.js';

export const DEFAULT_PROOF_ACCEPTED_AFTER_MS = 24 * 3_600_000;

export interface ContactAddress {
  role: 'focal' | 'head';
  email: string;
}

export interface ProofFact {
  proven: boolean;
  unreachable: { address: string; key: string; at: string }[];
  nextContact: { address: string; contactRole: 'focal' | 'head'; failedAddress: string } | null;
  /** When the answer may change with no new event: the earliest accepted notice's quiet period ends. */
  recheckAt: string | null;
}

const ms = (iso: string) => Date.parse(iso);
const norm = (a: string) => a.trim().toLowerCase();

export function proofFact(p: ProofOfNotice, contacts: ContactAddress[], now: string, acceptedAfterMs: number | null): ProofFact {
  const quietEnd = (at: string) => (acceptedAfterMs === null ? null : ms(at) + acceptedAfterMs);
  const accepted = p.messages.filter((m) => m.state === 'accepted');
  const quietlyAccepted = accepted.some((m) => quietEnd(m.at) !== null && quietEnd(m.at)! <= ms(now));
  const proven = hasDeliveredOrOpenedNotice(p) || quietlyAccepted;

  const unreachable: ProofFact['unreachable'] = [];
  for (const m of p.messages) for (const a of m.bouncedAddresses) if (!unreachable.some((u) => u.address === norm(a))) unreachable.push({ address: norm(a), key: m.key, at: m.at });

  // The next contact: focal points first, then heads (the directory's order within a role), never one that
  // bounced or one a notice of this period already went to.
  const tried = new Set(p.messages.flatMap((m) => m.to.map(norm)));
  const order = (r: ContactAddress['role']) => (r === 'focal' ? 0 : 1);
  const candidates = [...contacts].map((c, i) => ({ ...c, i })).sort((a, b) => order(a.role) - order(b.role) || a.i - b.i);
  const next = unreachable.length ? candidates.find((c) => !tried.has(norm(c.email)) && !unreachable.some((u) => u.address === norm(c.email))) : undefined;

  const pending = accepted.map((m) => quietEnd(m.at)).filter((t): t is number => t !== null && t > ms(now));
  return {
    proven,
    unreachable,
    nextContact: next ? { address: next.email, contactRole: next.role, failedAddress: unreachable.at(-1)!.address } : null,
    recheckAt: pending.length ? new Date(Math.min(...pending) + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00' : null,
  };
}
