/**
 * The reporting regime of one agency for one period, as a pure state machine.
 *
 * The agency workflow is a thin driver of it: it feeds commands (a submission, an extension, the clock
 * reaching a step, a delivery's outcome) through `validate` and `apply`, sleeps until `nextWake`, and
 * delivers the notices `apply` leaves in the outbox. No Temporal, no I/O, no calendar lookups: the
 * schedule (working-day arithmetic) is computed outside and handed in, so this runs in milliseconds in
 * tests and deterministically in a workflow.
 *
 * The promises it keeps (checked by property tests over random event sequences):
 * - no reminder or escalation after a submission or an exemption;
 * - each step is issued at most once, and never after its meaning is gone (a reminder after the term,
 *   a step at or before the moment its schedule was set: `notBefore`);
 * - every step that falls due is delivered, replaced by a later catch-up notice, or recorded as
 *   undeliverable;
 * - a notice that cannot be delivered never blocks later ones: a newer step supersedes it;
 * - with the proof gate on (issue 15), no escalation step (overdue, director, leader) is issued before the
 *   agency has had a delivered or opened notice in the period: the step waits, the standing agency is
 *   asked once to fix the contact, and a bounced notice goes to the agency's next contact, once each.
 */
import { isoDateProblem } from './dates.js';
import type { AgencySchedule, SubmissionSummary, TaskStatus } from './types.js';

export type StepLevel = 'reminder' | 'overdue' | 'director' | 'leader';

/** One rung of the schedule: a reminder before the last day, or an escalation after it. */
export interface Step {
  /** Stable per schedule: `reminder/<lastDay>/<n>` or `escalation/<lastDay>/<level>`. */
  key: string;
  at: string;
  level: StepLevel;
  /** Working days before (reminder) or after (escalation) the effective last day. */
  workingDays: number;
}

/** What one agency is told, typed: the mail templates render each kind. */
export type Notice =
  | {
      type: 'step';
      key: string;
      step: Step;
      /** The instant this notice was issued at: its text ("còn N ngày làm việc") is true on that day. */
      issuedAt: string;
      /** Set when it stands for earlier steps that could not be delivered in their time. */
      catchUp: { replaces: Step[] } | null;
    }
  | { type: 'period-open'; key: string; issuedAt: string }
  /** sha256: the stored submission, for the copy the receipt carries (absent in older outboxes; null inline). */
  | { type: 'receipt'; key: string; revision: number; late: boolean; submittedAt: string; sha256?: string | null }
  | { type: 'extension-decision'; key: string; approved: boolean; lastDay: string; reason: string; decidedBy: string | null }
  | { type: 'extension-request'; key: string; lastDay: string; reason: string }
  | { type: 'exemption'; key: string; reason: string }
  /** Staff resent the agency its personal link. */
  | { type: 'link'; key: string; issuedAt: string }
  /** To the standing agency: a notice to this agency could not be delivered within the budget. */
  | { type: 'undeliverable'; key: string; failedKey: string; since: string; error: string }
  /** To the agency's next contact: a notice to its other address bounced (one per contact and period). */
  | { type: 'fallback'; key: string; address: string; contactRole: ContactRole; failedAddress: string; issuedAt: string }
  /** To the standing agency: an escalation waits for proof that the agency was told; fix its contact. */
  | { type: 'proof-missing'; key: string; since: string; levels: Exclude<StepLevel, 'reminder'>[]; unreachable: string[] };

export type ContactRole = 'focal' | 'head';

export type NoticeType = Notice['type'];
/**
 * Delivery lanes, each with one notice in flight: steps (and the period-open notice) are superseded by
 * newer ones; acknowledgements are each delivered, in order; alerts to the standing agency go to another
 * address, so they never wait behind the agency's own stuck notice.
 */
export type Lane = 'steps' | 'escalations' | 'acks' | 'staff';
export const LANES: readonly Lane[] = ['steps', 'escalations', 'acks', 'staff'];
/** Reminders and the overdue notice go to the agency itself; the director's and leader's steps go above it. */
const agencyFacing = (level: StepLevel) => level === 'reminder' || level === 'overdue';
export const laneOf = (n: Notice): Lane =>
  n.type === 'period-open'
    ? 'steps'
    : n.type === 'step'
      ? agencyFacing(n.step.level)
        ? 'steps'
        : 'escalations'
      : n.type === 'undeliverable' || n.type === 'proof-missing'
        ? 'staff'
        : 'acks';

export type Phase = 'pending' | 'overdue' | 'submitted' | 'submitted-late' | 'exempted';

