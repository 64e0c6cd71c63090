/**
 * A pure model of workflows/agencyReportWorkflow.ts driving the regime (src/reporting/regime.ts), for
 * property tests: the same loop (tick at `nextWake`, one delivery in flight per lane, `delivered` on
 * success, `delivery-failed` permanent:false once the budget is spent and then retrying, permanent:true
 * on a refusal for good, cancel when the lane's head changes), in simulated time, with the outside world
 * as data: mail outages, permanent refusals, and windows where the worker is down (every timer, update
 * and activity of that window runs at its end: a restart or a clock jump).
 *
 * Deliberately simple where the real driver's timing is noise: an activity attempt is atomic (the mail
 * is sent and `delivered` applied at the same instant), retries follow deliveryPolicy (10 s, doubling,
 * capped at 30 min), and at one instant updates and signals run before or after the timer (both orders
 * are generated), activities after both.
 */
import { resolveLastDay } from '../../src/calendar/deadlines.js';
import { escalationInstants, reminderInstants, type EscalationPolicy, type ReminderPolicy } from '../../src/calendar/schedule.js';
import { LANES, apply, head, initRegime, needsProofCheck, nextWake, validate, type Command, type Lane, type Notice, type RegimeState } from '../../src/reporting/regime.js';
import type { AgencySchedule } from '../../src/reporting/types.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An instant as the workflow's BusinessClock writes it: seconds, +07:00. */
export const iso = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 19) + '+07:00';
export const msOf = (s: string) => Date.parse(s);

export interface Policies {
  reminders: ReminderPolicy;
  escalation: EscalationPolicy;
}

export const DEFAULT_POLICIES: Policies = {
  reminders: { workingDaysBefore: [7, 3, 1, 0], at: '08:00' },
  escalation: {
    at: '08:00',
    steps: [
      { workingDaysAfter: 1, level: 'overdue' },
      { workingDaysAfter: 3, level: 'director' },
      { workingDaysAfter: 5, level: 'leader-digest' },
    ],
  },
};

const schedules = new Map<string, AgencySchedule>();
/**
 * What the scheduleForLastDay activity computes (src/reporting/cycles.ts scheduleFor, policy `extend`).
 * Memoised: the calendar's zone arithmetic is the slowest part of a run, and the answers never change.
 */
export function scheduleFor(statedLastDay: string, p: Policies = DEFAULT_POLICIES): AgencySchedule {
  const key = JSON.stringify([statedLastDay, p]);
  let s = schedules.get(key);
  if (!s) {
    const r = resolveLastDay(statedLastDay, 'extend');
    s = { lastDay: r.lastDay, dueAt: r.dueAt, reminders: reminderInstants(r.lastDay, p.reminders), escalations: escalationInstants(r.lastDay, p.escalation) };
    schedules.set(key, s);
  }
  return structuredClone(s);
}

/** Calendar days after a date (YYYY-MM-DD), without a zone: a date is a date. */
export const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export type Action =
  | { type: 'submit' }
  /** Calendar days after the current last day (0 or less must be refused). */
  | { type: 'request-extension'; days: number }
  | { type: 'decide-extension'; approved: boolean; days: number }
  | { type: 'exempt' }
  | { type: 'leader-reached' }
  | { type: 'consolidated-sent' }
  | { type: 'close' };

export interface Window {
  from: number;
  to: number;
}

export interface Scenario {
  role: 'agency' | 'standing';
  kind: 'periodic' | 'adhoc';
  /** The workflow's start. */
  startAt: number;
  schedule: AgencySchedule;
  policies: Policies;
  events: { at: number; action: Action }[];
  /** Mail is refused temporarily (the activity retries). */
  outages: Window[];
  /** Mail is refused for good (the activity fails non-retryably). */
  refusals: Window[];
  /** The worker is down: nothing of the workflow runs until the window ends. */
  downs: Window[];
  budgetMs: number;
  /** At one instant, do updates and signals run before the timer's tick? */
  usersFirst: boolean;
  /**
   * The proof gate (issue 15) and the world it reads: from `provenAt` on the delivery log shows the agency
   * was told (null: never); `fallback`: a bounce leaves one other contact to try. Absent: no gate.
   */
  proof?: { provenAt: number | null; fallback: boolean };
}

