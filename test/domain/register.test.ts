import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlan } from '../../src/import/importPlan.js';
import { planDiff } from '../../src/plan/diff.js';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import { planSchema, type PlanInput } from '../../src/plan/schema.js';
import { horizonPassed } from '../../src/service/register.js';
import { placeEvidence } from '../../src/web/pages/register.js';
import { checkForm, valuesOf } from '../../src/web/registerForm.js';
import { checkPlanSource } from '../../src/web/uploads.js';

/** Registering a plan from the web, the pure parts: the review form, the amendment diff, the ended rule, the evidence marks, the upload check. */
const SEED_004 = readFileSync('test/fixtures/import/seeds/004_5d4ee1467f99bd22.txt', 'utf8');
const imported = importPlan(SEED_004, { source: '004_5d4ee1467f99bd22.txt' });
if (!imported.ok) throw new Error(imported.reason);
const draft: PlanInput = imported.plan;
const H1 = 'reporting.obligations[0].deadlines[0]';

describe('the review form', () => {
  it('the importer’s draft, shown and posted back unchanged, passes the plan schema', () => {
    const values = valuesOf(draft);
    expect(values[`${H1}.day`]).toBe('15');
    expect(values[`${H1}.month`]).toBe('6');
    // Seed 004, line 15: "giảm xuống còn 58,9%", written back the Vietnamese way.
    expect(values['targets[0].value']).toBe('58,9');
    expect(checkForm(draft, values).ok).toBe(true);
  });

  it('31/6 is refused at the day field, a year in letters and a broken address at theirs, all in Vietnamese', () => {
    const values = { ...valuesOf(draft), [`${H1}.day`]: '31', 'document.horizon.to': 'hai nghìn', 'leadership[0].email': 'pct.ubnd@' };
    const r = checkForm(draft, values);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      [`${H1}.day`]: 'Tháng 6 không có ngày 31',
      'document.horizon.to': 'Phải là một số (ví dụ 63,5)',
      'leadership[0].email': 'Địa chỉ thư điện tử không hợp lệ',
    });
    expect(r.general).toEqual([]);
  });

  it('typed values become the plan’s: "58,5" is 58.5, "14/12/2021" is 2021-12-14, a typed address is no longer a placeholder', () => {
    const values = {
      ...valuesOf(draft),
      'targets[0].value': '58,5',
      'document.issuedOn': '14/12/2021',
      'document.number': '123/KH-UBND',
      'leadership[0].email': 'pct.ubnd@sonla.gov.vn',
    };
    const r = checkForm(draft, values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.targets[0]!.value).toBe(58.5);
    expect(r.plan.document).toMatchObject({ issuedOn: '2021-12-14', number: '123/KH-UBND', draft: false });
    expect(r.plan.leadership[0]).toMatchObject({ email: 'pct.ubnd@sonla.gov.vn', placeholder: false });
    expect(r.plan.agencies[0]!.contacts[0]!.placeholder).toBe(true);
  });

  it('unticking "assumed" on every deadline of an obligation makes the obligation stated', () => {
    const values = valuesOf(draft);
    const consolidated = 'reporting.obligations[1]';
    delete values[`${consolidated}.deadlines[0].assumed`];
    delete values[`${consolidated}.deadlines[1].assumed`];
    const r = checkForm(draft, values);
    expect(r.ok && r.plan.reporting.obligations[1]!.assumed).toBe(false);
  });
});

describe('the amendment diff', () => {
  it('lists the moved deadline, the new agency and the removed task, and nothing else', async () => {
    const before = await loadPlanOrThrow('plans/son-la-37-ct-tw-2024.yaml');
    const after = structuredClone(before);
    const o = after.reporting.obligations.find((x) => x.kind === 'agency-report' && x.deadlines.some((d) => d.period === 'H1'))!;
    o.deadlines.find((d) => d.period === 'H1')!.day = 20;
    after.agencies.push({ id: 'so-du-lich', name: 'Sở Du lịch', kind: 'department', contacts: [{ role: 'focal', email: 'dulich@sonla.gov.vn', placeholder: false }] });
    const removed = after.tasks.pop()!;
    const changes = planDiff(before, planSchema.parse(after));
    expect(changes.map((c) => [c.item, c.change, c.id])).toEqual([
      ['agency', 'added', 'so-du-lich'],
      ['task', 'removed', removed.id],
      ['deadline', 'changed', `${o.id}/H1`],
    ]);
    const moved = changes.find((c) => c.item === 'deadline')!;
    expect([moved.before, moved.after]).toEqual(['6 tháng: trước ngày 15/6', '6 tháng: trước ngày 20/6']);
  });
});

describe('a plan whose horizon has passed', () => {
  it('An Giang (to 2025) has ended on 01/01/2026, not on 31/12/2025', async () => {
    const plan = await loadPlanOrThrow('plans/an-giang-06-nq-cp-2023.yaml');
    expect(horizonPassed(plan, '2025-12-31')).toBe(false);
    expect(horizonPassed(plan, '2026-01-01')).toBe(true);
  });
});

describe('evidence marks in the document text', () => {
  it('the H1 deadline is marked on the line that says it (line 70 of seed 004), under the heading the importer cites', () => {
    const lines = SEED_004.split('\n');
    const i = imported.evidence.findIndex((e) => e.path === H1);
    const placed = placeEvidence(lines, imported.evidence);
    expect(placed.lineOf.get(i)).toBe(70);
    const span = placed.spans.get(69)!.find((s) => s.i === i)!;
    expect(lines[69]!.slice(span.start, span.end)).toBe('Định kỳ 6 tháng trước ngày 15/6');
  });
});

describe('the upload check', () => {
  const text = Buffer.from(SEED_004);
  const pdf = readFileSync('test/fixtures/import/office/09daab284f92e2dd.pdf');
  it('takes a text, a PDF and a YAML file for what they are', async () => {
    expect(await checkPlanSource({ filename: '004.txt', buf: text, truncated: false })).toMatchObject({ kind: 'text' });
    expect(await checkPlanSource({ filename: 'ke-hoach.pdf', buf: pdf, truncated: false })).toMatchObject({ kind: 'pdf' });
    expect(await checkPlanSource({ filename: 'kh.yaml', buf: readFileSync('plans/son-la-37-ct-tw-2024.yaml'), truncated: false })).toMatchObject({ kind: 'yaml' });
  });
  it('refuses by content: a text named .pdf, a PDF named .txt, a spreadsheet, a file over the limit', async () => {
    expect(await checkPlanSource({ filename: 'ke-hoach.pdf', buf: text, truncated: false })).toBe(
      'ke-hoach.pdf: nội dung tệp không phải PDF; chỉ nhận văn bản TXT/MD (UTF-8), Word (.docx), PDF có lớp chữ, hoặc tệp kế hoạch YAML',
    );
    expect(await checkPlanSource({ filename: 'ke-hoach.txt', buf: pdf, truncated: false })).toMatch(/^ke-hoach\.txt: nội dung tệp không phải TXT \(là PDF\)/);
    expect(await checkPlanSource({ filename: 'danh-sach.xlsx', buf: text, truncated: false })).toMatch(/định dạng không được nhận/);
    expect(await checkPlanSource({ filename: 'lon.docx', buf: text, truncated: true })).toBe('lon.docx: lớn hơn 10 MB');
  });
});