export interface SubmissionRef {
  revision: number;
  submittedAt: string;
  late: boolean;
  /** sha256 of the stored payload (content store, `.submission.json`); null for a legacy inline payload. */
  sha256: string | null;
  size: number;
  summary: SubmissionSummary;
}

export type StepOutcome = 'delivered' | 'superseded' | 'undeliverable' | 'withdrawn';

export interface StepRecord {
  key: string;
  at: string;
  level: StepLevel;
  outcome: StepOutcome | 'issued';
  /** For superseded: the notice that stood for it; for delivered: its own. */
  noticeKey: string;
  /** When the outcome was settled. */
  settledAt: string | null;
}

export interface DeliveryProblem {
  key: string;
  since: string;
  error: string;
  at: string;
}

export interface RegimeState {
  agencyId: string;
  role: 'agency' | 'standing';
  period: string;
  kind: 'periodic' | 'adhoc';
  schedule: AgencySchedule;
  /** Steps at or before this instant are never issued: when the workflow started or the schedule moved. */
  notBefore: string;
  phase: Phase;
  submittedAt: string | null;
  lastSubmittedAt: string | null;
  submissions: SubmissionRef[];
  escalationLevel: Exclude<StepLevel, 'reminder'> | null;
  leaderReachedAt: string | null;
  exemption: { reason: string; at: string; by: string | null } | null;
  extensions: { lastDay: string; reason: string; at: string; approved: boolean; by: string | null }[];
  extensionRequest: { lastDay: string; reason: string; at: string } | null;
  extensionRequests: number;
  /** How many times staff resent the link. */
  linksResent: number;
  /** Every step issued so far, with what became of it. */
  steps: StepRecord[];
  /** Notices not yet delivered, oldest first. */
  outbox: Notice[];
  /** Agency-facing steps that lapsed undelivered (a reminder after the term): the next notice to the agency stands for them. */
  lapsed: Step[];
  /** Delivered notices: key → Message-ID (bounded: a period has a few dozen at most). */
  delivered: { key: string; type: NoticeType; at: string; messageId: string }[];
  /** A notice that has been failing for longer than the budget, and what became undeliverable. */
  delivery: { failing: DeliveryProblem | null; undeliverable: DeliveryProblem[] };
  closed: boolean;
  /** Proof of notice, when the gate is on (workflows from `proof-gated-escalation` on); absent: no gate. */
  proof?: ProofState;
}

/**
 * What the regime knows of the delivery log (the driver looks it up: `proof-of-notice`). Proof is
 * monotone: once the agency was demonstrably told in the period, it stays told.
 */
export interface ProofState {
  proven: boolean;
  provenAt: string | null;
  /** The last look-up; escalation instants after it call for another. */
  checkedAt: string | null;
  /** When to look again without a step falling due: a notice's quiet period ends, a new notice's bounce may be in. */
  recheckAt: string | null;
  /** 08:00 of the working day after the last look-up: the daily look while a step is held. */
  nextMorning: string | null;
  /** A due escalation step has been held since then; `heldAt`: the latest tick that held one. */
  holdingSince: string | null;
  heldAt: string | null;
  /** The standing agency was asked to fix the contact (one alert per period: proof never goes away). */
  alerted: boolean;
  /** Addresses that bounced for good in the period (the grid's "không liên lạc được"). */
  unreachable: { address: string; key: string; at: string }[];
  /** The agency's other contacts tried after a bounce, each once. */
  fallbacks: { address: string; contactRole: ContactRole; failedAddress: string; key: string }[];
  /** Every contact bounced and none is left to try. */
  exhausted: boolean;
}

/** How long after a notice to the agency goes out the driver looks for its bounce (bounces come in minutes). */
export const BOUNCE_LOOK_MS = 3_600_000;

export interface RegimeInit {
  agencyId: string;
  role: 'agency' | 'standing';
  period: string;
  kind: 'periodic' | 'adhoc';
  schedule: AgencySchedule;
  now: string;
  /** false: do not announce the period at once (the agency itself opened it to report). Default true. */
  announce?: boolean;
  /** Escalations wait for proof of notice (issue 15). Only an agency's own ladder is gated, not the standing agency's. */
  proofGate?: boolean;
}