export interface Sent {
  at: number;
  lane: Lane;
  notice: Notice;
  /** The regime's state when the mail went out (before `delivered`). */
  state: RegimeState;
}

export interface Step {
  seq: number;
  at: number;
  cmd: Command;
  state: RegimeState;
  notices: Notice[];
  /** Notices still in flight, after this command, that have been failing for longer than the budget. */
  flagged: string[];
}

export interface Trace {
  scenario: Scenario;
  init: { state: RegimeState; notices: Notice[] };
  steps: Step[];
  rejected: { at: number; cmd: Command; reasons: string[] }[];
  sent: Sent[];
  final: RegimeState;
  /** When the model stopped: nothing left to do, or the workflow ended. */
  endAt: number;
  /** The workflow returned (closed and every lane empty). */
  ended: boolean;
  /** Why the model had to stop a loop that would not advance, if it did. */
  stuck: string | null;
}

interface InFlight {
  notice: Notice;
  since: number;
  budgetAt: number;
  flagged: boolean;
  nextAttemptAt: number;
  retries: number;
}

const within = (ws: Window[], t: number) => ws.some((w) => w.from <= t && t < w.to);

/** The instant the worker can run something meant for `t`. */
function runnableAt(downs: Window[], t: number): number {
  let x = t;
  for (let moved = true; moved;) {
    moved = false;
    for (const w of downs) {
      if (w.from <= x && x < w.to) {
        x = w.to;
        moved = true;
      }
    }
  }
  return x;
}

const summary = { period: 'p', tasks: [], targetIds: [], narrative: 120, difficulties: 0, recommendations: 0, attachments: 0 };

/**
 * When a lane's loop returns. `closed` is the driver as written (`condition(() => head(state, lane) !==
 * null || state.closed)`): a lane that returns can no longer deliver what another lane's failure adds to
 * it later (an alert after a refused receipt). `outbox-empty` waits until the whole outbox is empty.
 */
export type LaneExit = 'closed' | 'outbox-empty';

