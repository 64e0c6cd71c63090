import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPlan } from '../../../src/import/importPlan.js';
import { renderDraftYaml } from '../../../src/import/render.js';
import { parsePlan } from '../../../src/plan/load.js';
import { obligationsOfYear } from '../../../src/reporting/obligations.js';
import { projectRoot } from '../../../src/runtime/tools.js';

const corpus = join(projectRoot, 'test', 'fixtures', 'import', 'corpus');

/** Import, render the YAML draft the CLI writes, validate it as `plan validate` does, then the 2026 calendar. */
async function calendar2026(file: string) {
  const r = importPlan(await readFile(join(corpus, file), 'utf8'), { source: file });
  if (!r.ok) throw new Error(r.reason);
  const parsed = parsePlan(renderDraftYaml(r.plan, r.warnings, r.evidence), `${file}.yaml`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const seen = new Set<string>();
  return obligationsOfYear(parsed.plan, 2026)
    .filter((o) => (seen.has(`${o.obligationId} ${o.period}`) ? false : seen.add(`${o.obligationId} ${o.period}`)))
    .map((o) => `${o.role} ${o.period} ${o.lastDay}${o.assumed ? ' assumed' : ''}`);
}

// Last days computed by hand from each text (brief §3: "trước ngày D" ends on D − 1; a weekend moves it to the
// next working day): the calendar of the draft must give them.
describe('the 2026 calendar of an imported corpus plan has the due dates of its text', () => {
  it('Sơn La 2954/QĐ-UBND: agencies "6 tháng (trước ngày 16/6)", "tổng kết năm (trước ngày 20/11 hàng năm)"; Sở Công Thương "6 tháng (trước ngày 18/5)", "(trước ngày 30/11 hàng năm)"', async () => {
    const all = await calendar2026('f1e0981425ec38be.md');
    expect(all.filter((x) => !/ 2026-M\d\d /.test(x))).toEqual([
      'standing 2026-H1 2026-05-18', // 17/5 is a Sunday
      'agency 2026-H1 2026-06-15',
      'agency 2026 2026-11-19',
      'standing 2026 2026-11-30', // 29/11 is a Sunday
    ]);
    // And the monthly reports "trước ngày 16 hàng tháng": 15/01 (Thu); 15/02 is a Sunday and 16–20/02 Tết,
    // so Mon 23/02; 15/03 is a Sunday, so Mon 16/03.
    expect(all.filter((x) => /^agency 2026-M0[1-3] /.test(x))).toEqual(['agency 2026-M01 2026-01-15', 'agency 2026-M02 2026-02-23', 'agency 2026-M03 2026-03-16']);
  });

  it('Bắc Ninh 141/KH-UBND: "hằng năm (trước ngày 15 tháng 11)"; the Department\'s own report assumed', async () => {
    expect(await calendar2026('09daab284f92e2dd.md')).toEqual([
      'agency 2026 2026-11-16', // 14/11 is a Saturday
      'standing 2026 2026-12-21 assumed', // default 20/12 → 19/12, a Saturday
    ]);
  });

  it('Thanh Hóa 235/KH-UBND, a plan for 2026: "báo cáo UBND tỉnh trước ngày 15/12/2026"; the communes\' reports assumed five days earlier', async () => {
    expect(await calendar2026('85ff77cbda28ffbb.md')).toEqual(['agency 2026 2026-12-09 assumed', 'standing 2026 2026-12-14']);
  });
});
