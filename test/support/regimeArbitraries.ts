/**
 * Random scenarios for the regime's property tests: a real 2026/2027 schedule (src/calendar, with the
 * announced days off), a start anywhere from before the first reminder to after the ladder, and a
 * timeline of submissions, extensions, exemptions, signals, mail outages of any length, permanent
 * refusals and worker downtime. Event times are drawn either freely or exactly at a step's instant, so
 * ties (a report at 08:00 sharp, an outage ending as a step falls due) are explored too.
 */
import fc from 'fast-check';
import { stepsOf } from '../../src/reporting/regime.js';
import { DAY, DEFAULT_POLICIES, HOUR, MINUTE, msOf, plusDays, scheduleFor, type Action, type Policies, type Scenario, type Window } from './regimeDriver.js';

const policiesArb: fc.Arbitrary<Policies> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(DEFAULT_POLICIES) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        before: fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { maxLength: 4 }),
        after: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
        at: fc.constantFrom('08:00', '07:30', '13:45'),
      })
      .map(({ before, after, at }) => {
        const levels = ['overdue', 'director', 'leader-digest'] as const;
        const days = [...after].sort((a, b) => a - b);
        return {
          reminders: { workingDaysBefore: before, at },
          escalation: { at, steps: days.map((d, i) => ({ workingDaysAfter: d, level: levels[i]! })) },
        };
      }),
  },
);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ type: 'submit' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 15 }).map((days) => ({ type: 'request-extension' as const, days })) },
  { weight: 3, arbitrary: fc.record({ approved: fc.boolean(), days: fc.integer({ min: -2, max: 15 }) }).map((d) => ({ type: 'decide-extension' as const, ...d })) },
  { weight: 1, arbitrary: fc.constant({ type: 'exempt' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'leader-reached' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'consolidated-sent' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'close' as const }) },
);

/**
 * A point in time: free (minutes after the start), at one of the schedule's steps (± a minute), or at the
 * midnight after a step (± a second: the day change that reissues or expires a pending notice).
 */
const whenArb = fc.oneof(
  fc.record({ free: fc.integer({ min: 0, max: 30 * 24 * 60 }) }),
  fc.record({ step: fc.nat({ max: 9 }), delta: fc.integer({ min: -1, max: 1 }) }),
  fc.record({ midnightAfter: fc.nat({ max: 9 }), seconds: fc.integer({ min: -1, max: 1 }) }),
);
type When = { free: number } | { step: number; delta: number } | { midnightAfter: number; seconds: number };

const durationArb = fc.oneof(
  fc.integer({ min: 1, max: 180 }).map((m) => m * MINUTE),
  fc.integer({ min: 3 * 60, max: 3 * 24 * 60 }).map((m) => m * MINUTE),
  fc.integer({ min: 3 * 24 * 60, max: 12 * 24 * 60 }).map((m) => m * MINUTE),
);
const windowArb = fc.record({ when: whenArb, duration: durationArb });

export interface RawScenario {
  role: 'agency' | 'standing';
  kind: 'periodic' | 'adhoc';
  /** Days after 01/01/2026 of the stated last day. */
  lastDayIndex: number;
  policies: Policies;
  /** Minutes relative to the first reminder (or the last day at 08:00 when there is none). */
  startOffsetMin: number;
  events: { when: When; action: Action }[];
  outages: { when: When; duration: number }[];
  refusals: { when: When; duration: number }[];
  downs: { when: When; duration: number }[];
  budgetMs: number;
  usersFirst: boolean;
  closeAtEnd: boolean;
}

export const rawScenarioArb: fc.Arbitrary<RawScenario> = fc.record({
  role: fc.constantFrom('agency', 'agency', 'agency', 'standing'),
  kind: fc.constantFrom('periodic', 'periodic', 'periodic', 'adhoc'),
  lastDayIndex: fc.integer({ min: 20, max: 400 }),
  policies: policiesArb,
  startOffsetMin: fc.integer({ min: -10 * 24 * 60, max: 20 * 24 * 60 }),
  events: fc.array(fc.record({ when: whenArb, action: actionArb }), { maxLength: 8 }),
  outages: fc.array(windowArb, { maxLength: 3 }),
  refusals: fc.array(
    windowArb.map((w) => ({ ...w, duration: Math.min(w.duration, 6 * HOUR) })),
    { maxLength: 1 },
  ),
  downs: fc.array(
    windowArb.map((w) => ({ ...w, duration: Math.min(w.duration, 7 * DAY) })),
    { maxLength: 2 },
  ),
  budgetMs: fc.constantFrom(30 * MINUTE, 4 * HOUR, DAY),
  usersFirst: fc.boolean(),
  closeAtEnd: fc.boolean(),
});

