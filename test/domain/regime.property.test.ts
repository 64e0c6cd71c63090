/**
 * The reporting regime (src/reporting/regime.ts) under random sequences of events, driven by a pure model
 * of the agency workflow (test/support/regimeDriver.ts): submissions and revisions, extensions requested,
 * granted and refused, exemptions, the leader's digest, close, mail outages of any length, refusals for
 * good, and the worker down for minutes or days (it wakes late). The invariants are issue 11's.
 *
 * `npm test` runs 300 cases per property from a fixed seed; REGIME_RUNS=5000 runs more, REGIME_SEED=n
 * another sequence. A failure prints the seed and fast-check's path (replay with both), and the shrunk
 * scenario in +07:00. Each counter-example found is kept below as a named test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, head, initRegime, nextStep, nextWake, settled, validate, type Command, type Notice, type RegimeState } from '../../src/reporting/regime.js';
import { gatedScenarioArb, scenarioArb } from '../support/regimeArbitraries.js';
import {
  DAY,
  DEFAULT_POLICIES,
  HOUR,
  MINUTE,
  describeScenario,
  iso,
  msOf,
  plusDays,
  runScenario,
  scheduleFor,
  traceOf,
  type Scenario,
  type Trace,
} from '../support/regimeDriver.js';
import {
  acksDelivered,
  everyDueStepAccountedFor,
  failingIsTruthful,
  neverStuck,
  noEscalationBeforeProof,
  noStaleMeaning,
  noStepAfterSettlement,
  noStepTwice,
  statusFollowsTheLadder,
  violations,
} from '../support/regimeInvariants.js';

const RUNS = Number(process.env.REGIME_RUNS ?? 300);
const SEED = Number(process.env.REGIME_SEED ?? 20260615);
const at = (s: string) => msOf(s);

function holds(name: string, invariant: (t: Trace) => string[], arb: fc.Arbitrary<Scenario> = scenarioArb) {
  it(
    name,
    () => {
      fc.assert(
        fc.property(arb, (sc) => {
          const found = invariant(traceOf(sc));
          if (found.length) {
            throw new Error(`REGIME_SEED=${SEED}\n${found.slice(0, 5).join('\n')}\nscenario: ${JSON.stringify(describeScenario(sc), null, 1)}`);
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
    120_000,
  );
}

describe(`the regime under random event sequences (fast-check, seed ${SEED}, ${RUNS} runs per property)`, () => {
  holds('no reminder or escalation is issued or delivered after a submission or an exemption', noStepAfterSettlement);
  holds('no step reaches the agency twice, on its own or inside a catch-up', noStepTwice);
  holds('no step with a stale meaning: no reminder after the term, nothing at or before notBefore, each notice on the day it was issued', noStaleMeaning);
  holds('every step that fell due is delivered, superseded by a delivered catch-up, or recorded as undeliverable', everyDueStepAccountedFor);
  holds('receipts, decisions and alerts are each delivered once, in order, unless refused for good', acksDelivered);
  holds('never stuck: each tick wakes later, and once mail works the outbox drains and nothing shows failing', neverStuck);
  holds('the status "failing" names a pending notice, and is set whenever one fails beyond the budget', failingIsTruthful);
  holds('the status follows the ladder: overdue once an escalation step passed, the level never lowered', statusFollowsTheLadder);
});

describe(`with the proof gate (issue 15; fast-check, seed ${SEED}, ${RUNS} runs per property)`, () => {
  holds(
    'no escalation step is issued or delivered before a proof of notice exists in the period; one alert, each fallback contact once',
    noEscalationBeforeProof,
    gatedScenarioArb,
  );
  holds('still: no step after a submission or an exemption', noStepAfterSettlement, gatedScenarioArb);
  holds('still: no step reaches the agency twice', noStepTwice, gatedScenarioArb);
  holds('still: no stale meaning', noStaleMeaning, gatedScenarioArb);
  holds('still never stuck: each tick wakes later, and the outbox drains', neverStuck, gatedScenarioArb);
  holds('still: receipts, decisions and alerts are each delivered once, in order', acksDelivered, gatedScenarioArb);
});

// ---------------------------------------------------------------------------------------------------
// validate: what apply must never see is refused, with reasons in Vietnamese; it never throws.

/** Vietnamese with its diacritics, in NFC. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/** The oracle for a real calendar date, written here independently of src/reporting/dates.ts. */
function realDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return y >= 2000 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= dim[mo - 1]!;
}

