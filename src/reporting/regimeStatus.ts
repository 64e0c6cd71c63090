/**
 * The regime's state as the rest of dondoc reads it (`AgencyStatus`: the status query, the cycle's
 * grid, the API). Older fields keep their meaning; the delivery record is added.
 */
import type { RegimeState } from './regime.js';
import type { AgencyStatus } from './types.js';

export function regimeStatus(s: RegimeState): AgencyStatus {
  const digestAt = s.schedule.escalations.find((e) => e.level === 'leader-digest')?.at ?? null;
  const endsAt =
    s.schedule.escalations
      .map((e) => e.at)
      .sort()
      .pop() ?? s.schedule.dueAt;
  const level = s.escalationLevel === 'leader' ? 'leader-digest' : s.escalationLevel;
  return {
    agencyId: s.agencyId,
    role: s.role,
    period: s.period,
    state: s.phase,
    lastDay: s.schedule.lastDay,
    dueAt: s.schedule.dueAt,
    submittedAt: s.submittedAt,
    lastSubmittedAt: s.lastSubmittedAt,
    revisions: s.submissions.length,
    remindersSent: s.delivered.filter((d) => d.type === 'step' && d.key.startsWith('reminder/')).map((d) => d.at),
    escalationLevel: level,
    digestAt,
    ladderEndsAt: endsAt,
    exemption: s.exemption ? { reason: s.exemption.reason, at: s.exemption.at } : null,
    exemptedBy: s.exemption?.by ?? null,
    extensions: s.extensions.map((e) => ({ lastDay: e.lastDay, reason: e.reason, at: e.at, approved: e.approved })),
    extensionRequest: s.extensionRequest,
    closed: s.closed,
    delivery: {
      failing: s.delivery.failing ? { key: s.delivery.failing.key, since: s.delivery.failing.since, error: s.delivery.failing.error } : null,
      undeliverable: s.delivery.undeliverable,
    },
    steps: s.steps.map((x) => ({ ...x })),
    delivered: s.delivered.map((d) => ({ ...d })),
    ...(s.proof
      ? {
          proof: {
            proven: s.proof.proven,
            provenAt: s.proof.provenAt,
            waitingSince: s.proof.holdingSince,
            unreachable: s.proof.unreachable.map((u) => ({ ...u })),
            fallbacks: s.proof.fallbacks.map((f) => ({ address: f.address, contactRole: f.contactRole, failedAddress: f.failedAddress })),
            exhausted: s.proof.exhausted,
          },
        }
      : {}),
  };
}
