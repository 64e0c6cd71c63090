/**
 * The promises of the reporting regime (issue 11, "Tests"), checked on a trace of the driver model
 * (regimeDriver.ts). Each check returns the violations it finds, in words, so a failing property says
 * what broke and when.
 */
import { laneOf, nextWake, settled, stepsOf, vnDay, type Notice, type RegimeState, type Step } from '../../src/reporting/regime.js';
import type { AgencySchedule } from '../../src/reporting/types.js';
import { iso, msOf, type Trace } from './regimeDriver.js';

type StepNotice = Extract<Notice, { type: 'step' }>;
const isStepNotice = (n: Notice): n is StepNotice => n.type === 'step';
/** `reminder/<lastDay>/<n>` or `escalation/<lastDay>/<level>`: the last day the step counts from. */
const lastDayOfKey = (key: string) => key.split('/')[1]!;
const dueOfKey = (key: string) => msOf(`${lastDayOfKey(key)}T23:59:59+07:00`);
const covers = (n: StepNotice) => [n.step, ...(n.catchUp?.replaces ?? [])];

/** Every notice the regime put in its outbox, with the instant. */
function emitted(t: Trace): { at: number; notice: Notice; state: RegimeState }[] {
  return [
    ...t.init.notices.map((notice) => ({ at: t.scenario.startAt, notice, state: t.init.state })),
    ...t.steps.flatMap((s) => s.notices.map((notice) => ({ at: s.at, notice, state: s.state }))),
  ];
}

/** When the agency reported or was exempted (the first state that is settled), if it did. */
function settledAt(t: Trace): number | null {
  return t.steps.find((s) => settled(s.state))?.at ?? null;
}

/** No reminder or escalation is issued or delivered after a submission or an exemption. */
export function noStepAfterSettlement(t: Trace): string[] {
  const at = settledAt(t);
  if (at === null) return [];
  const out: string[] = [];
  for (const e of emitted(t)) if (laneOf(e.notice) === 'steps' && e.at > at) out.push(`${e.notice.key} issued at ${iso(e.at)} after the report/exemption at ${iso(at)}`);
  for (const s of t.sent) if (s.lane === 'steps' && s.at > at) out.push(`${s.notice.key} delivered at ${iso(s.at)} after the report/exemption at ${iso(at)}`);
  return out;
}

/**
 * Issue 15: no escalation step (overdue, director, leader) is issued or delivered before the delivery log
 * shows the agency was told in the period (the scenario's `provenAt`), and the standing agency is asked at
 * most once to fix the contact; each fallback contact is written to once.
 */
export function noEscalationBeforeProof(t: Trace): string[] {
  const world = t.scenario.proof;
  if (!world || t.scenario.role !== 'agency') return [];
  const before = (at: number) => world.provenAt === null || at < world.provenAt;
  const out: string[] = [];
  for (const e of emitted(t))
    if (isStepNotice(e.notice) && e.notice.step.level !== 'reminder' && before(e.at)) out.push(`${e.notice.key} issued at ${iso(e.at)} before any proof of notice`);
  for (const s of t.sent)
    if (isStepNotice(s.notice) && s.notice.step.level !== 'reminder' && before(s.at)) out.push(`${s.notice.key} delivered at ${iso(s.at)} before any proof of notice`);
  const alerts = emitted(t).filter((e) => e.notice.type === 'proof-missing');
  if (alerts.length > 1) out.push(`the standing agency was asked ${alerts.length} times to fix the contact`);
  const fallbacks = emitted(t)
    .filter((e) => e.notice.type === 'fallback')
    .map((e) => (e.notice as Extract<Notice, { type: 'fallback' }>).address);
  if (new Set(fallbacks).size !== fallbacks.length) out.push(`a fallback contact was written to twice: ${fallbacks.join(', ')}`);
  return out;
}

