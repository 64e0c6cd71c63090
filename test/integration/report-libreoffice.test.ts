import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/consolidation/consolidate.js';
import { renderReport } from '../../src/consolidation/documents.js';
import { docxToPdf, pdfInfo, pdfText } from '../../scripts/office.js';
import { sonLaAdhocReport, sonLaAnnualReport, type ReportFixture } from '../support/reportFixture.js';

/** Each page's text as pdftotext lays it out, and the same with whitespace collapsed. */
async function pagesOf(pdf: string): Promise<{ raw: string; flat: string }[]> {
  const { pages } = await pdfInfo(pdf);
  const out = [];
  for (let p = 1; p <= pages; p++) {
    const raw = await pdfText(pdf, p);
    out.push({ raw, flat: raw.replace(/\s+/g, ' ').trim() });
  }
  return out;
}

/** The report of the fixture, with `extra` more lines of recommendations from its last agency: a longer body. */
async function pdfWith(fx: ReportFixture, extra: number, name: string): Promise<string> {
  const submissions = structuredClone(fx.input.submissions);
  const last = [...fx.cycle.agencies].reverse().find((a) => submissions[a.agencyId])!.agencyId;
  submissions[last]!.payload.recommendations += Array.from({ length: extra }, (_, i) => `\nKiến nghị bổ sung số ${i + 1}.`).join('');
  const report = consolidate({ plan: fx.plan, cycle: fx.cycle, submissions, statuses: fx.input.statuses, mode: fx.report.mode, at: fx.input.at });
  return docxToPdf((await renderReport(fx.plan, report)).docx, name);
}

/** What a clerk checks on paper: the signature whole on one page with text of the report, no blank page, the annex on its own page. */
function expectClerkLayout(pages: { raw: string; flat: string }[], signature: string[]) {
  const withNoiNhan = pages.filter((p) => p.flat.includes('Nơi nhận:'));
  expect(withNoiNhan).toHaveLength(1);
  const sig = withNoiNhan[0]!;
  for (const s of [...signature, 'Lưu: VT.']) expect(sig.flat).toContain(s);
  // Not a signature alone: the page carries the report's last lines above "Nơi nhận".
  const above = sig.flat
    .slice(0, sig.flat.indexOf('Nơi nhận:'))
    .replace(/^\d+\s*/, '')
    .trim();
  expect(above.length).toBeGreaterThan(20);
  // No page is blank but for its number; the annex opens the last page, right after the signature's page.
  for (const [i, p] of pages.entries()) expect(p.flat.replace(new RegExp(`^${i + 1}\\b`), '').trim().length, `page ${i + 1}`).toBeGreaterThan(0);
  const annexAt = pages.findIndex((p) => /^\d+ PHỤ LỤC/.test(p.flat));
  expect(annexAt).toBe(pages.length - 1);
  expect(pages.indexOf(sig)).toBe(annexAt - 1);
}

/** The DOCX as an office suite sees it: LibreOffice opens it, lays it out on A4, and the text survives. */
describe('the consolidated report opened by LibreOffice', () => {
  it('converts to an A4 PDF whose text has the letterhead, the sections, the tables and the diacritics', async () => {
    const fx = await sonLaAnnualReport('final');
    const pdf = await docxToPdf((await renderReport(fx.plan, fx.report)).docx);
    const info = await pdfInfo(pdf);
    expect(info.pageSize).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info.pages).toBeGreaterThanOrEqual(3);

    const first = await pdfText(pdf, 1);
    for (const s of [
      'UBND TỈNH SƠN LA',
      'SỞ NỘI VỤ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Sơn La, ngày 18 tháng 12 năm 2026',
      'BÁO CÁO',
      'I. TÌNH HÌNH TRIỂN KHAI, TỔ CHỨC THỰC HIỆN',
    ]) {
      expect(first).toContain(s);
    }
    // Decree 30: no number on page 1; page 2 is numbered at its top.
    expect(first.trimStart().startsWith('1')).toBe(false);
    expect((await pdfText(pdf, 2)).trimStart().startsWith('2')).toBe(true);

    // Lines wrap where LibreOffice breaks them: compare with whitespace collapsed.
    const all = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const s of [
      'IV. KHÓ KHĂN, VƯỚNG MẮC',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nơi nhận:',
      'PHỤ LỤC',
      'Tỷ lệ báo cáo đầy đủ: 87,5%; tỷ lệ đúng hạn: 75%.',
    ]) {
      expect(all).toContain(s);
    }
    // Table cells interleave in the PDF's text: the values, not their order.
    for (const s of ['≤ 58,9%', '57,2%', 'Chưa đạt', 'Chậm hạn', '14/12/2026', 'Được miễn']) expect(all).toContain(s);
    // The annex starts a page of its own: the last page begins with its title.
    expect((await pdfText(pdf, info.pages)).trimStart()).toMatch(/^\d+\s+PHỤ LỤC/);
    // Section III of seed 004 gives its tasks to no agency: said in words.
    expect(all).not.toMatch(/Chủ trì: —/i);
    expect(all).toContain('Kế hoạch chưa giao đơn vị chủ trì; chưa có báo cáo');
    // Results, not the plan's texts: III.1's first bullet (seed 004) is not printed again.
    expect(all).not.toContain('Đa dạng hóa, linh hoạt các hình thức tuyên truyền');
  });

  // Longer bodies move the end of the report down page 5 and onto page 6: 27 more lines put the last
  // recommendation at the foot of page 5, where a splittable signature table would break in two.
  it.each([0, 27])('keeps "Nơi nhận" and the signature on one page with the report’s last lines, and no blank page before the annex (%i more lines)', async (extra) => {
    const fx = await sonLaAnnualReport('final');
    const pages = await pagesOf(await pdfWith(fx, extra, `annual-${extra}`));
    expectClerkLayout(pages, ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', '- Ủy ban nhân dân tỉnh Sơn La (b/c);', '- Giám đốc Sở Nội vụ (b/c);']);
  });

  it('lays out the draft (with its notes) and an ad-hoc report the same way; the ad-hoc one issued by Sở Nội vụ, to Sở Nội vụ', async () => {
    expectClerkLayout(await pagesOf(await pdfWith(await sonLaAnnualReport('draft'), 0, 'draft')), ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    const adhoc = await pagesOf(await pdfWith(await sonLaAdhocReport('final'), 0, 'adhoc'));
    expectClerkLayout(adhoc, ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', '- Giám đốc Sở Nội vụ (b/c);', '- Đầu mối theo dõi Kế hoạch, Sở Nội vụ;']);
    // The issuing body's second line, left of the national motto.
    expect(adhoc[0]!.raw).toMatch(/^\s*SỞ NỘI VỤ\s{2,}Độc lập/m);
    const all = adhoc.map((p) => p.flat).join(' ');
    expect(all).not.toContain('Lao động - Thương binh và Xã hội (cơ quan thường trực)');
    expect(all).not.toContain('Ủy ban nhân dân tỉnh Sơn La (b/c)');
  });
});
