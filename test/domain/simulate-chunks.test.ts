import { describe, expect, it } from 'vitest';
import { chunkScript } from '../../src/simulate/chunks.js';
import type { ScriptStep } from '../../src/simulate/scriptActivities.js';
import { concurrentGroups } from '../../workflows/simulationScriptWorkflow.js';

const approve = (at: string): ScriptStep => ({ at, action: 'approve', planId: 'p', period: '2026' });
const DAY = 86_400_000;
const span = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY;
/** The test server times out any execution longer than 3,650 days. */
const CAP_DAYS = 3650;

describe('a simulation script cut into executions the time-skipping server accepts', () => {
  it('a 2026–2035 script (3,652 days less 8 hours) becomes executions of at most a year each, steps in order, none lost', () => {
    const steps = Array.from({ length: 20 }, (_, i) => approve(`${2026 + Math.floor(i / 2)}-${i % 2 ? '12-11' : '06-16'}T09:00:00+07:00`));
    const startAt = '2026-01-01T08:00:00+07:00';
    const endAt = '2035-12-31T23:59:59+07:00';
    expect(span(startAt, endAt)).toBeGreaterThan(CAP_DAYS);
    const chunks = chunkScript(steps, startAt, endAt);
    expect(chunks.flatMap((c) => c.steps)).toEqual(steps);
    let from = startAt;
    for (const c of chunks) {
      expect(span(from, c.endAt)).toBeLessThanOrEqual(366);
      for (const s of c.steps) expect(Date.parse(s.at)).toBeLessThanOrEqual(Date.parse(c.endAt));
      from = c.endAt;
    }
    expect(chunks.at(-1)!.endAt).toBe(endAt);
  });

  it('a chunk ends strictly between two step instants, never on one, and steps at one instant stay together', () => {
    const same = '2026-06-16T09:00:00+07:00';
    const steps = [approve('2026-06-10T09:00:00+07:00'), approve(same), approve(same), approve(same), approve('2026-06-20T09:00:00+07:00')];
    const chunks = chunkScript(steps, '2026-06-01T08:00:00+07:00', '2026-06-30T23:59:59+07:00', { maxDays: 366, maxSteps: 1 });
    expect(chunks.map((c) => c.steps.length)).toEqual([1, 3, 1]);
    expect(chunks[0]!.endAt).toBe('2026-06-13T02:00:00.000Z');
    for (const c of chunks.slice(0, -1)) expect(steps.some((s) => Date.parse(s.at) === Date.parse(c.endAt))).toBe(false);
  });

  it('a horizon with no step at all still runs in executions under the cap', () => {
    const chunks = chunkScript([], '2026-01-01T08:00:00+07:00', '2046-01-01T08:00:00+07:00');
    let from = '2026-01-01T08:00:00+07:00';
    for (const c of chunks) {
      expect(span(from, c.endAt)).toBeLessThanOrEqual(366);
      from = c.endAt;
    }
    expect(from).toBe('2046-01-01T08:00:00+07:00');
  });
});

describe('steps of a script that run at once', () => {
  const at = '2026-06-05T08:00:00+07:00';
  const submit = (agencyId: string, when = at): ScriptStep => ({
    at: when,
    action: 'submit',
    planId: 'p',
    period: '2026-H1',
    agencyId,
    stored: { sha256: agencyId, size: 1, summary: {} as never },
  });

  it('the submissions of different agencies at one instant form one group; the approval after them waits for all', () => {
    const steps = [submit('so-a'), submit('so-b'), submit('so-c'), approve(at), submit('so-a', '2026-06-06T08:00:00+07:00')];
    expect(concurrentGroups(steps).map((g) => g.length)).toEqual([3, 1, 1]);
    expect(concurrentGroups(steps).flat()).toEqual(steps);
  });

  it('two steps for the same agency at one instant stay one after the other', () => {
    const steps = [submit('so-a'), submit('so-b'), submit('so-a')];
    expect(concurrentGroups(steps).map((g) => g.map((s) => ('agencyId' in s ? s.agencyId : s.action)))).toEqual([['so-a', 'so-b'], ['so-a']]);
  });
});
