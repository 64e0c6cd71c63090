import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import type { Plan } from '../../src/plan/schema.js';
import { cyclesOfYear } from '../../src/reporting/cycles.js';
import type { AgencyStatus, CycleSpec } from '../../src/reporting/types.js';
import { projectRoot } from '../../src/runtime/tools.js';
import { planSummary, type PlanRun } from '../../src/web/planSummary.js';

/**
 * The plans list's line per plan. Expected values come from the seed documents' reporting sentences and
 * the 2026 calendar, worked out by hand (BRIEF section 3), not from the code.
 */
const seed = (name: string) => loadPlanOrThrow(join(projectRoot, 'plans', `${name}.yaml`));
const at = (iso: string) => Date.parse(iso);

const status = (spec: CycleSpec, agencyId: string, state: AgencyStatus['state']): AgencyStatus => {
  const o = spec.agencies.find((a) => a.agencyId === agencyId) ?? spec.agencies[0]!;
  return {
    agencyId,
    role: 'agency',
    period: spec.period,
    state,
    lastDay: o.lastDay,
    dueAt: o.dueAt,
    submittedAt: state.startsWith('submitted') ? o.dueAt : null,
    revisions: state.startsWith('submitted') ? 1 : 0,
    remindersSent: [],
    escalationLevel: null,
    digestAt: null,
    ladderEndsAt: o.dueAt,
    exemption: null,
    extensions: [],
    extensionRequest: null,
    closed: false,
  };
};
const cycleOf = (spec: CycleSpec, phase: PlanRun['cycles'][number]['phase'], states: Record<string, AgencyStatus['state']> = {}) => ({
  period: spec.period,
  cycle: spec,
  phase,
  agencies: spec.agencies.map((a) => status(spec, a.agencyId, states[a.agencyId] ?? 'pending')),
  standing: null,
});

