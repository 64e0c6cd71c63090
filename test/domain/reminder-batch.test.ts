/**
 * Batched reminders (src/reporting/reminderBatch.ts): what the agency tells the cycle's batch to send at an
 * instant, and when the agency sends its own instead.
 *
 * Hand-computed on the 2026 calendar (seed 004, Sơn La, H1 2026): "trước ngày 15/6" → Sunday 14/6 → last
 * day Monday 15/06/2026; reminders at 08:00 on the 7th, 3rd and 1st working day before and on the day:
 * Thu 04/06, Wed 10/06, Fri 12/06, Mon 15/06 (no public holiday in June 2026).
 *
 * The cycle decides from its own view (reported, exempted, extended: each signalled to it before the agency's
 * Update completes); a property checks over random histories of the agency that this view sends exactly the
 * notice the agency would issue, and that where the agency would not (a notice of its own in flight) its own
 * notice for the step has the same key, so the sent log never lets a second message out.
 *
 * The second property: whatever the order of the batch's query, its send, its lost or late signal, the agency's
 * submission and the agency's own wake after the grace, a reminder goes out at most once per step (the
 * sent log keys by the notice key), a pending agency is reminded by the end of the grace, and the agency
 * records exactly one delivery of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, head, initRegime, laneOf, nextWake, settled, validate, type Command, type RegimeState } from '../../src/reporting/regime.js';
import { BATCH_GRACE_MS, batchIsLate, batchedReminder, cycleReminder, wakeWithBatch } from '../../src/reporting/reminderBatch.js';
import { MINUTE, iso, msOf, scheduleFor } from '../support/regimeDriver.js';

const schedule = scheduleFor('2026-06-14');
const first = '2026-06-04T08:00:00+07:00';
const second = '2026-06-10T08:00:00+07:00';
const batched = new Set(schedule.reminders.map((r) => msOf(r.at)));
const start = (now = '2026-06-01T09:00:00+07:00'): RegimeState =>
  initRegime({ agencyId: 'so-tai-chinh', role: 'agency', period: '2026-H1', kind: 'periodic', schedule, now, proofGate: true }).state;
const submit = (s: RegimeState, at: string) =>
  apply(s, { type: 'submit', at, submission: { sha256: 'a'.repeat(64), size: 100, summary: { tasks: [], targets: [] } as never } }).state;
/** What the agency does on the batch's signal: its timer's tick at the instant and its lane's delivery. */
const takeBatch = (s: RegimeState, instant: string, key: string, at: string) =>
  apply(apply(s, { type: 'tick', at: instant }).state, { type: 'delivered', at, key, messageId: `<${key}@batch>` }).state;

describe('the reminder the cycle may send for an agency', () => {
  it('is the first issue of the step due at that instant, with its own key', () => {
    expect(schedule.reminders.map((r) => r.at)).toEqual([first, second, '2026-06-12T08:00:00+07:00', '2026-06-15T08:00:00+07:00']);
    const n = batchedReminder(start(), first)!;
    expect(n.key).toBe('reminder/2026-06-15/7');
    expect(n.step.level).toBe('reminder');
    expect(n.catchUp).toBeNull();
    expect(n.issuedAt).toBe(first);
  });

  it('is nothing at an instant that is not a reminder, or once the agency reported, was exempted or closed', () => {
    expect(batchedReminder(start(), '2026-06-04T09:00:00+07:00')).toBeNull();
    expect(batchedReminder(submit(start(), '2026-06-03T10:00:00+07:00'), first)).toBeNull();
    expect(batchedReminder(apply(start(), { type: 'exempt', at: '2026-06-03T10:00:00+07:00', reason: 'Sáp nhập' }).state, first)).toBeNull();
    expect(batchedReminder(apply(start(), { type: 'close', at: '2026-06-03T10:00:00+07:00' }).state, first)).toBeNull();
  });

  it('is nothing at the old instant once an extension moved the last day (to Tue 30/06: its first reminder Fri 19/06)', () => {
    const asked = apply(start(), { type: 'request-extension', at: '2026-06-02T10:00:00+07:00', lastDay: '2026-06-30', reason: 'Chờ số liệu quý' }).state;
    const extended = apply(asked, {
      type: 'decide-extension',
      at: '2026-06-03T10:00:00+07:00',
      approved: true,
      lastDay: '2026-06-30',
      reason: 'Đồng ý',
      schedule: scheduleFor('2026-06-30'),
    }).state;
    expect(batchedReminder(extended, first)).toBeNull();
    expect(scheduleFor('2026-06-30').reminders[0]!.at).toBe('2026-06-19T08:00:00+07:00');
  });

  it('is nothing before the workflow started (the regime sends nothing from before its start)', () => {
    expect(batchedReminder(start('2026-06-05T09:00:00+07:00'), first)).toBeNull();
  });

  it('is nothing once the step was issued, by the batch or by the agency; the next instant is the next reminder', () => {
    const s = takeBatch(start(), first, 'reminder/2026-06-15/7', first);
    expect(batchedReminder(s, first)).toBeNull();
    expect(batchedReminder(s, second)!.key).toBe('reminder/2026-06-15/3');
  });

  it('is nothing while a reminder of the agency is still undelivered: its own lane sends the catch-up', () => {
    const issued = apply(start(), { type: 'tick', at: first }).state;
    expect(head(issued, 'steps')?.key).toBe('reminder/2026-06-15/7');
    expect(batchedReminder(issued, second)).toBeNull();
  });
});