export type Command =
  | { type: 'submit'; at: string; submission: { sha256: string | null; size: number; summary: SubmissionSummary } }
  | { type: 'request-extension'; at: string; lastDay: string; reason: string }
  | { type: 'decide-extension'; at: string; approved: boolean; lastDay?: string; reason: string; by?: string; schedule?: AgencySchedule }
  | { type: 'exempt'; at: string; reason: string; by?: string }
  | { type: 'resend-link'; at: string; by?: string }
  /** The clock reached `at`: issue what fell due, reissue what went stale. */
  | { type: 'tick'; at: string }
  | { type: 'delivered'; at: string; key: string; messageId: string }
  /** The notice could not be delivered: for longer than the budget (`permanent: false`) or refused for good. */
  | { type: 'delivery-failed'; at: string; key: string; error: string; since: string; permanent: boolean }
  | { type: 'consolidated-sent'; at: string }
  /**
   * What the delivery log says of this agency's notices in the period: whether one was delivered or opened
   * (`proven`), the addresses that bounced, the next contact to try (null: none left, or nothing bounced),
   * when the answer may change by itself (`recheckAt`) and the next working morning.
   */
  | {
      type: 'proof-of-notice';
      at: string;
      proven: boolean;
      unreachable: { address: string; key: string; at: string }[];
      nextContact: { address: string; contactRole: ContactRole; failedAddress: string } | null;
      recheckAt: string | null;
      nextMorning: string | null;
    }
  | { type: 'leader-reached'; at: string }
  | { type: 'close'; at: string };

export interface Applied {
  state: RegimeState;
  /** Notices this command added to the outbox. */
  notices: Notice[];
}

