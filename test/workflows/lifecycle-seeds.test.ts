import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchList } from '../../src/directory/resolve.js';
import type { Plan } from '../../src/plan/schema.js';
import { adhocCycleSpec, nextCycleAfter } from '../../src/reporting/cycles.js';
import type { CycleSpec } from '../../src/reporting/types.js';
import type { SubmitBehaviour } from '../../src/simulate/script.js';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.js';
import { expectedEmails, expectedLeaderDigests, isLeaderDigest, sortKeys } from '../support/expectedEmails.js';
import { loadSeedPlan, startRig, type Rig } from '../support/temporal.js';

/**
 * Every seed plan for a whole year on the time-skipping server with a real SMTP catcher: in each cycle
 * the first agency never reports, the second reports 2 working days late, the others on time; the
 * standing agency approves each draft. The emails must be exactly those the schedule implies.
 */
interface Case {
  name: string;
  from: string;
  to: string;
  adhoc?: { at: string; agencyIds: string[]; lastDay: string; subject: string }[];
  expectCycles: string[];
}

const cases: Case[] = [
  { name: 'an-giang-06-nq-cp-2023', from: '2025-01-01', to: '2025-12-31', expectCycles: ['2025'] },
  // The 5-year preliminary review (sơ kết, dates assumed) runs beside the annual report of 2029.
  { name: 'son-la-37-ct-tw-2024', from: '2029-01-01', to: '2029-12-31', expectCycles: ['2029-H1', '2029', '2029-SK'] },
  { name: 'thai-nguyen-227-kh-ubnd-2021', from: '2026-01-01', to: '2026-12-31', expectCycles: ['2026'] },
  { name: 'ninh-thuan-06-nq-cp-2023', from: '2025-01-01', to: '2025-12-31', expectCycles: ['2025'] },
  {
    // A letter of 24/09/2021 whose horizon is its year: after 2021 it is ended and dispatched to nobody.
    name: 'thai-binh-4263-ubnd-kgvx-2021',
    from: '2021-10-01',
    to: '2021-12-31',
    adhoc: [
      {
        at: '2021-11-02T09:00:00+07:00',
        agencyIds: ['so-cong-thuong', 'lien-doan-lao-dong-tinh', 'hiep-hoi-doanh-nghiep-tinh'],
        lastDay: '2021-11-19',
        subject: 'Khó khăn khi hỗ trợ đào tạo theo Quyết định 23/2021/QĐ-TTg',
      },
    ],
    expectCycles: ['DX-20211102-1'],
  },
];

function cyclesIn(plan: Plan, c: Case): CycleSpec[] {
  const start = `${c.from}T08:00:00+07:00`;
  const end = `${c.to}T23:59:59+07:00`;
  const out: CycleSpec[] = [];
  for (let x = nextCycleAfter(plan, null, start); x && x.opensAt <= end; x = nextCycleAfter(plan, { dueAt: x.dueAt, period: x.period }, start)) out.push(x);
  (c.adhoc ?? []).forEach((req, i) => out.push(adhocCycleSpec(plan, { ...req, seq: i + 1 })));
  return out;
}

describe.each(cases)('$name from $from to $to', (c) => {
  let rig: Rig;
  let plan: Plan;
  let sim: SimulationResult;
  let cycles: CycleSpec[];
  const behaviour = new Map<string, SubmitBehaviour>();

  beforeAll(async () => {
    rig = await startRig();
    plan = await loadSeedPlan(c.name);
    cycles = cyclesIn(plan, c);
    for (const cycle of cycles) {
      const [never, late] = cycle.agencies.map((a) => a.agencyId);
      if (never && !behaviour.has(never)) behaviour.set(never, { kind: 'never' });
      if (late && !behaviour.has(late)) behaviour.set(late, { kind: 'late', workingDays: 2 });
    }
    sim = await simulate({ plan, from: c.from, to: c.to, submit: Object.fromEntries(behaviour), adhoc: c.adhoc, env: rig.env });
  }, 600_000);
  afterAll(async () => rig?.close());

  it('the year has the expected reporting cycles', () => {
    expect(cycles.map((x) => x.period)).toEqual(c.expectCycles);
    expect(sim.cycles.map((x) => x.period)).toEqual(c.expectCycles);
  });

  it('dispatch: one email to each agency that answers for work that day (a successor of several: one), on the first day', () => {
    const dispatches = sim.emails.filter((e) => e.kind === 'dispatch');
    expect(dispatches.map((e) => e.agencyId).sort()).toEqual(
      dispatchList(plan, c.from)
        .map((d) => d.agencyId)
        .sort(),
    );
    expect(new Set(dispatches.map((e) => e.at.slice(0, 16)))).toEqual(new Set([`${c.from}T08:00`]));
  });

  it('reminders, receipts, overdue notices, escalations and digests are exactly the scheduled ones', () => {
    for (const cycle of cycles) {
      const report = sim.reports.find((r) => r.period === cycle.period);
      const expected = expectedEmails(cycle, (id) => behaviour.get(id) ?? { kind: 'ontime' }, report?.sentAt ?? null);
      const actual = sortKeys(
        sim.emails
          .filter((e) => e.period === cycle.period && !['draft', 'consolidated'].includes(e.kind) && !isLeaderDigest(e))
          .map((e) => ({ at: e.at, kind: e.kind, agencyId: e.agencyId })),
      );
      expect(actual).toEqual(expected);
    }
  });

  it('the leader gets one digest on each day an agency reaches its leader step, whatever the periods, and no per-period digest', () => {
    const actual = sortKeys(sim.emails.filter(isLeaderDigest).map((e) => ({ at: e.at, kind: e.kind, agencyId: e.agencyId })));
    expect(actual).toEqual(expectedLeaderDigests(cycles, (id) => behaviour.get(id) ?? { kind: 'ontime' }));
  });

  it('each cycle sends one draft to the standing agency and, after approval, one consolidated report', () => {
    for (const cycle of cycles) {
      const drafts = sim.emails.filter((e) => e.kind === 'draft' && e.period === cycle.period);
      const finals = sim.emails.filter((e) => e.kind === 'consolidated' && e.period === cycle.period);
      expect(drafts).toHaveLength(1);
      expect(finals).toHaveLength(1);
      expect(Date.parse(finals[0]!.at)).toBeGreaterThan(Date.parse(drafts[0]!.at));
      const recipients =
        cycle.kind === 'adhoc'
          ? drafts[0]!.to
          : plan.recipients.map((r) => (r.successor && r.successor.from <= cycle.period.slice(0, 4) + '-12-31' ? (r.successor.email ?? r.email) : r.email));
      expect(finals[0]!.to.sort()).toEqual([...recipients].sort());
    }
  });

  it('agencies that reported got no overdue notice or escalation', () => {
    for (const cycle of cycles) {
      for (const s of sim.submissions.filter((x) => x.period === cycle.period && !x.late)) {
        expect(sim.emails.filter((e) => e.period === cycle.period && e.agencyId === s.agencyId && ['overdue', 'escalation'].includes(e.kind))).toEqual([]);
      }
    }
  });
});
