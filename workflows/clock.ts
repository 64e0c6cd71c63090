/**
 * Business time inside workflows. In production the offset is 0 and this is workflow time. A simulation
 * of a past date runs on the time-skipping server (whose clock starts today) with a fixed offset, so
 * every timer and every "sent at" stays on the plan's real calendar.
 */
import { condition, sleep } from '@temporalio/workflow';

export class BusinessClock {
  constructor(private readonly offsetMs = 0) {}

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Now as an ISO instant in Vietnam's fixed offset (+07:00, no daylight saving), like the calendar's. */
  nowIso(): string {
    return new Date(this.nowMs() + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
  }

  /**
   * Waits and "is it past" are counted to the instant's whole second, rounded up: `nowIso` writes now to
   * the second, so a wake inside an instant's second would be told a "now" before the instant, issue
   * nothing and come back to the same past wake, looping in one activation until the isolate timeout.
   */
  msUntil(instant: string): number {
    return Math.max(0, wholeSecondAfter(instant) - this.nowMs());
  }

  isPast(instant: string): boolean {
    return wholeSecondAfter(instant) <= this.nowMs();
  }

  async sleepUntil(instant: string): Promise<void> {
    const ms = this.msUntil(instant);
    if (ms > 0) await sleep(ms);
  }

  /** Waits until `fn` is true or the instant comes; true when `fn` became true. */
  async until(fn: () => boolean, instant: string): Promise<boolean> {
    const ms = this.msUntil(instant);
    if (ms <= 0) return fn();
    return condition(fn, ms);
  }
}

/** The instant rounded up to its whole second (itself when it has no fraction). */
const wholeSecondAfter = (instant: string) => Math.ceil(Date.parse(instant) / 1000) * 1000;