const ms = (iso: string) => Date.parse(iso);
/** The calendar day in Vietnam (UTC+7, no daylight saving) of an instant. */
export const vnDay = (iso: string) => new Date(ms(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

export const settled = (s: RegimeState) => s.phase === 'submitted' || s.phase === 'submitted-late' || s.phase === 'exempted';

export function initRegime(init: RegimeInit): Applied {
  const state: RegimeState = {
    agencyId: init.agencyId,
    role: init.role,
    period: init.period,
    kind: init.kind,
    schedule: init.schedule,
    notBefore: init.now,
    phase: 'pending',
    submittedAt: null,
    lastSubmittedAt: null,
    submissions: [],
    escalationLevel: null,
    leaderReachedAt: null,
    exemption: null,
    extensions: [],
    extensionRequest: null,
    extensionRequests: 0,
    linksResent: 0,
    steps: [],
    outbox: [],
    lapsed: [],
    delivered: [],
    delivery: { failing: null, undeliverable: [] },
    closed: false,
  };
  if (init.proofGate && init.role === 'agency') {
    state.proof = {
      proven: false,
      provenAt: null,
      checkedAt: null,
      recheckAt: null,
      nextMorning: null,
      holdingSince: null,
      heldAt: null,
      alerted: false,
      unreachable: [],
      fallbacks: [],
      exhausted: false,
    };
  }
  // Day one: an agency whose first reminder has passed (or any agency asked for an ad-hoc report) is
  // told at once that the period is open, with its link, rather than at the next step days later.
  const first = state.schedule.reminders[0];
  const late = first !== undefined && ms(first.at) <= ms(init.now);
  const notices: Notice[] = [];
  if (init.role === 'agency' && init.announce !== false && (init.kind === 'adhoc' || late) && ms(init.now) <= ms(init.schedule.dueAt)) {
    notices.push({ type: 'period-open', key: 'period-open', issuedAt: init.now });
  }
  state.outbox.push(...notices);
  return { state, notices };
}

/** The schedule's steps in time order (the standing agency's own ladder includes the leader's step). */
export function stepsOf(s: Pick<RegimeState, 'schedule' | 'role'>): Step[] {
  const v = s.schedule.lastDay;
  const reminders: Step[] = s.schedule.reminders.map((r) => ({ key: `reminder/${v}/${r.workingDaysBefore}`, at: r.at, level: 'reminder', workingDays: r.workingDaysBefore }));
  const ladder: Step[] = s.schedule.escalations
    .filter((e) => s.role === 'standing' || e.level !== 'leader-digest')
    .map((e) => ({
      key: `escalation/${v}/${e.level}`,
      at: e.at,
      level: e.level === 'leader-digest' ? 'leader' : e.level,
      workingDays: e.workingDaysAfter,
    }));
  return [...reminders, ...ladder].sort((a, b) => ms(a.at) - ms(b.at));
}

/** Steps still to come: after `notBefore`, not yet issued. Empty once the agency has reported or the period closed. */
export function upcomingSteps(s: RegimeState): Step[] {
  if (settled(s) || s.closed) return [];
  const issued = new Set(s.steps.map((x) => x.key));
  return stepsOf(s).filter((x) => ms(x.at) > ms(s.notBefore) && !issued.has(x.key));
}

export function nextStep(s: RegimeState): Step | null {
  return upcomingSteps(s).filter((x) => !held(s, x))[0] ?? null;
}

/** The gate is on and the agency not (yet) shown to have been told. */
export const gated = (s: RegimeState): boolean => s.proof !== undefined && !s.proof.proven;
/** An escalation step the last tick kept back for want of proof: it waits for the proof, not for its instant. */
const held = (s: RegimeState, x: Step) => gated(s) && x.level !== 'reminder' && s.proof!.heldAt !== null && ms(x.at) <= ms(s.proof!.heldAt);

/**
 * Whether the driver must look up the proof before it ticks at `now`: an escalation instant (the
 * leader's digest included) has come since the last look-up, or the regime asked to look again.
 */
export function needsProofCheck(s: RegimeState, now: string): boolean {
  if (!gated(s) || settled(s) || s.closed) return false;
  const p = s.proof!;
  if (p.recheckAt !== null && ms(p.recheckAt) <= ms(now)) return true;
  if (p.holdingSince !== null && p.nextMorning !== null && ms(p.nextMorning) <= ms(now)) return true;
  return s.schedule.escalations.some((e) => ms(e.at) <= ms(now) && ms(e.at) > ms(s.notBefore) && (p.checkedAt === null || ms(p.checkedAt) < ms(e.at)));
}

/** A reminder means nothing once the term is over; escalations keep their meaning until the agency reports. */
const meaningful = (s: RegimeState, step: Step, at: string) => step.level !== 'reminder' || ms(at) <= ms(s.schedule.dueAt);

/** An instant written as the workflow's clock writes it: seconds, +07:00. */
const vnIso = (t: number) => new Date(t + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';

/** The first instant of the next Vietnamese day: a notice's relative wording holds until then. */
const nextVnDay = (iso: string) => new Date(Date.parse(`${vnDay(iso)}T00:00:00+07:00`) + 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';

/** When the driver must wake even if nothing happens: the next step, or the end of the day a pending step notice was issued. */
export function nextWake(s: RegimeState): string | null {
  const candidates: string[] = [];
  const step = nextStep(s);
  if (step) candidates.push(step.at);
  const pending = head(s, 'steps');
  if (pending) candidates.push(nextVnDay(pending.issuedAt));
  const escalation = head(s, 'escalations');
  if (escalation?.type === 'step') candidates.push(nextVnDay(escalation.issuedAt));
  if (gated(s) && !settled(s) && !s.closed) {
    const p = s.proof!;
    if (p.recheckAt) candidates.push(p.recheckAt);
    if (p.holdingSince !== null && p.nextMorning) candidates.push(p.nextMorning);
    // The leader's digest is the cycle's step, not the agency's: the agency still looks up its proof then.
    const digest = s.schedule.escalations.find((e) => e.level === 'leader-digest' && ms(e.at) > ms(s.notBefore) && (p.checkedAt === null || ms(p.checkedAt) < ms(e.at)));
    if (digest && s.role === 'agency') candidates.push(digest.at);
  }
  return candidates.sort((a, b) => ms(a) - ms(b))[0] ?? null;
}

/** The notice a lane should be delivering now. */
export function head(s: RegimeState, lane: 'steps'): Extract<Notice, { type: 'step' | 'period-open' }> | null;
export function head(s: RegimeState, lane: Lane): Notice | null;
export function head(s: RegimeState, lane: Lane): Notice | null {
  return s.outbox.find((n) => laneOf(n) === lane) ?? null;
}

// ---------------------------------------------------------------------------------------------------

/** Every reason `cmd` cannot be applied now, in Vietnamese; empty when it can. */
export function validate(s: RegimeState, cmd: Command): string[] {
  const reasons: string[] = [];
  const done = s.phase === 'exempted' ? 'cơ quan đã được miễn báo cáo kỳ này' : 'cơ quan đã nộp báo cáo kỳ này';
  switch (cmd.type) {
    case 'submit': {
      if (s.role === 'standing') reasons.push('cơ quan thường trực báo cáo bằng cách phê duyệt báo cáo tổng hợp');
      if (s.closed) reasons.push(`kỳ báo cáo ${s.period} đã đóng`);
      if (s.phase === 'exempted') reasons.push('cơ quan đã được miễn báo cáo kỳ này');
      if (cmd.submission.sha256 !== null && !/^[0-9a-f]{64}$/.test(cmd.submission.sha256)) reasons.push('sha256: không phải mã băm của một báo cáo đã lưu');
      break;
    }
    case 'request-extension':
      if (s.role === 'standing') reasons.push('cơ quan thường trực tự quyết định thời hạn của mình');
      if (settled(s)) reasons.push(done);
      if (s.closed) reasons.push(`kỳ báo cáo ${s.period} đã đóng`);
      if (!cmd.reason.trim()) reasons.push('reason: cần nêu lý do xin gia hạn');
      if (isoDateProblem(cmd.lastDay)) reasons.push(`lastDay: ${isoDateProblem(cmd.lastDay)}`);
      else if (cmd.lastDay <= s.schedule.lastDay) reasons.push(`lastDay: phải sau hạn hiện tại ${viDate(s.schedule.lastDay)}`);
      else if (cmd.lastDay < vnDay(cmd.at)) reasons.push(pastLastDay(cmd.lastDay));
      break;
    case 'decide-extension':
      if (settled(s)) reasons.push(done);
      if (s.closed) reasons.push(`kỳ báo cáo ${s.period} đã đóng`);
      if (!cmd.reason.trim()) reasons.push('reason: quyết định cần có lý do');
      if (cmd.approved) {
        if (isoDateProblem(cmd.lastDay)) reasons.push(`lastDay: ${isoDateProblem(cmd.lastDay)}`);
        else if ((cmd.lastDay ?? '') <= s.schedule.lastDay) reasons.push(`lastDay: phải sau hạn hiện tại ${viDate(s.schedule.lastDay)}`);
        else if ((cmd.lastDay ?? '') < vnDay(cmd.at)) reasons.push(pastLastDay(cmd.lastDay ?? ''));
      }
      break;
    case 'resend-link':
      if (s.role === 'standing') reasons.push('cơ quan thường trực không nộp báo cáo qua đường dẫn');
      if (s.closed) reasons.push(`kỳ báo cáo ${s.period} đã đóng`);
      if (s.linksResent >= 20) reasons.push('đã gửi lại đường dẫn 20 lần trong kỳ này');
      break;
    case 'exempt':
      if (settled(s)) reasons.push(done);
      if (s.closed) reasons.push(`kỳ báo cáo ${s.period} đã đóng`);
      if (!cmd.reason.trim()) reasons.push('reason: miễn báo cáo cần có lý do');
      break;
    default:
      break;
  }
  return reasons;
}

const viDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
/**
 * An extension to a day already over would move the schedule into the past: the agency shown "pending"
 * again, its overdue and director steps before `notBefore` and so never sent (counter-example
 * "extension into the past").
 */
const pastLastDay = (d: string) => `lastDay: ngày ${viDate(d)} đã qua, hạn mới phải từ hôm nay trở đi`;

/** Applies a command that `validate` accepted. Pure: returns a new state. */
export function apply(prev: RegimeState, cmd: Command): Applied {
  // JSON copy: plain data only, and structuredClone is not in the workflow sandbox.
  const s: RegimeState = JSON.parse(JSON.stringify(prev)) as RegimeState;
  const notices: Notice[] = [];
  const emit = (n: Notice) => {
    s.outbox.push(n);
    notices.push(n);
  };

  switch (cmd.type) {
    case 'submit': {
      const late = ms(cmd.at) > ms(s.schedule.dueAt);
      const revision = s.submissions.length + 1;
      s.submissions.push({ revision, submittedAt: cmd.at, late, ...cmd.submission });
      s.lastSubmittedAt = cmd.at;
      if (s.submittedAt === null) {
        s.submittedAt = cmd.at;
        s.phase = late ? 'submitted-late' : 'submitted';
      }
      withdrawSteps(s, cmd.at);
      emit({ type: 'receipt', key: `receipt/${revision}`, revision, late, submittedAt: cmd.at, sha256: cmd.submission.sha256 });
      break;
    }
    case 'consolidated-sent': {
      if (s.role !== 'standing' || settled(s)) break;
      s.submittedAt = cmd.at;
      s.lastSubmittedAt = cmd.at;
      s.phase = ms(cmd.at) > ms(s.schedule.dueAt) ? 'submitted-late' : 'submitted';
      withdrawSteps(s, cmd.at);
      break;
    }
    case 'request-extension': {
      s.extensionRequests += 1;
      s.extensionRequest = { lastDay: cmd.lastDay, reason: cmd.reason, at: cmd.at };
      emit({ type: 'extension-request', key: `extension-request/${s.extensionRequests}`, lastDay: cmd.lastDay, reason: cmd.reason });
      break;
    }
    case 'decide-extension': {
      if (cmd.approved && cmd.schedule) {
        s.schedule = cmd.schedule;
        // A schedule that moves never sends what it has already passed: only steps after now.
        s.notBefore = cmd.at;
        s.escalationLevel = null;
        s.leaderReachedAt = null;
        if (s.phase === 'overdue') s.phase = 'pending';
        // Held steps of the old schedule are gone with it; the new ladder is gated afresh.
        if (s.proof) Object.assign(s.proof, { holdingSince: null, heldAt: null });
        withdrawSteps(s, cmd.at);
      }
      const lastDay = cmd.approved && cmd.schedule ? cmd.schedule.lastDay : s.schedule.lastDay;
      s.extensions.push({ lastDay, reason: cmd.reason, at: cmd.at, approved: cmd.approved, by: cmd.by ?? null });
      s.extensionRequest = null;
      emit({ type: 'extension-decision', key: `extension/${s.extensions.length}`, approved: cmd.approved, lastDay, reason: cmd.reason, decidedBy: cmd.by ?? null });
      break;
    }
    case 'exempt': {
      s.phase = 'exempted';
      s.exemption = { reason: cmd.reason, at: cmd.at, by: cmd.by ?? null };
      s.extensionRequest = null;
      withdrawSteps(s, cmd.at);
      emit({ type: 'exemption', key: 'exemption', reason: cmd.reason });
      break;
    }
    case 'resend-link':
      s.linksResent += 1;
      emit({ type: 'link', key: `link/${s.linksResent}`, issuedAt: cmd.at });
      break;
    case 'tick':
      tick(s, cmd.at, emit);
      break;
    case 'delivered': {
      const n = s.outbox.find((x) => x.key === cmd.key);
      if (!n) break;
      s.outbox = s.outbox.filter((x) => x.key !== cmd.key);
      s.delivered.push({ key: cmd.key, type: n.type, at: cmd.at, messageId: cmd.messageId });
      refreshFailing(s);
      if (n.type === 'step') {
        settleStep(s, n.step.key, 'delivered', n.key, cmd.at);
        for (const r of n.catchUp?.replaces ?? []) settleStep(s, r.key, 'superseded', n.key, cmd.at);
      }
      // A notice to the agency went out: look for its bounce shortly after (and try the next contact).
      if (gated(s) && tellsTheAgency(n)) {
        const look = vnIso(ms(cmd.at) + BOUNCE_LOOK_MS);
        const p = s.proof!;
        if (p.recheckAt === null || ms(look) < ms(p.recheckAt)) p.recheckAt = look;
      }
      break;
    }
    case 'proof-of-notice': {
      const p = s.proof;
      if (!p) break;
      p.checkedAt = cmd.at;
      p.unreachable = cmd.unreachable;
      p.recheckAt = cmd.recheckAt !== null && ms(cmd.recheckAt) > ms(cmd.at) ? cmd.recheckAt : null;
      p.nextMorning = cmd.nextMorning !== null && ms(cmd.nextMorning) > ms(cmd.at) ? cmd.nextMorning : null;
      if (cmd.proven && !p.proven) {
        // The held steps fall due again at once (nextStep no longer skips them): issued at the next tick.
        p.proven = true;
        p.provenAt = cmd.at;
        p.holdingSince = null;
        p.heldAt = null;
        p.exhausted = false;
        break;
      }
      if (p.proven || settled(s) || s.closed) break;
      const next = cmd.nextContact;
      if (next && !p.fallbacks.some((f) => f.address.toLowerCase() === next.address.toLowerCase())) {
        const key = `fallback/${p.fallbacks.length + 1}`;
        p.fallbacks.push({ ...next, key });
        emit({ type: 'fallback', key, address: next.address, contactRole: next.contactRole, failedAddress: next.failedAddress, issuedAt: cmd.at });
      }
      p.exhausted = !next && cmd.unreachable.length > 0;
      break;
    }
    case 'delivery-failed': {
      const n = s.outbox.find((x) => x.key === cmd.key);
      if (!n) break;
      const problem = { key: cmd.key, since: cmd.since, error: cmd.error, at: cmd.at };
      // One alert per episode: while a notice to this agency is failing (or its reissue, which carries the
      // episode on), the standing agency is not told again.
      const alreadyFlagged = s.delivery.failing !== null || s.delivery.undeliverable.some((u) => u.key === cmd.key);
      if (!s.delivery.undeliverable.some((u) => u.key === cmd.key)) s.delivery.undeliverable.push(problem);
      if (cmd.permanent || laneOf(n) !== 'steps') {
        // (escalations, acknowledgements and alerts keep their wording: they are retried, never superseded)
        // Refused for good, or an acknowledgement (which never goes stale): stop trying a permanent
        // refusal; keep retrying an acknowledgement, but say so.
        if (cmd.permanent) {
          s.outbox = s.outbox.filter((x) => x.key !== cmd.key);
          refreshFailing(s);
          if (n.type === 'step') {
            settleStep(s, n.step.key, 'undeliverable', n.key, cmd.at);
            for (const r of n.catchUp?.replaces ?? []) settleStep(s, r.key, 'undeliverable', n.key, cmd.at);
          }
        } else s.delivery.failing = problem;
      } else s.delivery.failing = problem;
      // The standing agency hears of it once per failing notice (the alert itself is never alerted on).
      if (!alreadyFlagged && n.type !== 'undeliverable') {
        emit({ type: 'undeliverable', key: `undeliverable/${cmd.key}`, failedKey: cmd.key, since: cmd.since, error: cmd.error });
      }
      break;
    }
    case 'leader-reached':
      if (!settled(s)) {
        s.escalationLevel = 'leader';
        s.leaderReachedAt = cmd.at;
      }
      break;
    case 'close':
      s.closed = true;
      withdrawSteps(s, cmd.at);
      break;
  }
  return { state: s, notices };
}

/**
 * The clock reached `at`. Steps to the agency collapse: the latest one due is issued and stands for any
 * earlier one still undelivered (a catch-up); one whose meaning is gone (a reminder after the term) is
 * recorded undeliverable and named by the next notice. A pending agency notice whose day is over is
 * reissued with today's wording. Escalations above the agency are each issued in their turn.
 */
function tick(s: RegimeState, at: string, emit: (n: Notice) => void): void {
  const pending = head(s, 'steps');
  const dueAll = upcomingSteps(s).filter((x) => ms(x.at) <= ms(at));
  // The gate: an escalation step waits until the agency is shown to have been told.
  const waiting = gated(s) ? dueAll.filter((x) => x.level !== 'reminder') : [];
  const due = dueAll.filter((x) => !waiting.includes(x));
  if (waiting.length) holdForProof(s, at, waiting, emit);
  for (const d of due) s.steps.push({ key: d.key, at: d.at, level: d.level, outcome: 'issued', noticeKey: '', settledAt: null });
  // Overdue once an escalation step of the schedule in force has passed, whether or not it was issued:
  // an agency whose workflow started (or whose extension was granted) after the overdue step stayed
  // "pending" through the director's step (counter-example "started at the overdue step").
  if (s.phase === 'pending' && stepsOf(s).some((x) => x.level !== 'reminder' && ms(x.at) <= ms(at))) s.phase = 'overdue';
  // A level only rises: the leader's digest (signalled by the cycle) can come before a director step the
  // driver issues late, after a restart or a clock jump (counter-example "leader lowered to director").
  const rank = (l: RegimeState['escalationLevel']) => (l ? ['overdue', 'director', 'leader'].indexOf(l) : -1);
  for (const d of due) if (d.level !== 'reminder' && rank(d.level) > rank(s.escalationLevel)) s.escalationLevel = d.level;
  // Escalations above the agency still undelivered from an earlier day are reissued with today's wording
  // (each keeps its place: they are never merged, they go to different people).
  s.outbox = s.outbox.map((n) => {
    if (n.type !== 'step' || laneOf(n) !== 'escalations' || vnDay(n.issuedAt) === vnDay(at)) return n;
    const key = reissueKey(n.step.key, at);
    if (s.delivery.failing?.key === n.key) s.delivery.failing = { ...s.delivery.failing, key };
    return { ...n, key, issuedAt: at };
  });
  for (const d of due.filter((x) => !agencyFacing(x.level))) emit({ type: 'step', key: d.key, step: d, issuedAt: at, catchUp: null });

  const dueToAgency = due.filter((x) => agencyFacing(x.level));
  const stale = pending !== null && vnDay(pending.issuedAt) !== vnDay(at);
  if (dueToAgency.length === 0 && !stale) return;

  // What the new notice stands for: the pending one, every agency step that fell due since, and lapsed ones.
  const replaced: Step[] = [];
  if (pending) {
    s.outbox = s.outbox.filter((x) => x.key !== pending.key);
    if (pending.type === 'step') replaced.push(...(pending.catchUp?.replaces ?? []), pending.step);
  }
  // The notice that replaces a failing one carries its episode on (set below once its key is known).
  const carriesEpisode = pending !== null && s.delivery.failing?.key === pending.key;
  const all = dedupe([...replaced, ...dueToAgency]);
  for (const x of all.filter((x) => !meaningful(s, x, at))) {
    settleStep(s, x.key, 'undeliverable', '', at);
    if (!s.lapsed.some((l) => l.key === x.key)) s.lapsed.push(x);
  }
  const latest = all.filter((x) => meaningful(s, x, at)).at(-1);
  const carry = (key: string) => {
    if (carriesEpisode && s.delivery.failing) s.delivery.failing = { ...s.delivery.failing, key };
  };
  if (!latest) {
    if (pending?.type === 'period-open' && ms(at) <= ms(s.schedule.dueAt)) {
      emit({ ...pending, key: reissueKey(pending.key, at), issuedAt: at });
      carry(reissueKey(pending.key, at));
    } else if (carriesEpisode) {
      s.delivery.failing = null;
      refreshFailing(s);
    }
    return;
  }
  const replaces = dedupe([...s.lapsed, ...all.filter((x) => x.key !== latest.key && meaningful(s, x, at))]);
  s.lapsed = [];
  // The first issue of a step keeps the step's own key (and so its Message-ID); a reissue of a step that
  // was already pending gets a new one (the old one may have reached the relay unseen).
  const firstIssue = dueToAgency.some((d) => d.key === latest.key) && !replaced.some((r) => r.key === latest.key);
  const key = firstIssue ? latest.key : reissueKey(latest.key, at);
  emit({ type: 'step', key, step: latest, issuedAt: at, catchUp: replaces.length ? { replaces } : null });
  carry(key);
}

/** Notices that tell the agency about its own report, and so can prove it was told. */
const tellsTheAgency = (n: Notice) => n.type === 'period-open' || n.type === 'link' || n.type === 'fallback' || (n.type === 'step' && agencyFacing(n.step.level));

const reissueKey = (key: string, at: string) => `${key.replace(/\/catch-up\/.*$/, '')}/catch-up/${vnDay(at)}`;
const dedupe = (steps: Step[]) => [...new Map(steps.map((x) => [x.key, x])).values()].sort((a, b) => ms(a.at) - ms(b.at));

function settleStep(s: RegimeState, key: string, outcome: StepOutcome, noticeKey: string, at: string): void {
  const r = s.steps.find((x) => x.key === key);
  // A lapsed step later named by a delivered catch-up counts as superseded by it.
  if (r && (r.outcome === 'issued' || (r.outcome === 'undeliverable' && outcome === 'superseded'))) {
    r.outcome = outcome;
    r.noticeKey = noticeKey;
    r.settledAt = at;
  }
}

/** Escalation steps kept back: the standing agency is asked, once, to fix the contact. */
function holdForProof(s: RegimeState, at: string, waiting: Step[], emit: (n: Notice) => void): void {
  const p = s.proof!;
  p.holdingSince ??= at;
  p.heldAt = at;
  if (p.alerted) return;
  p.alerted = true;
  const levels = [...new Set(waiting.map((x) => x.level as Exclude<StepLevel, 'reminder'>))];
  emit({ type: 'proof-missing', key: 'proof-missing', since: at, levels, unreachable: [...new Set(p.unreachable.map((u) => u.address))] });
}

/** The agency has reported (or is exempted, or the schedule moved): pending step notices are withdrawn. */
function withdrawSteps(s: RegimeState, at: string): void {
  // A fallback to another contact has no purpose once the agency has reported (or is exempted, or the
  // period closed); a schedule that moves keeps it: the contact still needs telling.
  const over = settled(s) || s.closed;
  const isStep = (x: Notice) => laneOf(x) === 'steps' || laneOf(x) === 'escalations' || (over && x.type === 'fallback');
  for (const n of s.outbox.filter(isStep)) {
    if (n.type === 'step') {
      settleStep(s, n.step.key, 'withdrawn', n.key, at);
      for (const r of n.catchUp?.replaces ?? []) settleStep(s, r.key, 'withdrawn', n.key, at);
    }
  }
  s.outbox = s.outbox.filter((x) => !isStep(x));
  s.lapsed = [];
  refreshFailing(s);
}

/**
 * "Failing" names a notice still pending. One slot serves every lane, so when the notice it names goes
 * (delivered, refused for good, withdrawn) it falls back to another pending notice that failed beyond the
 * budget, rather than clearing while that one still fails (counter-examples "stale failing" and
 * "failing cleared by another lane").
 */
function refreshFailing(s: RegimeState): void {
  const pending = (key: string) => s.outbox.some((x) => x.key === key);
  if (s.delivery.failing && pending(s.delivery.failing.key)) return;
  s.delivery.failing = s.delivery.undeliverable.filter((u) => pending(u.key)).at(-1) ?? null;
}

// ---------------------------------------------------------------------------------------------------

/** A summary small enough for workflow state: what the report covers, not what it says. */
export function taskStatusCounts(summary: SubmissionSummary): Record<TaskStatus, number> {
  const counts: Record<TaskStatus, number> = { 'chua-trien-khai': 0, 'dang-thuc-hien': 0, 'hoan-thanh': 0, 'thuong-xuyen': 0 };
  for (const t of summary.tasks) counts[t.status] += 1;
  return counts;
}
