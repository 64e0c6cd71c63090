/**
 * The emails a cycle must produce, derived from its schedule (the calendar, itself pinned by the domain
 * tests to hand-computed dates) and the scripted behaviour of each agency. A workflow that sends one
 * reminder too many, too few, or at another instant fails the comparison.
 */
import { submissionInstant, type SubmitBehaviour } from '../../src/simulate/script.js';
import type { CycleSpec } from '../../src/reporting/types.js';

export interface EmailKey {
  at: string;
  kind: string;
  agencyId: string | null;
}

const before = (at: string, limit: string | null) => limit === null || Date.parse(at) < Date.parse(limit);

export function expectedEmails(cycle: CycleSpec, behaviour: (agencyId: string) => SubmitBehaviour, sentAt: string | null): EmailKey[] {
  const out: EmailKey[] = [];
  const submitted = new Map<string, string | null>();
  for (const a of cycle.agencies) {
    const s = submissionInstant(cycle, a.agencyId, behaviour(a.agencyId));
    submitted.set(a.agencyId, s);
    // Day one: an ad-hoc request, or a cycle that opens after its first reminder, tells the agency at once.
    const first = a.reminders[0];
    if (cycle.kind === 'adhoc' || (first && Date.parse(first.at) <= Date.parse(cycle.opensAt))) out.push({ at: cycle.opensAt, kind: 'period-open', agencyId: a.agencyId });
    for (const r of a.reminders) if (before(r.at, s)) out.push({ at: r.at, kind: 'reminder', agencyId: a.agencyId });
    for (const e of a.escalations) {
      if (e.level === 'leader-digest' || !before(e.at, s)) continue;
      out.push({ at: e.at, kind: e.level === 'overdue' ? 'overdue' : 'escalation', agencyId: a.agencyId });
    }
    if (s) out.push({ at: s, kind: 'receipt', agencyId: a.agencyId });
  }
  // The leader's digest is the leader's own (expectedLeaderDigests), across every cycle.
  if (cycle.standing) {
    const st = cycle.standing;
    for (const r of st.reminders) if (before(r.at, sentAt)) out.push({ at: r.at, kind: 'reminder', agencyId: st.agencyId });
    for (const e of st.escalations) if (before(e.at, sentAt)) out.push({ at: e.at, kind: e.level === 'overdue' ? 'overdue' : 'escalation', agencyId: st.agencyId });
  }
  return sortKeys(out);
}

/**
 * The leader's digests (leaderDigestWorkflow, repeat `news`): one on each day an agency of any cycle
 * reaches its leader step still late, at that step's instant, whatever the number of plans and periods.
 */
export function expectedLeaderDigests(cycles: CycleSpec[], behaviour: (agencyId: string) => SubmitBehaviour): EmailKey[] {
  const days = new Set<string>();
  for (const cycle of cycles) {
    for (const a of cycle.agencies) {
      const s = submissionInstant(cycle, a.agencyId, behaviour(a.agencyId));
      for (const e of a.escalations) if (e.level === 'leader-digest' && before(e.at, s)) days.add(e.at);
    }
  }
  return sortKeys([...days].map((at) => ({ at, kind: 'escalation', agencyId: null })));
}

/** A leader's digest in a simulation's email list (the standing agency's own leader step names the agency). */
export const isLeaderDigest = (e: { kind: string; agencyId: string | null }) => e.kind === 'escalation' && e.agencyId === null;

/**
 * Compared to the minute: timers fire on the exact second, but a receipt is stamped when its Update is
 * processed, which on a busy machine can be a second or two (of the test server's running clock) after
 * the scripted instant.
 */
export const sortKeys = (keys: EmailKey[]) =>
  keys.map((k) => ({ ...k, at: k.at.slice(0, 16) })).sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind) || (a.agencyId ?? '').localeCompare(b.agencyId ?? ''));