export function runScenario(sc: Scenario, opts: { maxIterations?: number; laneExit?: LaneExit; activitiesFirst?: boolean } = {}): Trace {
  const laneExit = opts.laneExit ?? 'outbox-empty';
  const init = initRegime({ agencyId: 'a', role: sc.role, period: 'p', kind: sc.kind, schedule: sc.schedule, now: iso(sc.startAt), proofGate: sc.proof !== undefined });
  let state = init.state;
  let now = sc.startAt;
  let seq = 0;
  const steps: Step[] = [];
  const rejected: Trace['rejected'] = [];
  const sent: Sent[] = [];
  const inflight: Record<Lane, InFlight | null> = { steps: null, escalations: null, acks: null, staff: null };
  const laneDone: Record<Lane, boolean> = { steps: false, escalations: false, acks: false, staff: false };
  const events = sc.events.filter((e) => e.at >= sc.startAt).sort((a, b) => a.at - b.at);
  let stuck: string | null = null;
  let submissions = 0;

  const run = (cmd: Command) => {
    const r = apply(state, cmd);
    state = r.state;
    reconcile();
    const flagged = LANES.flatMap((l) => (inflight[l]?.flagged ? [inflight[l]!.notice.key] : []));
    steps.push({ seq: ++seq, at: now, cmd, state, notices: r.notices, flagged });
  };
  // The lanes' loops: cancel what is no longer the head, pick up the new head.
  const reconcile = () => {
    for (const lane of LANES) {
      if (laneDone[lane]) continue;
      const h = head(state, lane);
      const f = inflight[lane];
      if (f && f.notice.key !== h?.key) inflight[lane] = null;
      if (!inflight[lane]) {
        if (h) inflight[lane] = { notice: h, since: now, budgetAt: now + sc.budgetMs, flagged: false, nextAttemptAt: now, retries: 0 };
        // `deliver` returns once the period is closed and its lane is empty.
        else if (state.closed && (laneExit === 'closed' || state.outbox.length === 0)) laneDone[lane] = true;
      }
    }
  };
  const ended = () => state.closed && LANES.every((l) => laneDone[l]);

  const userCommand = (a: Action): { cmd: Command; signal: boolean } => {
    const at = iso(now);
    switch (a.type) {
      case 'submit':
        return { cmd: { type: 'submit', at, submission: { sha256: (++submissions).toString(16).padStart(64, '0'), size: 2048, summary } }, signal: false };
      case 'request-extension':
        return { cmd: { type: 'request-extension', at, lastDay: plusDays(state.schedule.lastDay, a.days), reason: 'Chờ số liệu của các xã' }, signal: false };
      case 'decide-extension': {
        const lastDay = a.approved ? plusDays(state.schedule.lastDay, a.days) : undefined;
        return { cmd: { type: 'decide-extension', at, approved: a.approved, lastDay, reason: a.approved ? 'Đồng ý gia hạn' : 'Không đủ căn cứ', by: 'ptp' }, signal: false };
      }
      case 'exempt':
        return { cmd: { type: 'exempt', at, reason: 'Không có nhiệm vụ phát sinh trong kỳ', by: 'ptp' }, signal: false };
      case 'leader-reached':
        return { cmd: { type: 'leader-reached', at }, signal: true };
      case 'consolidated-sent':
        return { cmd: { type: 'consolidated-sent', at }, signal: true };
      case 'close':
        return { cmd: { type: 'close', at }, signal: true };
    }
  };
  const handle = (a: Action) => {
    const { cmd, signal } = userCommand(a);
    if (signal) return run(cmd);
    // An Update: validated before it is recorded; a decision validated again once the schedule is looked up.
    let reasons = validate(state, cmd);
    if (!reasons.length && cmd.type === 'decide-extension' && cmd.approved && cmd.lastDay) {
      const withSchedule = { ...cmd, schedule: scheduleFor(cmd.lastDay, sc.policies) };
      reasons = validate(state, withSchedule);
      if (!reasons.length) return run(withSchedule);
    } else if (!reasons.length) return run(cmd);
    rejected.push({ at: now, cmd, reasons });
  };

  reconcile();
  let lastTickAt = -1;
  let ticksAtOnce = 0;
  const max = opts.maxIterations ?? 50_000;
  for (let i = 0; i < max; i++) {
    if (ended()) break;
    type Cand = { t: number; prio: number; go: () => void };
    const cands: Cand[] = [];
    const ev = events[0];
    if (ev) cands.push({ t: runnableAt(sc.downs, Math.max(ev.at, now)), prio: sc.usersFirst ? 0 : 1, go: () => handle(events.shift()!.action) });
    const wake = state.closed ? null : nextWake(state);
    if (wake !== null) {
      cands.push({
        t: runnableAt(sc.downs, Math.max(msOf(wake), now)),
        prio: sc.usersFirst ? 1 : 0,
        go: () => {
          ticksAtOnce = lastTickAt === now ? ticksAtOnce + 1 : 1;
          lastTickAt = now;
          // The driver looks up the proof before it ticks, as workflows/agencyReportWorkflow.ts does.
          if (sc.proof && needsProofCheck(state, iso(now))) run(proofCommand(sc.proof, now, state));
          run({ type: 'tick', at: iso(now) });
          const w = nextWake(state);
          if (w !== null && msOf(w) <= now && ticksAtOnce > 3) stuck = `tick at ${iso(now)} leaves nextWake at ${w}`;
        },
      });
    }
    LANES.forEach((lane, li) => {
      const f = inflight[lane];
      if (!f) return;
      // activitiesFirst: an activity task that reaches the worker before the workflow task holding the
      // timer (possible when both fell due while the worker was down).
      cands.push({ t: runnableAt(sc.downs, Math.max(f.nextAttemptAt, now)), prio: (opts.activitiesFirst ? -3 : 2) + li, go: () => attempt(lane, f) });
      if (!f.flagged) cands.push({ t: runnableAt(sc.downs, Math.max(f.budgetAt, now)), prio: 5 + li, go: () => budget(f) });
    });
    if (!cands.length) break;
    cands.sort((a, b) => a.t - b.t || a.prio - b.prio);
    const c = cands[0]!;
    now = c.t;
    c.go();
    if (stuck) break;
  }

  function attempt(lane: Lane, f: InFlight) {
    if (within(sc.refusals, now)) {
      inflight[lane] = null;
      run({ type: 'delivery-failed', at: iso(now), key: f.notice.key, since: iso(f.since), error: '550 5.1.1 hộp thư không tồn tại', permanent: true });
    } else if (within(sc.outages, now)) {
      // Failed attempts change nothing but the retry count: skip straight to the first one that can
      // succeed or be refused (each still postponed by the worker's downtime, as the server would).
      let t = now;
      do {
        f.retries += 1;
        t = runnableAt(sc.downs, t + Math.min(10_000 * 2 ** (f.retries - 1), 30 * MINUTE));
      } while (within(sc.outages, t) && !within(sc.refusals, t));
      f.nextAttemptAt = t;
    } else {
      sent.push({ at: now, lane, notice: f.notice, state });
      inflight[lane] = null;
      run({ type: 'delivered', at: iso(now), key: f.notice.key, messageId: `<${f.notice.key}@dondoc.test>` });
    }
  }
  function budget(f: InFlight) {
    f.flagged = true;
    run({ type: 'delivery-failed', at: iso(now), key: f.notice.key, since: iso(f.since), error: 'máy chủ thư chưa nhận thư, đang thử lại', permanent: false });
  }

  return { scenario: sc, init, steps, rejected, sent, final: state, endAt: now, ended: ended(), stuck };
}

