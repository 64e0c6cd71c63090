import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlans } from '../../../src/import/evaluate.js';
import { importPlan } from '../../../src/import/importPlan.js';
import { planSchema } from '../../../src/plan/schema.js';
import { projectRoot } from '../../../src/runtime/tools.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'import');
const seed = (name: string) => readFile(join(fixtures, 'seeds', name), 'utf8');

describe('importing a text that is not a plan', () => {
  it('an empty file fails with a clear reason and does not throw', () => {
    for (const text of ['', '   \n\n\t\n']) {
      const r = importPlan(text, { source: 'empty.txt' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/rỗng|empty/u);
    }
  });

  it('a Vietnamese news article fails as "not a plan" with a warning', async () => {
    const r = importPlan(await readFile(join(fixtures, 'tin-tuc.txt'), 'utf8'), { source: 'tin-tuc.txt' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/không phải kế hoạch|Not a plan/u);
    expect(r.warnings.map((w) => w.code)).toContain('not-a-plan');
  });

  it('binary-looking or truncated input never throws', async () => {
    const text = await seed('002_65092d1176028e62.txt');
    for (const input of ['\u0000\u0001\uFFFD|||***###', text.slice(0, 400), text.slice(0, 4000), text.slice(-3000), 'KẾ HOẠCH\nV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế']) {
      expect(() => importPlan(input, { source: 'x.txt' })).not.toThrow();
      const r = importPlan(input, { source: 'x.txt' });
      if (r.ok) expect(planSchema.safeParse(r.plan).success).toBe(true);
    }
  });
});

describe('layouts', () => {
  it('CRLF line ends, tabs, non-breaking spaces and decomposed (NFD) diacritics give the same draft', async () => {
    const text = await seed('004_5d4ee1467f99bd22.txt');
    const plain = importPlan(text, { source: 's' });
    const messy = importPlan(
      text
        .replace(/\n/g, '\r\n')
        .replace(/^/gm, '\t')
        .replace(/ (?=Sở)/g, '\u00a0')
        .normalize('NFD'),
      { source: 's' },
    );
    expect(plain.ok && messy.ok).toBe(true);
    if (plain.ok && messy.ok) {
      const c = comparePlans(messy.plan, plain.plan);
      expect([c.agencies.recall, c.agencies.precision, c.leads.recall, c.deadlines.recall, c.targets.recall]).toEqual([1, 1, 1, 1, 1]);
      expect(JSON.stringify(messy.plan)).toBe(JSON.stringify(messy.plan).normalize('NFC'));
    }
  });

  it('a plan whose sentences are broken over many lines (seed 002) reads the deadline sentence whole', async () => {
    const r = importPlan(await seed('002_65092d1176028e62.txt'), { source: 's' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const agencyReport = r.plan.reporting.obligations?.find((o) => o.kind === 'agency-report');
    expect(agencyReport?.statedText).toContain('(qua Sở Lao động - Thương binh và Xã hội) trước ngày 15 tháng 12 hằng năm');
    expect(agencyReport?.deadlines).toEqual([{ period: 'year', rule: 'before', day: 15, month: 12, assumed: false }]);
  });

  it('a draft whose text states no deadline runs on assumed defaults, with a note and a warning (seed 003)', async () => {
    const r = importPlan(await seed('003_933e58644b8f375a.txt'), { source: 's' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.document.draft).toBe(true);
    expect(r.plan.document.number).toBeNull();
    for (const o of r.plan.reporting.obligations ?? []) {
      expect(o.assumed).toBe(true);
      expect(o.assumptionNote).toMatch(/giả định/u);
    }
    expect(r.warnings.filter((w) => w.code === 'deadline-assumed')).toHaveLength(2);
  });

  it('an official letter with no periodic report gets no obligation, only the ad-hoc channel (seed 000)', async () => {
    const r = importPlan(await seed('000_5ae368e151cef6b8.txt'), { source: 's' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.document.type).toBe('cong-van');
    expect(r.plan.reporting.obligations).toEqual([]);
    expect(r.plan.reporting.adHoc?.to).toBe('so-lao-dong-thuong-binh-va-xa-hoi');
  });
});

describe('a plan written for the tests, not one the rules were tuned on', () => {
  it('Markdown plan of another province: header, targets, headings, "chậm nhất ngày" and "trước ngày 15/12" read right', async () => {
    const r = importPlan(await readFile(join(fixtures, 'ke-hoach-mau.md'), 'utf8'), { source: 'ke-hoach-mau.md' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.plan;
    expect([p.id, p.document.number, p.document.issuedOn, p.document.horizon]).toEqual(['lao-cai-15-kh-ubnd-2026', '15/KH-UBND', '2026-01-08', { from: 2026, to: 2028 }]);
    expect(p.standingAgency).toBe('so-noi-vu');
    expect(p.tasks?.map((t) => `${t.id}:${t.lead?.join('+')}`)).toEqual([
      'ii.1.1:so-noi-vu',
      'ii.1.2:so-tai-chinh',
      'ii.2:so-giao-duc-va-dao-tao',
      'ii.3:hoi-lien-hiep-phu-nu-tinh+tinh-doan',
    ]);
    expect(p.targets?.map((t) => `${t.comparison}${t.value} ${t.year}`)).toEqual(['>=90 2028', '<=4 2028']);
    expect(p.reporting.obligations?.map((o) => `${o.kind} ${o.deadlines?.map((d) => `${d.rule} ${d.day}/${d.month}`).join()}`)).toEqual([
      'agency-report before 15/12',
      'consolidated-report by 25/12',
    ]);
    expect(r.warnings).toEqual([]);
  });
});
