import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlanError, loadPlanFile, parsePlan } from '../../src/plan/load.js';
import { reportersOf } from '../../src/plan/normalise.js';
import { projectRoot } from '../../src/runtime/tools.js';

const planDir = join(projectRoot, 'plans');
const seedFiles = readdirSync(planDir).filter((f) => f.endsWith('.yaml'));

const minimal = `
id: test-plan
document:
  type: ke-hoach
  title: Kế hoạch thử
  number: 1/KH-UBND
  issuedOn: 2026-01-05
  issuer: Ủy ban nhân dân tỉnh Thử
  province: Thử
  horizon: { from: 2026, to: 2027 }
  source: none
standingAgency: so-noi-vu
agencies:
  - { id: so-noi-vu, name: Sở Nội vụ, kind: department, contacts: [{ role: focal, email: a@example.gov.vn }] }
  - { id: so-y-te, name: Sở Y tế, kind: department }
leadership: [{ id: pct, role: Phó Chủ tịch, email: pct@example.gov.vn }]
tasks:
  - { id: t.1, text: Làm việc A, lead: [so-y-te] }
reporting:
  obligations:
    - id: nam
      kind: agency-report
      reporters: assigned
      to: [so-noi-vu]
      frequency: annual
      deadlines: [{ period: year, rule: before, day: 15, month: 12 }]
      statedText: trước ngày 15/12 hằng năm
`;

describe('the five seed plans', () => {
  it('there is one plan file per seed document', () => {
    expect(seedFiles.sort()).toEqual([
      'an-giang-06-nq-cp-2023.yaml',
      'ninh-thuan-06-nq-cp-2023.yaml',
      'son-la-37-ct-tw-2024.yaml',
      'thai-binh-4263-ubnd-kgvx-2021.yaml',
      'thai-nguyen-227-kh-ubnd-2021.yaml',
    ]);
  });

  it.each(seedFiles)('%s is valid', async (file) => {
    const result = await loadPlanFile(join(planDir, file));
    expect(result.ok ? [] : result.errors.map(formatPlanError)).toEqual([]);
  });

  it('Ninh Thuận states no reporting date: every obligation is marked assumed with a note', async () => {
    const r = await loadPlanFile(join(planDir, 'ninh-thuan-06-nq-cp-2023.yaml'));
    if (!r.ok) throw new Error('invalid');
    expect(r.plan.reporting.obligations.length).toBeGreaterThan(0);
    for (const o of r.plan.reporting.obligations) {
      expect(o.assumed).toBe(true);
      expect(o.assumptionNote).toBeTruthy();
    }
  });

  it('Thái Bình asks for reports as difficulties arise: no periodic obligation, an ad-hoc channel', async () => {
    const r = await loadPlanFile(join(planDir, 'thai-binh-4263-ubnd-kgvx-2021.yaml'));
    if (!r.ok) throw new Error('invalid');
    expect(r.plan.reporting.obligations).toEqual([]);
    expect(r.plan.reporting.adHoc?.statedText).toMatch(/phản ánh/);
  });

  it('every text is NFC', async () => {
    for (const file of seedFiles) {
      const r = await loadPlanFile(join(planDir, file));
      if (!r.ok) throw new Error(file);
      const text = JSON.stringify(r.plan);
      expect(text.normalize('NFC')).toBe(text);
    }
  });
});

describe('plan errors name the file, the field and the reason', () => {
  it('a minimal plan is valid and "assigned" means the agencies with tasks', () => {
    const r = parsePlan(minimal, 'min.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatPlanError).join('\n'));
    expect(reportersOf(r.plan, r.plan.reporting.obligations[0]!)).toEqual(['so-y-te']);
  });

  it('a YAML syntax error gives the line', () => {
    const r = parsePlan(minimal.replace('horizon: { from: 2026, to: 2027 }', 'horizon: { from: 2026, to: 2027'), 'broken.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatPlanError(r.errors[0]!)).toMatch(/^broken\.yaml:\d+: YAML syntax/);
  });

  it('an unknown agency reference names the field path and the id', () => {
    const r = parsePlan(minimal.replace('lead: [so-y-te]', 'lead: [so-khong-co]'), 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatPlanError)).toEqual([expect.stringMatching(/^bad\.yaml:\d+: tasks\[0\]\.lead\[0\]: unknown agency "so-khong-co"$/)]);
  });

  it('an impossible date is refused', () => {
    const r = parsePlan(minimal.replace('issuedOn: 2026-01-05', 'issuedOn: 2026-02-30').replace('day: 15, month: 12', 'day: 31, month: 4'), 'date.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msgs = r.errors.map((e) => `${e.path}: ${e.message}`);
    expect(msgs).toContain('document.issuedOn: is not a real calendar date');
    expect(msgs).toContain('reporting.obligations[0].deadlines[0].day: day 31 does not exist in month 4');
  });

  it('an assumed deadline without a note is refused', () => {
    const r = parsePlan(minimal.replace('month: 12 }]', 'month: 12, assumed: true }]'), 'assumed.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(['reporting.obligations[0].assumed']);
  });
});