/** Each step reaches the agency at most once, on its own or as part of a catch-up; no mail key twice. */
export function noStepTwice(t: Trace): string[] {
  const out: string[] = [];
  const seen = new Map<string, string>();
  for (const s of t.sent) {
    if (!isStepNotice(s.notice)) continue;
    for (const x of covers(s.notice)) {
      const before = seen.get(x.key);
      if (before) out.push(`step ${x.key} delivered twice: in ${before} and in ${s.notice.key} at ${iso(s.at)}`);
      seen.set(x.key, `${s.notice.key} at ${iso(s.at)}`);
    }
  }
  const keys = new Set<string>();
  for (const s of t.sent) {
    if (keys.has(s.notice.key)) out.push(`mail key ${s.notice.key} delivered twice`);
    keys.add(s.notice.key);
  }
  return out;
}

/**
 * Nothing with a stale meaning: no reminder after its term; no step at or before `notBefore`, nor of a
 * schedule that has moved; a step notice delivered on the day it was issued (its wording is relative).
 */
export function noStaleMeaning(t: Trace): string[] {
  const out: string[] = [];
  const check = (n: Notice, at: number, state: RegimeState, what: string) => {
    if (n.type === 'period-open' && at > msOf(state.schedule.dueAt)) out.push(`period-open ${what} at ${iso(at)} after the term ${state.schedule.dueAt}`);
    if (!isStepNotice(n)) return;
    for (const x of covers(n)) {
      // A catch-up may name a reminder that lapsed ("thay cho thư nhắc hạn ngày 15/06 chưa gửi được"): it
      // reports it, it does not remind. Only the notice's own step must still mean what it says.
      const own = n.type === 'step' && n.step.key === x.key;
      if (own && x.level === 'reminder' && at > dueOfKey(x.key)) out.push(`reminder ${x.key} ${what} (in ${n.key}) at ${iso(at)}, after its term`);
      if (msOf(x.at) <= msOf(state.notBefore)) out.push(`step ${x.key} at ${x.at} ${what} (in ${n.key}) at ${iso(at)} though notBefore is ${state.notBefore}`);
      if (lastDayOfKey(x.key) !== state.schedule.lastDay) out.push(`step ${x.key} ${what} (in ${n.key}) at ${iso(at)} though the last day is now ${state.schedule.lastDay}`);
    }
  };
  for (const e of emitted(t)) check(e.notice, e.at, e.state, 'issued');
  for (const s of t.sent) {
    check(s.notice, s.at, s.state, 'delivered');
    if ((s.notice.type === 'step' || s.notice.type === 'period-open') && vnDay(s.notice.issuedAt) !== vnDay(iso(s.at))) {
      out.push(`${s.notice.key} issued on ${vnDay(s.notice.issuedAt)} delivered on ${vnDay(iso(s.at))}`);
    }
  }
  return out;
}

interface ScheduleWindow {
  schedule: AgencySchedule;
  notBefore: string;
  /** The last tick the driver ran while this schedule held and the agency had not reported. */
  lastTickAt: number | null;
  /** Ended by a submission, exemption, extension or close (its pending notices may be withdrawn). */
  endedByCommand: boolean;
}

function scheduleWindows(t: Trace): ScheduleWindow[] {
  const out: ScheduleWindow[] = [];
  let cur: ScheduleWindow | null = { schedule: t.init.state.schedule, notBefore: t.init.state.notBefore, lastTickAt: null, endedByCommand: false };
  let prev = t.init.state;
  for (const s of t.steps) {
    if (!cur) break;
    if (s.cmd.type === 'tick' && !settled(prev) && !prev.closed) cur.lastTickAt = s.at;
    if (s.state.notBefore !== prev.notBefore || s.state.schedule.lastDay !== prev.schedule.lastDay) {
      out.push({ ...cur, endedByCommand: true });
      cur = { schedule: s.state.schedule, notBefore: s.state.notBefore, lastTickAt: null, endedByCommand: false };
    }
    if (settled(s.state) || s.state.closed) {
      out.push({ ...cur, endedByCommand: true });
      cur = null;
    }
    prev = s.state;
  }
  if (cur) out.push(cur);
  return out;
}