const reasonArb = fc.oneof(fc.constant(''), fc.constant('   '), fc.constant('Chờ số liệu quý'), fc.string({ maxLength: 12 }));
const lastDayArb = (s: RegimeState, now: string) =>
  fc.oneof(
    fc.integer({ min: -5, max: 20 }).map((d) => plusDays(s.schedule.lastDay, d)),
    fc.integer({ min: -5, max: 5 }).map((d) => plusDays(now.slice(0, 10), d)),
    fc.constantFrom('2026-02-30', '2026-02-29', '2027-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-06-00', '2026-6-1', '19/06/2026', '', '1999-12-31', '2101-01-01'),
    fc.string({ maxLength: 12 }),
  );
const commandArb = (s: RegimeState, now: string): fc.Arbitrary<Command> =>
  fc.oneof(
    fc.record({ lastDay: lastDayArb(s, now), reason: reasonArb }).map((x): Command => ({ type: 'request-extension', at: now, ...x })),
    fc
      .record({ approved: fc.boolean(), lastDay: fc.option(lastDayArb(s, now), { nil: undefined }), reason: reasonArb })
      .map((x): Command => ({ type: 'decide-extension', at: now, ...x })),
    reasonArb.map((reason): Command => ({ type: 'exempt', at: now, reason })),
    fc.constantFrom('a'.repeat(64), 'xyz', '', 'A'.repeat(64)).map((sha256): Command => ({
      type: 'submit',
      at: now,
      submission: { sha256, size: 10, summary: { period: 'p', tasks: [], targetIds: [], narrative: 5, difficulties: 0, recommendations: 0, attachments: 0 } },
    })),
    fc.constantFrom<Command>(
      { type: 'tick', at: now },
      { type: 'close', at: now },
      { type: 'leader-reached', at: now },
      { type: 'delivered', at: now, key: 'nope', messageId: '<x>' },
    ),
  );

/** Every reason `validate` must give, by the rules of issue 11 (an empty list: none required). */
function mustRefuse(s: RegimeState, c: Command): string[] {
  const out: string[] = [];
  const userCommand = c.type === 'submit' || c.type === 'request-extension' || c.type === 'decide-extension' || c.type === 'exempt';
  if (userCommand && s.closed) out.push('anything after close');
  if ((c.type === 'request-extension' || c.type === 'decide-extension' || c.type === 'exempt') && settled(s)) out.push('after the report or the exemption');
  if ((c.type === 'request-extension' || c.type === 'decide-extension' || c.type === 'exempt') && !c.reason.trim()) out.push('no reason');
  if (c.type === 'request-extension' || (c.type === 'decide-extension' && c.approved)) {
    const d = c.lastDay ?? '';
    if (!realDate(d)) out.push(`not a date: "${d}"`);
    else if (d <= s.schedule.lastDay) out.push(`last day ${d} not after ${s.schedule.lastDay}`);
    else if (d < iso(msOf(c.at)).slice(0, 10)) out.push(`last day ${d} already over on ${c.at}`);
  }
  if (c.type === 'submit' && (s.closed || s.phase === 'exempted' || s.role === 'standing' || !/^[0-9a-f]{64}$/.test(c.submission.sha256 ?? ''))) out.push('submission refused');
  return out;
}

