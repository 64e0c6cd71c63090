/**
 * Batched reminders (src/reporting/reminderBatch.ts): what the agency tells the cycle's batch to send at an
 * instant, and when the agency sends its own instead.
 *
 * Hand-computed on the 2026 calendar (seed 004, Sơn La, H1 2026): "trước ngày 15/6" → Sunday 14/6 → last
 * day Monday 15/06/2026; reminders at 08:00 on the 7th, 3rd and 1st working day before and on the day:
 * Thu 04/06, Wed 10/06, Fri 12/06, Mon 15/06 (no public holiday in June 2026).
 *
 * The property: whatever the order of the batch's query, its send, its lost or late signal, the agency's
 * submission and the agency's own wake after the grace, a reminder goes out at most once per step (the
 * sent log keys by the notice key), a pending agency is reminded by the end of the grace, and the agency
 * records exactly one delivery of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, head, initRegime, nextWake, type RegimeState } from '../../src/reporting/regime.js';
import { BATCH_GRACE_MS, batchedReminder, wakeWithBatch } from '../../src/reporting/reminderBatch.js';
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