describe('plans list: live period, next deadline, state', () => {
  it('Thái Nguyên 227/KH-UBND on 01/12/2026, not started: the 2026 annual report, agencies due 14/12/2026 ("trước ngày 15 tháng 12 hằng năm", a Monday)', async () => {
    const s = planSummary(await seed('thai-nguyen-227-kh-ubnd-2021'), null, at('2026-12-01T08:00:00+07:00'));
    expect(s.state).toBe('not-started');
    expect(s.live).toMatchObject({ period: '2026', phase: 'not-open' });
    expect(s.nextDeadline).toEqual({ lastDay: '2026-12-14', who: 'agencies', period: '2026', assumed: false });
  });

  it('Sơn La, 03/06/2026: the 6-month report, "trước ngày 15/6" → Sunday 14/6 → Monday 15/06/2026', async () => {
    const s = planSummary(await seed('son-la-37-ct-tw-2024'), null, at('2026-06-03T09:00:00+07:00'));
    expect(s.live).toMatchObject({ period: '2026-H1', phase: 'not-open' });
    expect(s.nextDeadline).toMatchObject({ lastDay: '2026-06-15', who: 'agencies', period: '2026-H1' });
  });

  it('Sơn La after 15/06/2026: the annual report "trước ngày 10/12" → 09/12/2026 (a Wednesday)', async () => {
    const plan = await seed('son-la-37-ct-tw-2024');
    const s = planSummary(plan, null, at('2026-06-20T09:00:00+07:00'));
    expect(s.live?.period).toBe('2026');
    expect(s.nextDeadline?.lastDay).toBe('2026-12-09');
  });

  it('a newer ad-hoc request does not hide the 6-month collection: the live period stays 2026-H1, with its overdue agency', async () => {
    const plan = await seed('son-la-37-ct-tw-2024');
    const h1 = cyclesOfYear(plan, 2026).find((c) => c.period === '2026-H1')!;
    const late = h1.agencies[0]!.agencyId;
    const adhoc: CycleSpec = { ...h1, period: 'DX-20260617-1', periodLabel: 'đột xuất: tình hình lao động (hạn 24/06/2026)', kind: 'adhoc', dueAt: '2026-06-24T23:59:59+07:00' };
    const run: PlanRun = { dispatched: true, nextCycle: null, cycles: [cycleOf(h1, 'collecting', { [late]: 'overdue' }), cycleOf(adhoc, 'collecting')] };
    const s = planSummary(plan, run, at('2026-06-17T09:00:00+07:00'));
    expect(s.live).toMatchObject({ period: '2026-H1', overdue: 1, received: 0, expected: h1.agencies.length });
    expect(s.state).toBe('overdue');
    expect(s.openAdhoc).toBe(1);
    expect(s.nextDeadline).toMatchObject({ period: '2026-H1', lastDay: '2026-06-15' });
  });

  it('a draft waiting for approval is said so; once every report is in and sent, the plan waits for its next period', async () => {
    const plan = await seed('son-la-37-ct-tw-2024');
    const h1 = cyclesOfYear(plan, 2026).find((c) => c.period === '2026-H1')!;
    const all = Object.fromEntries(h1.agencies.map((a) => [a.agencyId, 'submitted' as const]));
    const draft = planSummary(plan, { dispatched: true, nextCycle: null, cycles: [cycleOf(h1, 'draft-sent', all)] }, at('2026-06-16T09:00:00+07:00'));
    expect(draft.state).toBe('awaiting-approval');
    expect(draft.live).toMatchObject({ received: h1.agencies.length, expected: h1.agencies.length });
    const year = cyclesOfYear(plan, 2026).find((c) => c.period === '2026')!;
    const closed = planSummary(
      plan,
      { dispatched: true, nextCycle: { period: '2026', opensAt: year.opensAt, dueAt: year.dueAt }, cycles: [cycleOf(h1, 'closed', all)] },
      at('2026-07-20T09:00:00+07:00'),
    );
    expect(closed.state).toBe('waiting');
    expect(closed.nextDeadline).toMatchObject({ period: '2026', lastDay: '2026-12-09' });
  });

  it.each([
    ['an-giang-06-nq-cp-2023', 'horizon 2023–2025, "trước ngày 15 tháng 12 hằng năm"'],
    ['ninh-thuan-06-nq-cp-2023', 'horizon 2023–2025, annual default assumed'],
    ['thai-binh-4263-ubnd-kgvx-2021', 'an official letter of 2021, no periodic report'],
  ])('%s on 01/12/2026 has ended (%s): no live period, no deadline, whether started or not', async (name) => {
    const plan: Plan = await seed(name);
    for (const run of [null, { dispatched: true, nextCycle: null, cycles: [] }]) {
      const s = planSummary(plan, run, at('2026-12-01T08:00:00+07:00'));
      expect(s.state).toBe('ended');
      expect(s.nextDeadline).toBeNull();
      expect(s.live).toBeNull();
    }
  });

  it('Ninh Thuận in 2025, before its horizon ends: the assumed annual deadline "trước ngày 15/12" → Sunday 14/12 → Monday 15/12/2025, flagged assumed', async () => {
    const s = planSummary(await seed('ninh-thuan-06-nq-cp-2023'), null, at('2025-12-01T08:00:00+07:00'));
    expect(s.state).toBe('not-started');
    expect(s.nextDeadline).toEqual({ lastDay: '2025-12-15', who: 'agencies', period: '2025', assumed: true });
  });

  it('a plan past its horizon whose last period is still open (a late agency) has not ended yet', async () => {
    const plan = await seed('an-giang-06-nq-cp-2023');
    const y2025 = cyclesOfYear(plan, 2025).find((c) => c.period === '2025')!;
    const late = y2025.agencies[0]!.agencyId;
    const s = planSummary(plan, { dispatched: true, nextCycle: null, cycles: [cycleOf(y2025, 'collecting', { [late]: 'overdue' })] }, at('2026-01-05T08:00:00+07:00'));
    expect(s.state).toBe('overdue');
    expect(s.live?.period).toBe('2025');
  });
});