/** What the noticeProof activity answers in the model's world. */
function proofCommand(world: NonNullable<Scenario['proof']>, now: number, state: RegimeState): Command {
  const proven = world.provenAt !== null && now >= world.provenAt;
  const morning = Math.floor((now + 7 * HOUR) / DAY) * DAY + DAY + HOUR; // 08:00 (+07:00) the next day
  const bounced = world.fallback ? [{ address: 'daumoi@a.test', key: 'reminder', at: iso(now) }] : [];
  const tried = (state.proof?.fallbacks.length ?? 0) > 0;
  return {
    type: 'proof-of-notice',
    at: iso(now),
    proven,
    unreachable: bounced,
    nextContact: world.fallback && !tried ? { address: 'lanhdao@a.test', contactRole: 'head', failedAddress: 'daumoi@a.test' } : null,
    recheckAt: world.provenAt !== null && world.provenAt > now ? iso(world.provenAt) : null,
    nextMorning: iso(morning),
  };
}

/** A scenario as a person reads it (instants in +07:00), for failure messages and named examples. */
export function describeScenario(sc: Scenario) {
  const w = (ws: Window[]) => ws.map((x) => `${iso(x.from)} → ${iso(x.to)}`);
  return {
    role: sc.role,
    kind: sc.kind,
    start: iso(sc.startAt),
    lastDay: sc.schedule.lastDay,
    steps: [...sc.schedule.reminders.map((r) => `${r.at} −${r.workingDaysBefore}`), ...sc.schedule.escalations.map((e) => `${e.at} ${e.level}`)],
    events: sc.events.map((e) => `${iso(e.at)} ${JSON.stringify(e.action)}`),
    outages: w(sc.outages),
    refusals: w(sc.refusals),
    downs: w(sc.downs),
    budgetH: sc.budgetMs / 3_600_000,
    usersFirst: sc.usersFirst,
    ...(sc.proof ? { proof: { provenAt: sc.proof.provenAt === null ? 'never' : iso(sc.proof.provenAt), fallback: sc.proof.fallback } } : {}),
  };
}

const traces = new Map<string, Trace>();
/**
 * `runScenario` with the default driver, memoised: every property draws the same scenarios from the same
 * seed, so each is simulated once and checked against every invariant.
 */
export function traceOf(sc: Scenario): Trace {
  const key = JSON.stringify(sc);
  let t = traces.get(key);
  if (!t) {
    if (traces.size > 5_000) traces.clear();
    t = runScenario(sc);
    traces.set(key, t);
  }
  return t;
}