describe('a cycle woken late', () => {
  it('batches up to a quarter of an hour after the instant, then leaves it to the agencies (their grace ends at half an hour)', () => {
    expect(batchIsLate(first, msOf(first) + 14 * MINUTE)).toBe(false);
    expect(batchIsLate(first, msOf(first) + 15 * MINUTE)).toBe(true);
  });
});

describe("the agency's own wake at a batched instant", () => {
  it('is the end of the grace while the batch may still come, the instant itself otherwise', () => {
    const s = start();
    expect(nextWake(s)).toBe(first);
    expect(wakeWithBatch(s, nextWake(s), batched)).toBe(iso(msOf(first) + BATCH_GRACE_MS));
    expect(BATCH_GRACE_MS).toBe(30 * MINUTE);
    expect(wakeWithBatch(s, nextWake(s), new Set())).toBe(first);
    // After the batch's delivery the agency's next wake is its own: the look at the delivery log an hour on
    // (issue 15's proof of notice, BOUNCE_LOOK_MS), then, told, the next reminder's grace.
    const after = takeBatch(s, first, 'reminder/2026-06-15/7', first);
    expect(wakeWithBatch(after, nextWake(after), batched)).toBe('2026-06-04T09:00:00+07:00');
    const proven = apply(after, {
      type: 'proof-of-notice',
      at: '2026-06-04T09:00:00+07:00',
      proven: true,
      unreachable: [],
      nextContact: null,
      recheckAt: null,
      nextMorning: '2026-06-05T08:00:00+07:00',
    }).state;
    expect(wakeWithBatch(proven, nextWake(proven), batched)).toBe(iso(msOf(second) + BATCH_GRACE_MS));
  });
});

/** One reminder instant, the batch and the agency racing; the sent log keys messages by notice key. */
describe('a batched reminder under any order of events', () => {
  const scenario = fc.record({
    // The batch asks at the instant plus this (the cycle woke late, or after a restart).
    queryDelay: fc.integer({ min: 0, max: 45 * MINUTE }),
    // The relay accepted the batch's message (else the batch leaves it to the agency).
    accepted: fc.boolean(),
    // The signal reaches the agency this long after the send, or never (the activity died after sending).
    signalDelay: fc.option(fc.integer({ min: 0, max: 45 * MINUTE }), { nil: null }),
    // The agency reports at this offset from the instant (negative: before), or not at all.
    submitAt: fc.option(fc.integer({ min: -60 * MINUTE, max: 60 * MINUTE }), { nil: null }),
  });

  it('sends each step at most once, for its own instant, reminds a pending agency within the grace, and records one delivery', () => {
    fc.assert(
      fc.property(scenario, ({ queryDelay, accepted, signalDelay, submitAt }) => {
        const t0 = msOf(first);
        let s = start();
        const sent = new Map<string, { t: number; issuedAt: string }>(); // key → when the relay first accepted it
        type Ev = { t: number; order: number; run: () => void };
        const events: Ev[] = [];
        /** The agency's lane delivers what its steps lane holds (same key as the batch's). */
        const laneDelivers = (t: number) => {
          const n = head(s, 'steps');
          if (n?.type !== 'step' || n.step.level !== 'reminder') return;
          if (!sent.has(n.key)) sent.set(n.key, { t, issuedAt: n.issuedAt });
          s = apply(s, { type: 'delivered', at: iso(t), key: n.key, messageId: `<${n.key}@agency>` }).state;
        };
        // The batch: query, send (if the relay accepts), then its signal: delivered, or "yours" when refused.
        events.push({
          t: t0 + queryDelay,
          order: 1,
          run: () => {
            // A cycle woken late (its worker was down) leaves the instant to the agencies.
            if (batchIsLate(first, t0 + queryDelay)) return;
            const n = batchedReminder(s, first);
            if (!n) return;
            if (accepted && !sent.has(n.key)) sent.set(n.key, { t: t0 + queryDelay, issuedAt: n.issuedAt });
            if (signalDelay === null) return;
            events.push({
              t: t0 + queryDelay + signalDelay,
              order: 2,
              run: () => {
                if (batchedReminder(s, first)?.key !== n.key) return;
                if (accepted) s = takeBatch(s, first, n.key, iso(t0 + queryDelay));
                else {
                  s = apply(s, { type: 'tick', at: first }).state;
                  laneDelivers(t0 + queryDelay + signalDelay);
                }
              },
            });
          },
        });
        // The agency's submission.
        if (submitAt !== null) events.push({ t: t0 + submitAt, order: 0, run: () => void (s = submit(s, iso(t0 + submitAt))) });
        // The agency's own wake at the grace's end, if the reminder is still due: issued for its instant, then delivered.
        events.push({
          t: t0 + BATCH_GRACE_MS,
          order: 3,
          run: () => {
            if (wakeWithBatch(s, nextWake(s), batched) !== iso(t0 + BATCH_GRACE_MS)) return;
            s = apply(s, { type: 'tick', at: first }).state;
            laneDelivers(t0 + BATCH_GRACE_MS);
          },
        });
        while (events.length) {
          events.sort((a, b) => a.t - b.t || a.order - b.order);
          events.shift()!.run();
        }
        const pendingAtInstant = submitAt === null || submitAt >= 0;
        const stepKeys = [...sent.keys()].map((k) => k.replace(/\/catch-up\/.*$/, ''));
        expect(new Set(stepKeys).size, 'one message per step').toBe(stepKeys.length);
        for (const [key, m] of sent) expect(m.issuedAt, `${key} is issued for its own instant`).toBe(first);
        if (pendingAtInstant && (submitAt === null || submitAt > BATCH_GRACE_MS)) {
          expect(sent.has('reminder/2026-06-15/7'), 'a pending agency is reminded').toBe(true);
          expect(sent.get('reminder/2026-06-15/7')!.t).toBeLessThanOrEqual(t0 + BATCH_GRACE_MS);
        }
        if (!pendingAtInstant) expect(sent.size, 'an agency that reported before the instant is not reminded').toBe(0);
        const delivered = s.steps.filter((x) => x.key === 'reminder/2026-06-15/7' && x.outcome === 'delivered');
        expect(delivered.length).toBeLessThanOrEqual(1);
      }),
      { seed: 20261215, numRuns: 500 },
    );
  });
});