/** Steps that fell due, by the driver's clock, while their schedule held and the agency had not reported. */
export function dueSteps(t: Trace): { step: Step; withdrawable: boolean }[] {
  return scheduleWindows(t).flatMap((w) =>
    stepsOf({ schedule: w.schedule, role: t.scenario.role })
      .filter((x) => msOf(x.at) > msOf(w.notBefore) && w.lastTickAt !== null && msOf(x.at) <= w.lastTickAt)
      .map((step) => ({ step, withdrawable: w.endedByCommand })),
  );
}

/**
 * At the end (mail working, time past the ladder): every step that fell due is delivered, superseded by a
 * delivered catch-up, or recorded as undeliverable (withdrawn only when a report, exemption, extension or
 * close took its meaning away); and the records agree with what was actually sent.
 */
export function everyDueStepAccountedFor(t: Trace): string[] {
  const out: string[] = [];
  const records = new Map(t.final.steps.map((r) => [r.key, r]));
  for (const { step, withdrawable } of dueSteps(t)) {
    const r = records.get(step.key);
    if (!r) out.push(`step ${step.key} (${step.at}) fell due but was never issued`);
    else if (r.outcome === 'issued') out.push(`step ${step.key} still only issued at the end`);
    else if (r.outcome === 'withdrawn' && !withdrawable) out.push(`step ${step.key} withdrawn though nothing took its meaning away`);
  }
  const sentCover = new Map<string, { noticeKey: string; own: boolean }>();
  for (const s of t.sent) if (isStepNotice(s.notice)) for (const x of covers(s.notice)) sentCover.set(x.key, { noticeKey: s.notice.key, own: x.key === s.notice.step.key });
  for (const r of t.final.steps) {
    const c = sentCover.get(r.key);
    if (r.outcome === 'delivered' && !(c?.own && c.noticeKey === r.noticeKey)) out.push(`step ${r.key} recorded delivered by ${r.noticeKey} but that mail did not carry it`);
    if (r.outcome === 'superseded' && !(c && !c.own && c.noticeKey === r.noticeKey)) out.push(`step ${r.key} recorded superseded by ${r.noticeKey} but that mail did not carry it`);
    if ((r.outcome === 'undeliverable' || r.outcome === 'withdrawn') && c) out.push(`step ${r.key} recorded ${r.outcome} but was delivered in ${c.noticeKey}`);
  }
  for (const [key, c] of sentCover) if (!records.has(key)) out.push(`step ${key} delivered in ${c.noticeKey} but has no record`);
  return out;
}

/**
 * Acknowledgements and alerts: each delivered once, in the order issued, unless the relay refused it for
 * good (then it is dropped and recorded as undeliverable).
 */
export function acksDelivered(t: Trace): string[] {
  const out: string[] = [];
  const refused = new Set(t.steps.filter((s) => s.cmd.type === 'delivery-failed' && s.cmd.permanent).map((s) => (s.cmd as { key: string }).key));
  for (const lane of ['acks', 'staff'] as const) {
    const issued = emitted(t)
      .filter((e) => laneOf(e.notice) === lane)
      .map((e) => e.notice.key);
    if (new Set(issued).size !== issued.length) out.push(`${lane}: a key issued twice (${issued.join(', ')})`);
    const sent = t.sent.filter((s) => s.lane === lane).map((s) => s.notice.key);
    // A fallback to another contact (issue 15) is withdrawn once the agency reported, was exempted or the period closed.
    const withdrawnAt = settledAt(t) ?? t.steps.find((s) => s.state.closed)?.at ?? null;
    const withdrawn = (k: string) => k.startsWith('fallback/') && withdrawnAt !== null && !sent.includes(k);
    const expected = issued.filter((k) => !refused.has(k) && !withdrawn(k));
    if (sent.join() !== expected.join()) out.push(`${lane}: delivered [${sent.join(', ')}], expected [${expected.join(', ')}]`);
    for (const k of refused)
      if (issued.includes(k) && !t.final.delivery.undeliverable.some((u) => u.key === k)) out.push(`${k} refused for good but not recorded as undeliverable`);
  }
  const accepted = t.steps.filter((s) => s.cmd.type === 'submit').length;
  const receipts = emitted(t).flatMap((e) => (e.notice.type === 'receipt' ? [e.notice.revision] : []));
  if (receipts.join() !== Array.from({ length: accepted }, (_, i) => i + 1).join())
    out.push(`receipts issued for revisions [${receipts.join()}] after ${accepted} accepted submissions`);
  const requests = t.steps.filter((s) => s.cmd.type === 'request-extension').length;
  const requestNotices = emitted(t).filter((e) => e.notice.type === 'extension-request');
  if (requestNotices.length !== requests) out.push(`${requests} extension requests accepted, ${requestNotices.length} notices issued`);
  return out;
}