describe('validate refuses what apply must not see, in Vietnamese, and never throws', () => {
  it(`random commands on states reached by random scenarios (seed ${SEED}, ${RUNS} runs)`, () => {
    const caseArb = scenarioArb.chain((sc) => {
      const t = traceOf(sc);
      const states = [{ state: t.init.state, now: iso(sc.startAt) }, ...t.steps.map((x) => ({ state: x.state, now: iso(x.at) }))];
      return fc.constantFrom(...states).chain(({ state, now }) => fc.tuple(fc.constant(state), fc.constant(now), fc.array(commandArb(state, now), { minLength: 1, maxLength: 5 })));
    });
    fc.assert(
      fc.property(caseArb, ([state, , commands]) => {
        for (const c of commands) {
          const reasons = validate(state, c);
          const required = mustRefuse(state, c);
          if (required.length) expect(reasons, `${JSON.stringify(c)} must be refused (${required.join('; ')})`).not.toEqual([]);
          for (const r of reasons) {
            expect(r.normalize('NFC')).toBe(r);
            expect(r, 'a reason in Vietnamese').toMatch(VIETNAMESE);
          }
          if (!reasons.length) apply(state, c);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('2026-02-30, an ISO date written the wrong way and a year out of range are refused with the field named', () => {
    const s = initRegime({ agencyId: 'a', role: 'agency', period: '2026-H1', kind: 'periodic', schedule: scheduleFor('2026-06-14'), now: '2026-06-01T08:00:00+07:00' }).state;
    const ask = (lastDay: string) => validate(s, { type: 'request-extension', at: '2026-06-16T10:00:00+07:00', lastDay, reason: 'Chờ số liệu' });
    expect(ask('2026-02-30')).toEqual(['lastDay: ngày 30/2/2026 không có trong lịch']);
    expect(ask('19/06/2026')).toEqual(['lastDay: phải là ngày dạng YYYY-MM-DD']);
    expect(ask('2026-06-15')).toEqual(['lastDay: phải sau hạn hiện tại 15/06/2026']);
    expect(ask('2026-06-19')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Hand-computed examples on the 2026 calendar (no public holiday in June 2026 or in early December).
// Seed 004 (Sơn La), H1 2026: "trước ngày 15/6" → Sunday 14/6 → effective last day Monday 15/06/2026.
// Reminders at 08:00 on the 7th, 3rd and 1st working day before and on the day: Thu 04/06, Wed 10/06,
// Fri 12/06, Mon 15/06. Ladder at 08:00: 1st working day after Tue 16/06 (overdue), 3rd Thu 18/06
// (director), 5th Mon 22/06 (leader's digest, standing agency only).

const sonLaH1 = scheduleFor('2026-06-14');
const quiet = (over: Partial<Scenario>): Scenario => ({
  role: 'agency',
  kind: 'periodic',
  startAt: at('2026-06-01T08:00:00+07:00'),
  schedule: sonLaH1,
  policies: DEFAULT_POLICIES,
  events: [],
  outages: [],
  refusals: [],
  downs: [],
  budgetMs: 4 * HOUR,
  usersFirst: true,
  ...over,
});
const mails = (t: Trace) => t.sent.map((s) => `${iso(s.at)} ${s.notice.key}`);
const expectAllInvariants = (t: Trace) => expect(violations(t)).toEqual([]);

describe('the schedule the examples count from', () => {
  it('seed 004, H1 2026: last day 15/06, reminders 04/06, 10/06, 12/06, 15/06, ladder 16/06, 18/06, 22/06', () => {
    expect(sonLaH1.lastDay).toBe('2026-06-15');
    expect(sonLaH1.dueAt).toBe('2026-06-15T23:59:59+07:00');
    expect(sonLaH1.reminders.map((r) => [r.workingDaysBefore, r.at])).toEqual([
      [7, '2026-06-04T08:00:00+07:00'],
      [3, '2026-06-10T08:00:00+07:00'],
      [1, '2026-06-12T08:00:00+07:00'],
      [0, '2026-06-15T08:00:00+07:00'],
    ]);
    expect(sonLaH1.escalations.map((e) => [e.level, e.at])).toEqual([
      ['overdue', '2026-06-16T08:00:00+07:00'],
      ['director', '2026-06-18T08:00:00+07:00'],
      ['leader-digest', '2026-06-22T08:00:00+07:00'],
    ]);
  });
});

describe('day one: the period-open notice', () => {
  it('a cycle opening on 05/06 09:00, after its first reminder (04/06), tells the agency at once; the next step is 10/06 08:00', () => {
    const { state, notices } = initRegime({ agencyId: 'a', role: 'agency', period: '2026-H1', kind: 'periodic', schedule: sonLaH1, now: '2026-06-05T09:00:00+07:00' });
    expect(notices).toEqual([{ type: 'period-open', key: 'period-open', issuedAt: '2026-06-05T09:00:00+07:00' }]);
    expect(nextStep(state)?.key).toBe('reminder/2026-06-15/3');
    expect(nextStep(state)?.at).toBe('2026-06-10T08:00:00+07:00');
    const t = runScenario(quiet({ startAt: at('2026-06-05T09:00:00+07:00') }));
    expect(mails(t)).toEqual([
      '2026-06-05T09:00:00+07:00 period-open',
      '2026-06-10T08:00:00+07:00 reminder/2026-06-15/3',
      '2026-06-12T08:00:00+07:00 reminder/2026-06-15/1',
      '2026-06-15T08:00:00+07:00 reminder/2026-06-15/0',
      '2026-06-16T08:00:00+07:00 escalation/2026-06-15/overdue',
      '2026-06-18T08:00:00+07:00 escalation/2026-06-15/director',
    ]);
    expectAllInvariants(t);
  });

  it('a cycle opening before its first reminder, or the standing agency opening late, gets no period-open notice', () => {
    expect(initRegime({ agencyId: 'a', role: 'agency', period: '2026-H1', kind: 'periodic', schedule: sonLaH1, now: '2026-06-03T08:00:00+07:00' }).notices).toEqual([]);
    expect(initRegime({ agencyId: 's', role: 'standing', period: '2026-H1', kind: 'periodic', schedule: sonLaH1, now: '2026-06-05T09:00:00+07:00' }).notices).toEqual([]);
  });

  it('an ad-hoc request made 01/12/2026 10:00 for 10/12 is mailed at once; the 7-day reminder (01/12 08:00) is gone, the next is 07/12', () => {
    // Thu 10/12/2026: 1st working day before Wed 09/12, 3rd Mon 07/12, 7th Tue 01/12 (before the request).
    const full = scheduleFor('2026-12-10');
    expect(full.reminders.map((r) => r.at)).toEqual(['2026-12-01T08:00:00+07:00', '2026-12-07T08:00:00+07:00', '2026-12-09T08:00:00+07:00', '2026-12-10T08:00:00+07:00']);
    const requestAt = at('2026-12-01T10:00:00+07:00');
    const schedule = { ...full, reminders: full.reminders.filter((r) => msOf(r.at) > requestAt) };
    const t = runScenario(quiet({ kind: 'adhoc', schedule, startAt: requestAt, events: [{ at: at('2026-12-08T15:00:00+07:00'), action: { type: 'submit' } }] }));
    expect(mails(t)).toEqual(['2026-12-01T10:00:00+07:00 period-open', '2026-12-07T08:00:00+07:00 reminder/2026-12-10/3', '2026-12-08T15:00:00+07:00 receipt/1']);
    expectAllInvariants(t);
  });
});

describe('an extension granted on 16/06/2026 10:00 to 19/06/2026, after the overdue notice for 15/06', () => {
  // Fri 19/06/2026: 1st working day before Thu 18/06, 3rd Tue 16/06 (08:00, before the decision), 7th Wed
  // 10/06; after: 1st Mon 22/06, 3rd Wed 24/06, 5th Fri 26/06.
  const decided = at('2026-06-16T10:00:00+07:00');
  const extended = () => runScenario(quiet({ events: [{ at: decided, action: { type: 'decide-extension', approved: true, days: 4 } }] }));

  it('the new schedule, from src/calendar, matches the 2026 calendar', () => {
    const s = scheduleFor('2026-06-19');
    expect(s.reminders.map((r) => r.at)).toEqual(['2026-06-10T08:00:00+07:00', '2026-06-16T08:00:00+07:00', '2026-06-18T08:00:00+07:00', '2026-06-19T08:00:00+07:00']);
    expect(s.escalations.map((e) => e.at)).toEqual(['2026-06-22T08:00:00+07:00', '2026-06-24T08:00:00+07:00', '2026-06-26T08:00:00+07:00']);
  });

  it('sends no stale "7 / 3 working days" reminder: the next step is 18/06 08:00, and the ladder restarts from 19/06', () => {
    const t = extended();
    const decision = t.steps.find((s) => s.cmd.type === 'decide-extension')!;
    expect(decision.state.notBefore).toBe('2026-06-16T10:00:00+07:00');
    expect(decision.state.phase).toBe('pending');
    expect(nextStep(decision.state)).toMatchObject({ key: 'reminder/2026-06-19/1', at: '2026-06-18T08:00:00+07:00' });
    expect(mails(t)).toEqual([
      '2026-06-04T08:00:00+07:00 reminder/2026-06-15/7',
      '2026-06-10T08:00:00+07:00 reminder/2026-06-15/3',
      '2026-06-12T08:00:00+07:00 reminder/2026-06-15/1',
      '2026-06-15T08:00:00+07:00 reminder/2026-06-15/0',
      '2026-06-16T08:00:00+07:00 escalation/2026-06-15/overdue',
      '2026-06-16T10:00:00+07:00 extension/1',
      '2026-06-18T08:00:00+07:00 reminder/2026-06-19/1',
      '2026-06-19T08:00:00+07:00 reminder/2026-06-19/0',
      '2026-06-22T08:00:00+07:00 escalation/2026-06-19/overdue',
      '2026-06-24T08:00:00+07:00 escalation/2026-06-19/director',
    ]);
    expectAllInvariants(t);
  });

  it('refused instead, nothing moves: the director step comes on 18/06 for the old last day', () => {
    const t = runScenario(quiet({ events: [{ at: decided, action: { type: 'decide-extension', approved: false, days: 4 } }] }));
    expect(mails(t).slice(5)).toEqual(['2026-06-16T10:00:00+07:00 extension/1', '2026-06-18T08:00:00+07:00 escalation/2026-06-15/director']);
    expect(t.final.schedule.lastDay).toBe('2026-06-15');
  });
});

describe('SMTP down from 12/06/2026 17:00 to 16/06/2026 09:00, across the 15/06 last day (budget 4 h)', () => {
  const t = runScenario(quiet({ outages: [{ from: at('2026-06-12T17:00:00+07:00'), to: at('2026-06-16T09:00:00+07:00') }] }));

  it('delivers the three reminders before it, the overdue notice once mail is back, and the director step on 18/06', () => {
    // Retries (10 s doubling, capped at 30 min) from 08:00:00: 10, 20, 40, 80, 160, 320, 640, 1280 s
    // (08:42:30), then every 30 min: 09:12:30. The alert, issued 15/06 12:00:00, on the same rhythm:
    // 13:12:30 + 40 × 30 min = 16/06 09:12:30.
    expect(mails(t)).toEqual([
      '2026-06-04T08:00:00+07:00 reminder/2026-06-15/7',
      '2026-06-10T08:00:00+07:00 reminder/2026-06-15/3',
      '2026-06-12T08:00:00+07:00 reminder/2026-06-15/1',
      '2026-06-16T09:12:30+07:00 escalation/2026-06-15/overdue',
      '2026-06-16T09:12:30+07:00 undeliverable/reminder/2026-06-15/0',
      '2026-06-18T08:00:00+07:00 escalation/2026-06-15/director',
    ]);
    // The overdue notice keeps its own key (its first issue) and names the last-day reminder, which lost
    // its meaning at 24:00 on 15/06 and was never sent: "thay cho thư nhắc hạn ngày 15/06".
    expect(t.sent.find((s) => s.notice.key === 'escalation/2026-06-15/overdue')?.notice).toMatchObject({
      catchUp: { replaces: [{ key: 'reminder/2026-06-15/0' }] },
      issuedAt: '2026-06-16T08:00:00+07:00',
    });
  });

  it('records the last-day reminder as undeliverable, alerts the standing agency once, and ends with nothing failing', () => {
    expect(t.final.steps.map((r) => [r.key, r.outcome])).toEqual([
      ['reminder/2026-06-15/7', 'delivered'],
      ['reminder/2026-06-15/3', 'delivered'],
      ['reminder/2026-06-15/1', 'delivered'],
      // Recorded undeliverable at 24:00 on 15/06, then named by the overdue notice once that was delivered.
      ['reminder/2026-06-15/0', 'superseded'],
      ['escalation/2026-06-15/overdue', 'delivered'],
      ['escalation/2026-06-15/director', 'delivered'],
    ]);
    expect(t.final.delivery.undeliverable.map((u) => [u.key, u.since, u.at])).toEqual([
      ['reminder/2026-06-15/0', '2026-06-15T08:00:00+07:00', '2026-06-15T12:00:00+07:00'],
      // The alert itself was late beyond the budget too (recorded, never alerted on).
      ['undeliverable/reminder/2026-06-15/0', '2026-06-15T12:00:00+07:00', '2026-06-15T16:00:00+07:00'],
    ]);
    expect(t.final.delivery.failing).toBeNull();
    expect(t.final.outbox).toEqual([]);
    expectAllInvariants(t);
  });

  it('with mail down from 16/06 07:00 to 18/06 09:00 instead, the agency gets its overdue notice (in the day’s wording) and the director his step, each once', () => {
    // The overdue notice goes to the agency, the director's step above it: different people, so neither
    // stands for the other. The overdue notice, pending over two midnights, is reissued on 17/06 and
    // 18/06; the 18/06 issue goes at 00:00 + retries = 09:12:30; the director step, issued 08:00, too.
    const u = runScenario(quiet({ outages: [{ from: at('2026-06-16T07:00:00+07:00'), to: at('2026-06-18T09:00:00+07:00') }] }));
    // The standing agency's alert (the overdue notice late beyond the budget at 16/06 12:00) goes then too:
    // 13:12:30 + 88 × 30 min.
    expect(mails(u).slice(4)).toEqual([
      '2026-06-18T09:12:30+07:00 escalation/2026-06-15/overdue/catch-up/2026-06-18',
      '2026-06-18T09:12:30+07:00 escalation/2026-06-15/director',
      '2026-06-18T09:12:30+07:00 undeliverable/escalation/2026-06-15/overdue',
    ]);
    expect(u.final.steps.slice(4).map((r) => [r.key, r.outcome, r.noticeKey])).toEqual([
      ['escalation/2026-06-15/overdue', 'delivered', 'escalation/2026-06-15/overdue/catch-up/2026-06-18'],
      ['escalation/2026-06-15/director', 'delivered', 'escalation/2026-06-15/director'],
    ]);
    expectAllInvariants(u);
  });
});

describe('extension requests and receipts', () => {
  it('a second request before a decision is its own notice (distinct keys), and each revision gets its receipt in order', () => {
    const t = runScenario(
      quiet({
        events: [
          { at: at('2026-06-11T09:00:00+07:00'), action: { type: 'request-extension', days: 4 } },
          { at: at('2026-06-11T15:00:00+07:00'), action: { type: 'request-extension', days: 11 } },
          { at: at('2026-06-12T10:00:00+07:00'), action: { type: 'submit' } },
          { at: at('2026-06-13T10:00:00+07:00'), action: { type: 'submit' } },
        ],
      }),
    );
    expect(mails(t).filter((m) => /extension-request|receipt/.test(m))).toEqual([
      '2026-06-11T09:00:00+07:00 extension-request/1',
      '2026-06-11T15:00:00+07:00 extension-request/2',
      '2026-06-12T10:00:00+07:00 receipt/1',
      '2026-06-13T10:00:00+07:00 receipt/2',
    ]);
    expectAllInvariants(t);
  });
});

// ---------------------------------------------------------------------------------------------------
// Counter-examples fast-check found, shrunk, kept as named tests. Each failed before its fix in
// src/reporting/regime.ts (or, for the last, in the driver model: see its comment).

const jan21 = scheduleFor('2026-01-21');
const janScenario = (over: Partial<Scenario>) => quiet({ schedule: jan21, startAt: at('2026-01-12T08:00:00+07:00'), budgetMs: 30 * MINUTE, usersFirst: false, ...over });
/** The status's failing slot after each command: what the dashboard showed. */
const failingAlong = (t: Trace) =>
  t.steps.map((s) => ({ at: iso(s.at), cmd: s.cmd.type, failing: s.state.delivery.failing?.key ?? null, pending: s.state.outbox.map((n: Notice) => n.key) }));

describe('counter-examples', () => {
  it('counter-example: stale failing. An outage over several days left "failing" naming a reissued catch-up that was gone, for ever', () => {
    // Before: at the end (26/01 08:00, mail back) the status still showed
    // escalation/2026-01-21/overdue/catch-up/2026-01-25 failing. After: it follows the reissues and clears.
    const t = runScenario(janScenario({ startAt: at('2026-01-13T05:50:00+07:00'), outages: [{ from: at('2026-01-16T05:13:00+07:00'), to: at('2026-01-25T23:51:00+07:00') }] }));
    expect(t.final.delivery.failing).toBeNull();
    for (const f of failingAlong(t)) if (f.failing) expect(f.pending).toContain(f.failing);
    expect(neverStuck(t)).toEqual([]);
    expect(failingIsTruthful(t)).toEqual([]);
  });

  it('counter-example: a reissued period-open. The day change replaced it but "failing" kept naming it, then another lane cleared the slot', () => {
    // Before: after the tick of 14/01 00:00 the status showed period-open/catch-up/2026-01-13 failing
    // though it was gone; and once fixed, the delivery of 15/01 08:00:30 cleared "failing" while the alert
    // to the standing agency (undeliverable/period-open) was still failing. After: it falls back to it.
    const t = runScenario(janScenario({ outages: [{ from: at('2026-01-12T08:00:00+07:00'), to: at('2026-01-15T08:00:00+07:00') }] }));
    expect(failingIsTruthful(t)).toEqual([]);
    const tick14 = t.steps.find((s) => s.cmd.type === 'tick' && iso(s.at) === '2026-01-14T00:00:00+07:00')!;
    expect(tick14.state.delivery.failing?.key).toBe('period-open/catch-up/2026-01-14');
  });

  it('counter-example: an expired reminder. When the day change drops it, "failing" falls back to the alert still failing', () => {
    // Before: after the tick of 22/01 00:00 nothing showed failing although the alert about the 1-day
    // reminder had been failing beyond the budget since 20/01.
    const t = runScenario(janScenario({ outages: [{ from: at('2026-01-20T08:00:00+07:00'), to: at('2026-01-21T23:51:00+07:00') }] }));
    expect(failingIsTruthful(t)).toEqual([]);
    const tick22 = t.steps.find((s) => s.cmd.type === 'tick' && iso(s.at) === '2026-01-22T00:00:00+07:00')!;
    expect(tick22.state.delivery.failing?.key).toBe('undeliverable/reminder/2026-01-21/1');
  });

  it('counter-example: refused for good. A failing notice refused permanently kept being shown as failing', () => {
    // Before: at the end the status showed escalation/2026-01-21/director/catch-up/2026-01-26 failing,
    // refused for good at 26/01 08:00. After: the refusal is recorded as undeliverable and nothing shows failing.
    const t = runScenario(
      janScenario({
        outages: [{ from: at('2026-01-16T08:00:00+07:00'), to: at('2026-01-26T07:51:00+07:00') }],
        refusals: [{ from: at('2026-01-26T08:00:00+07:00'), to: at('2026-01-26T08:01:00+07:00') }],
      }),
    );
    expect(t.final.delivery.failing).toBeNull();
    // The director's step, issued 26/01 08:00 in its own lane, is the notice refused.
    expect(t.final.delivery.undeliverable.map((u) => u.key)).toContain('escalation/2026-01-21/director');
    expect(violations(t)).toEqual([]);
  });

  it('counter-example: started at the overdue step. The agency stayed "pending" through the director step', () => {
    // Workflow started 22/01 08:00, the overdue step's own instant (not after notBefore, so never issued).
    // Before: after the director step on 26/01 the phase was still "pending". After: "overdue".
    const t = runScenario(janScenario({ startAt: at('2026-01-22T08:00:00+07:00') }));
    const director = t.steps.find((s) => s.cmd.type === 'tick' && iso(s.at) === '2026-01-26T08:00:00+07:00')!;
    expect(director.state.phase).toBe('overdue');
    expect(director.state.escalationLevel).toBe('director');
    expect(mails(t)).toEqual(['2026-01-26T08:00:00+07:00 escalation/2026-01-21/director']);
  });

  it('counter-example: leader lowered to director. The digest signal came first, then a late director step lowered the level', () => {
    // Extended on 12/01 to 23/01 (Fri): director step Wed 28/01 08:00, the instant the cycle (on the old
    // schedule) signals the leader's digest. Before: the tick after the signal set "director". After: "leader".
    const t = runScenario(
      janScenario({
        usersFirst: true,
        events: [
          { at: at('2026-01-28T08:00:00+07:00'), action: { type: 'leader-reached' } },
          { at: at('2026-01-12T08:00:00+07:00'), action: { type: 'decide-extension', approved: true, days: 2 } },
        ],
      }),
    );
    expect(t.final.schedule.lastDay).toBe('2026-01-23');
    expect(t.final.escalationLevel).toBe('leader');
    expect(statusFollowsTheLadder(t)).toEqual([]);
  });

  it('counter-example: extension into the past. Granted on 06/01/2027 to 01/01/2027 (already over), it was accepted', () => {
    // Found on the standing agency's annual ladder (last day 31/12/2026, director step 06/01/2027 08:00).
    // Before: validate returned [] and apply made the agency "pending" again, with every new step before
    // notBefore (never sent) and its level reset. After: refused, in Vietnamese.
    const t = runScenario(quiet({ role: 'standing', schedule: scheduleFor('2026-12-31'), startAt: at('2026-12-22T07:50:00+07:00') }));
    const director = t.steps.find((s) => iso(s.at) === '2027-01-06T08:00:00+07:00' && s.cmd.type === 'tick')!.state;
    expect([director.phase, director.escalationLevel]).toEqual(['overdue', 'director']);
    const grant = (lastDay: string): Command => ({ type: 'decide-extension', at: '2027-01-06T08:00:00+07:00', approved: true, lastDay, reason: 'Chờ số liệu quý' });
    expect(validate(director, grant('2027-01-01'))).toEqual(['lastDay: ngày 01/01/2027 đã qua, hạn mới phải từ hôm nay trở đi']);
    expect(validate({ ...director, role: 'agency' }, { type: 'request-extension', at: '2027-01-06T08:00:00+07:00', lastDay: '2027-01-05', reason: 'Chờ số liệu' })).toEqual([
      'lastDay: ngày 05/01/2027 đã qua, hạn mới phải từ hôm nay trở đi',
    ]);
    expect(validate(director, grant('2027-01-06'))).toEqual([]);
  });

  it('counter-example (driver): an alert after close is stranded when every lane returns at close; lanes that wait for the whole outbox send it', () => {
    // Exempted and closed at 16/01 07:59 while the relay refuses for a minute: the exemption notice is
    // refused for good, and its alert lands in the staff lane, whose loop had already returned
    // (workflows/agencyReportWorkflow.ts: `condition(() => head(state, lane) !== null || state.closed)`).
    const sc = janScenario({
      events: [
        { at: at('2026-01-16T07:59:00+07:00'), action: { type: 'exempt' } },
        { at: at('2026-01-16T07:59:00+07:00'), action: { type: 'close' } },
      ],
      refusals: [{ from: at('2026-01-16T07:59:00+07:00'), to: at('2026-01-16T08:00:00+07:00') }],
    });
    const asWritten = runScenario(sc, { laneExit: 'closed' });
    expect(asWritten.final.outbox.map((n) => n.key)).toEqual(['undeliverable/exemption']);
    expect(acksDelivered(asWritten)).not.toEqual([]);
    // …and the workflow returns with it still in the outbox: the alert is lost.
    expect(asWritten.ended).toBe(true);
    // Waiting lanes try the alert (refused too, in that minute: recorded, never alerted on) and end.
    const waiting = runScenario(sc, { laneExit: 'outbox-empty' });
    expect(waiting.final.outbox).toEqual([]);
    expect(waiting.final.delivery.undeliverable.map((u) => u.key)).toEqual(['exemption', 'undeliverable/exemption']);
    expect(waiting.ended).toBe(true);
    expect(violations(waiting)).toEqual([]);
  });
});

describe('a race outside the regime (driver and activity)', () => {
  it('race (driver): a worker back on Monday may send Friday\'s "3 working days" reminder before the workflow reissues it', () => {
    // Found with the model's activitiesFirst ordering (an activity task reaching the worker before the
    // workflow task with the day-change timer, both due while the worker was down). Mail down 13/01 →
    // 16/01 08:01, worker down 16/01 08:01 → 19/01 08:01: the retry of reminder/2026-01-21/3, issued on
    // Friday 16/01, goes out on Monday 19/01. The regime cannot see it; deliverNotice could refuse a step
    // notice whose issuedAt is not today (and let the driver tick). In the default order it is reissued.
    const sc = janScenario({
      outages: [{ from: at('2026-01-13T00:00:00+07:00'), to: at('2026-01-16T08:01:00+07:00') }],
      downs: [{ from: at('2026-01-16T08:01:00+07:00'), to: at('2026-01-19T08:01:00+07:00') }],
    });
    expect(noStaleMeaning(runScenario(sc, { activitiesFirst: true }))).toEqual(['reminder/2026-01-21/3 issued on 2026-01-16 delivered on 2026-01-19']);
    const ordered = runScenario(sc);
    expect(mails(ordered)).toContain('2026-01-19T08:01:00+07:00 reminder/2026-01-21/3/catch-up/2026-01-19');
    expect(violations(ordered)).toEqual([]);
  });
});

describe('the driver model itself', () => {
  it('a worker down for two days wakes late: the steps it slept through collapse into one notice on waking', () => {
    // Down from 15/06 07:00 to 17/06 10:00: the last-day reminder expired unsent, the overdue step is
    // issued on waking (its own key: nothing meaningful to stand for), on the day it is issued.
    const t = runScenario(quiet({ downs: [{ from: at('2026-06-15T07:00:00+07:00'), to: at('2026-06-17T10:00:00+07:00') }] }));
    expect(mails(t).slice(3)).toEqual(['2026-06-17T10:00:00+07:00 escalation/2026-06-15/overdue', '2026-06-18T08:00:00+07:00 escalation/2026-06-15/director']);
    // The lapsed reminder is named by the overdue notice, and so counts as superseded once that is delivered.
    expect(t.final.steps.find((r) => r.key === 'reminder/2026-06-15/0')?.outcome).toBe('superseded');
    expectAllInvariants(t);
  });

  it('nextWake after the ladder is null, and head(steps) is empty once the agency has reported', () => {
    const t = runScenario(quiet({ events: [{ at: at('2026-06-11T09:00:00+07:00'), action: { type: 'submit' } }] }));
    expect(nextWake(t.final)).toBeNull();
    expect(head(t.final, 'steps')).toBeNull();
    expect(mails(t)).toEqual(['2026-06-04T08:00:00+07:00 reminder/2026-06-15/7', '2026-06-10T08:00:00+07:00 reminder/2026-06-15/3', '2026-06-11T09:00:00+07:00 receipt/1']);
    expect(t.endAt).toBeLessThan(at('2026-06-12T00:00:00+07:00') + DAY);
  });
});