describe("the cycle's notice against the agency's own, over random histories before the instant", () => {
  const t = (from: string, to: string) => fc.integer({ min: msOf(from), max: msOf(to) - 1000 }).map((x) => iso(Math.floor(x / 1000) * 1000));
  const window = { from: '2026-06-01T09:00:01+07:00', to: second };
  const command = fc.oneof(
    t(window.from, window.to).map((at): Command => ({ type: 'tick', at })),
    t(window.from, window.to).map((at): Command => ({ type: 'resend-link', at, by: 'Chuyên viên' })),
    t(window.from, window.to).map((at): Command => ({ type: 'submit', at, submission: { sha256: 'b'.repeat(64), size: 10, summary: { tasks: [], targets: [] } as never } })),
    t(window.from, window.to).map((at): Command => ({ type: 'exempt', at, reason: 'Sáp nhập' })),
    t(window.from, window.to).map((at): Command => ({ type: 'request-extension', at, lastDay: '2026-06-30', reason: 'Chờ số liệu' })),
    t(window.from, window.to).map((at): Command => ({
      type: 'decide-extension',
      at,
      approved: true,
      lastDay: '2026-06-30',
      reason: 'Đồng ý',
      schedule: scheduleFor('2026-06-30'),
    })),
    // The lanes deliver what they hold (or not, when the relay is down: the notice stays in flight).
    t(window.from, window.to).map((at): Command => ({ type: 'delivered', at, key: '', messageId: '<x@test>' })),
  );
  const history = fc.array(command, { maxLength: 12 }).map((cs) => cs.sort((a, b) => msOf(a.at) - msOf(b.at)));

  it('sends what the agency would issue, and never a message with another key than the agency would', () => {
    let compared = 0;
    let inFlight = 0;
    fc.assert(
      fc.property(history, fc.constantFrom(first, second), (commands, instant) => {
        let s = start();
        for (const c of commands) {
          if (msOf(c.at) >= msOf(instant)) break;
          // A delivery is of whatever the lane holds at that moment.
          const cmd = c.type === 'delivered' ? (s.outbox[0] ? { ...c, key: s.outbox[0].key } : null) : c;
          if (cmd && validate(s, cmd).length === 0) s = apply(s, cmd).state;
        }
        // The cycle's view: reported or exempted, and the last day, are what the agency signalled it.
        const cycleSends = !settled(s) && s.schedule.lastDay === schedule.lastDay ? cycleReminder(schedule, instant) : null;
        const agency = batchedReminder(s, instant);
        if (agency) {
          compared++;
          expect(cycleSends).toEqual(agency);
        }
        if (cycleSends && !agency) {
          // The agency would issue it itself (its own lane held a notice): with the same key, or not at all.
          const own = apply(s, { type: 'tick', at: instant }).notices.filter((n) => laneOf(n) === 'steps' && n.type === 'step' && n.step.key === cycleSends.step.key);
          inFlight += head(s, 'steps') ? 1 : 0;
          for (const n of own) expect(n.key).toBe(cycleSends.key);
        }
      }),
      { seed: 20261216, numRuns: 1000 },
    );
    // Both cases were generated (not a property that holds for want of examples).
    expect(compared).toBeGreaterThan(100);
    expect(inFlight).toBeGreaterThan(20);
  });
});
