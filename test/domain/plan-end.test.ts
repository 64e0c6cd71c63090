import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanOrThrow, parsePlan } from '../../src/plan/load.js';
import { planEndDay, planEnded } from '../../src/reporting/planEnd.js';
import { projectRoot } from '../../src/runtime/tools.js';

const seed = (name: string) => loadPlanOrThrow(join(projectRoot, 'plans', `${name}.yaml`));

/** Expected days from the documents' text: the horizon each states and the last report it asks for. */
describe('when a plan is over (ended plans are not dispatched)', () => {
  it('An Giang, Nghị quyết 06/NQ-CP "đến năm 2025", reports before 15/12 and 25/12: over after 31/12/2025', async () => {
    const plan = await seed('an-giang-06-nq-cp-2023');
    expect(planEndDay(plan)).toBe('2025-12-31');
    expect(planEnded(plan, '2025-12-31')).toBe(false);
    expect(planEnded(plan, '2026-12-01')).toBe(true);
  });

  it('the Thái Bình letter of 2021 sets no period: over after its year', async () => {
    expect(planEndDay(await seed('thai-binh-4263-ubnd-kgvx-2021'))).toBe('2021-12-31');
  });

  it('Sơn La, 2024–2034: running on 01/12/2026', async () => {
    const plan = await seed('son-la-37-ct-tw-2024');
    expect(planEndDay(plan)).toBe('2034-12-31');
    expect(planEnded(plan, '2026-12-01')).toBe(false);
  });

  it('an annual report due "trước ngày 15/1" of the next year keeps the plan alive until that day', () => {
    const r = parsePlan(
      `
id: test-plan
document: { type: ke-hoach, title: Kế hoạch thử, number: 1/KH-UBND, issuedOn: 2026-01-05, issuer: Ủy ban nhân dân tỉnh Thử, province: Thử, horizon: { from: 2026, to: 2027 }, source: none }
standingAgency: so-noi-vu
agencies:
  - { id: so-noi-vu, name: Sở Nội vụ, kind: department, contacts: [{ role: focal, email: a@example.gov.vn }] }
  - { id: so-y-te, name: Sở Y tế, kind: department }
leadership: [{ id: pct, role: Phó Chủ tịch, email: pct@example.gov.vn }]
tasks:
  - { id: t.1, text: Làm việc A, lead: [so-y-te] }
reporting:
  obligations:
    - { id: nam, kind: agency-report, reporters: assigned, to: [so-noi-vu], frequency: annual, deadlines: [{ period: year, rule: before, day: 15, month: 1 }], statedText: trước ngày 15/01 năm sau }
`,
      'test.yaml',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // The report of 2027 is due before 15/01/2028: its last day is Friday 14/01/2028.
    expect(planEndDay(r.plan)).toBe('2028-01-14');
    expect(planEnded(r.plan, '2028-01-14')).toBe(false);
    expect(planEnded(r.plan, '2028-01-15')).toBe(true);
  });
});