/** Never stuck: each tick leaves a wake in the future; at the end the outbox is empty and nothing is shown failing. */
export function neverStuck(t: Trace): string[] {
  const out: string[] = [];
  if (t.stuck) out.push(t.stuck);
  for (const s of t.steps) {
    if (s.cmd.type !== 'tick' || s.state.closed) continue;
    const w = nextWake(s.state);
    if (w !== null && msOf(w) <= s.at) out.push(`after the tick at ${iso(s.at)} nextWake is ${w}`);
  }
  if (t.final.outbox.length) out.push(`outbox not drained at the end (${iso(t.endAt)}): ${t.final.outbox.map((n) => n.key).join(', ')}`);
  if (t.final.delivery.failing) out.push(`status still shows ${t.final.delivery.failing.key} failing at the end (${iso(t.endAt)})`);
  const w = t.final.closed ? null : nextWake(t.final);
  if (w !== null && msOf(w) <= t.endAt) out.push(`nextWake ${w} not in the future at the end (${iso(t.endAt)})`);
  if (t.final.closed && !t.ended) out.push('closed, but a lane never finished');
  return out;
}

/**
 * The status's "failing" names a notice still waiting to go out, and says so whenever one has been
 * failing beyond the budget (the dashboard alerts the standing agency from it).
 */
export function failingIsTruthful(t: Trace): string[] {
  const out: string[] = [];
  for (const s of t.steps) {
    const f = s.state.delivery.failing;
    if (f && !s.state.outbox.some((n) => n.key === f.key)) out.push(`after ${s.cmd.type} at ${iso(s.at)} the status shows ${f.key} failing, but it is no longer pending`);
    if (!f && s.flagged.length) out.push(`after ${s.cmd.type} at ${iso(s.at)} the status shows nothing failing, but ${s.flagged.join(', ')} has been failing beyond the budget`);
  }
  return out;
}

const RANK = { overdue: 1, director: 2, leader: 3 } as const;
const rank = (s: RegimeState) => (s.escalationLevel ? RANK[s.escalationLevel] : 0);

/**
 * The status follows the ladder: once a tick passes an escalation step of the schedule in force, the
 * agency that has not reported shows as overdue; its escalation level never goes back down (a leader
 * reached stays reached) unless an extension moves the schedule.
 */
export function statusFollowsTheLadder(t: Trace): string[] {
  const out: string[] = [];
  let prev = t.init.state;
  for (const s of t.steps) {
    const st = s.state;
    if (s.cmd.type === 'tick' && !settled(st) && !st.closed) {
      const passed = stepsOf(st).filter((x) => x.level !== 'reminder' && msOf(x.at) <= s.at);
      if (passed.length && st.phase !== 'overdue') out.push(`after the tick at ${iso(s.at)}, past ${passed.map((x) => x.key).join(', ')}, the phase is ${st.phase}`);
    }
    const moved = st.schedule.lastDay !== prev.schedule.lastDay || st.notBefore !== prev.notBefore;
    if (!moved && rank(st) < rank(prev)) out.push(`${s.cmd.type} at ${iso(s.at)} lowered the escalation level from ${prev.escalationLevel} to ${st.escalationLevel}`);
    prev = st;
  }
  return out;
}

export const ALL_INVARIANTS = {
  noStepAfterSettlement,
  noStepTwice,
  noStaleMeaning,
  everyDueStepAccountedFor,
  acksDelivered,
  neverStuck,
  failingIsTruthful,
  statusFollowsTheLadder,
};

export function violations(t: Trace): string[] {
  return Object.entries(ALL_INVARIANTS).flatMap(([name, f]) => f(t).map((v) => `${name}: ${v}`));
}
