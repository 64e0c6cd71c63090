import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/consolidation/documents.js';
import { docxToPdf, pdfInfo, pdfText } from '../../scripts/office.js';
import { sonLaAnnualReport } from '../support/reportFixture.js';

/** The DOCX as an office suite sees it: LibreOffice opens it, lays it out on A4, and the text survives. */
describe('the consolidated report opened by LibreOffice', () => {
  it('converts to an A4 PDF whose text has the letterhead, the sections, the tables and the diacritics', async () => {
    const fx = await sonLaAnnualReport('final');
    const pdf = await docxToPdf((await renderReport(fx.plan, fx.report)).docx);
    const info = await pdfInfo(pdf);
    expect(info.pageSize).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info.pages).toBeGreaterThanOrEqual(3);

    const first = await pdfText(pdf, 1);
    for (const s of ['UBND TỈNH SƠN LA', 'SỞ NỘI VỤ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Sơn La, ngày 18 tháng 12 năm 2026', 'BÁO CÁO', 'I. TÌNH HÌNH TRIỂN KHAI, TỔ CHỨC THỰC HIỆN']) {
      expect(first).toContain(s);
    }
    // Decree 30: no number on page 1; page 2 is numbered at its top.
    expect(first.trimStart().startsWith('1')).toBe(false);
    expect((await pdfText(pdf, 2)).trimStart().startsWith('2')).toBe(true);

    // Lines wrap where LibreOffice breaks them: compare with whitespace collapsed.
    const all = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const s of ['IV. KHÓ KHĂN, VƯỚNG MẮC', 'V. KIẾN NGHỊ, ĐỀ XUẤT', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nơi nhận:', 'PHỤ LỤC', 'Tỷ lệ báo cáo đầy đủ: 87,5%; tỷ lệ đúng hạn: 75%.']) {
      expect(all).toContain(s);
    }
    // Table cells interleave in the PDF's text: the values, not their order.
    for (const s of ['≤ 58,9%', '57,2%', 'Chưa đạt', 'Chậm hạn', '14/12/2026', 'Được miễn']) expect(all).toContain(s);
    // The annex starts a page of its own: the last page begins with its title.
    expect((await pdfText(pdf, info.pages)).trimStart()).toMatch(/^\d+\s+PHỤ LỤC/);
  });
});