/** From the drawn numbers to a scenario on the real calendar. */
export function buildScenario(r: RawScenario): Scenario {
  const kind = r.kind;
  const role = kind === 'adhoc' ? 'agency' : r.role;
  const full = scheduleFor(plusDays('2026-01-01', r.lastDayIndex), r.policies);
  const anchor = msOf(full.reminders[0]?.at ?? `${full.lastDay}T08:00:00+07:00`);
  const startAt = anchor + r.startOffsetMin * MINUTE;
  // An ad-hoc request keeps only the reminders still ahead of it (src/reporting/cycles.ts adhocCycleSpec).
  const schedule = kind === 'adhoc' ? { ...full, reminders: full.reminders.filter((x) => msOf(x.at) > startAt) } : full;
  const instants = stepsOf({ schedule: full, role: 'standing' }).map((s) => msOf(s.at));
  const stepAt = (i: number) => instants[i % Math.max(1, instants.length)] ?? startAt;
  // Vietnam has no daylight saving: its midnight is 17:00 UTC.
  const midnightAfter = (t: number) => Math.floor((t + 7 * HOUR) / DAY) * DAY + DAY - 7 * HOUR;
  const at = (w: When) => ('free' in w ? startAt + w.free * MINUTE : 'step' in w ? stepAt(w.step) + w.delta * MINUTE : midnightAfter(stepAt(w.midnightAfter)) + w.seconds * 1000);
  const windows = (ws: { when: When; duration: number }[]): Window[] => ws.map((w) => ({ from: at(w.when), to: at(w.when) + w.duration }));
  // The cycle signals leader-reached when it sends the leader's digest: never before the digest's step.
  const digestAt = full.escalations.find((e) => e.level === 'leader-digest')?.at;
  const events = r.events
    .filter((e) => e.action.type !== 'leader-reached' || digestAt !== undefined)
    .map((e) => ({ at: Math.max(startAt, at(e.when), e.action.type === 'leader-reached' ? msOf(digestAt!) : 0), action: e.action }));
  const outages = windows(r.outages);
  const refusals = windows(r.refusals);
  const downs = windows(r.downs);
  if (r.closeAtEnd) {
    // The cycle closes the period once every ladder is over: well after the last event and extension.
    const last = Math.max(startAt, msOf(full.dueAt), ...events.map((e) => e.at), ...[...outages, ...refusals, ...downs].map((w) => w.to));
    events.push({ at: last + 60 * DAY, action: { type: 'close' } });
  }
  return { role, kind, startAt, schedule, policies: r.policies, events, outages, refusals, downs, budgetMs: r.budgetMs, usersFirst: r.usersFirst };
}

export const scenarioArb: fc.Arbitrary<Scenario> = rawScenarioArb.map(buildScenario);

/**
 * The same scenarios with the proof gate on (issue 15): the delivery log shows the agency told from a
 * random instant (or never), sometimes after a bounce that leaves one other contact to try.
 */
export const gatedScenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(scenarioArb, fc.option(fc.integer({ min: -2 * 24 * 60, max: 30 * 24 * 60 }), { nil: null, freq: 3 }), fc.boolean())
  .map(([sc, provenMin, fallback]) => {
    // A held step is looked at every morning until the period closes: the cycle always closes it (after
    // its ladders), so the gated scenarios always end with a close.
    const events = sc.events.some((e) => e.action.type === 'close')
      ? sc.events
      : [
          ...sc.events,
          {
            at: Math.max(sc.startAt, msOf(sc.schedule.dueAt), ...sc.events.map((e) => e.at), ...[...sc.outages, ...sc.refusals, ...sc.downs].map((w) => w.to)) + 60 * DAY,
            action: { type: 'close' as const },
          },
        ];
    return { ...sc, events, proof: { provenAt: provenMin === null ? null : sc.startAt + provenMin * MINUTE, fallback } };
  });
