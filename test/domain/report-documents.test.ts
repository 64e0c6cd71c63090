import { describe, expect, it } from 'vitest';
import { emailsOf, reportAddressees } from '../../src/consolidation/addressees.js';
import { renderReport } from '../../src/consolidation/documents.js';
import { dateLine, initialsOf, letterheadOf } from '../../src/consolidation/letterhead.js';
import { SHEETS } from '../../src/consolidation/renderXlsx.js';
import { readDocx, readXlsx, type DocxContent } from '../support/officeFiles.js';
import { sonLaAdhocReport, sonLaAnnualReport, type ReportFixture } from '../support/reportFixture.js';

/**
 * The consolidated report of seed 004's 2026 annual period, rendered and read back: Sở Tài chính 3 working
 * days late, Sở Giáo dục và Đào tạo missing, Sở Nông nghiệp và Môi trường exempted, six on time.
 */
describe('consolidated report documents (DOCX, XLSX, HTML from one model)', async () => {
  const fx: ReportFixture = await sonLaAnnualReport('final');
  const files = await renderReport(fx.plan, fx.report);
  const docx: DocxContent = await readDocx(files.docx);
  const text = docx.paragraphs.join('\n');
  const [head, targets, annex, signature] = [
    docx.tables[0]!,
    docx.tables.find((t) => t[0]![1] === 'Chỉ tiêu')!,
    docx.tables.find((t) => t[0]![1] === 'Cơ quan, đơn vị')!,
    docx.tables.at(-2)!,
  ];

  it('opens with the Decree 30 letterhead: issuing body and national motto side by side, number, place and date', () => {
    expect(head).toHaveLength(1);
    expect(head[0]![0]).toBe('UBND TỈNH SƠN LA\nSỞ NỘI VỤ\n\nSố:       /BC-SNV');
    expect(head[0]![1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSơn La, ngày 18 tháng 12 năm 2026');
    expect(docx.paragraphs.filter(Boolean).slice(0, 2)).toEqual([
      'BÁO CÁO',
      'Kết quả thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Sơn La triển khai thực hiện Chỉ thị số 37-CT/TW ngày 10/7/2024 của Ban Bí thư về đổi mới công tác đào tạo nghề cho lao động nông thôn (năm 2026)',
    ]);
  });

  it('has sections I to V in order, then the annex on a page of its own', () => {
    const headings = [
      'I. TÌNH HÌNH TRIỂN KHAI, TỔ CHỨC THỰC HIỆN',
      'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
      'III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
      'IV. KHÓ KHĂN, VƯỚNG MẮC',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
      'PHỤ LỤC',
    ];
    const at = headings.map((h) => docx.paragraphs.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(docx.documentXml).toMatch(/<w:pageBreakBefore\/>[\s\S]{0,400}PHỤ LỤC/);
    expect(text).toContain('TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ – NĂM 2026');
  });

  it('reports each task’s results by agency, naming the task by its section and opening words, not its whole text', () => {
    // Seed 004, V.8, its first 18 words: "Cụ thể hóa các quan điểm, mục tiêu, nhiệm vụ, giải pháp của Kế hoạch trong chương trình công tác…"
    expect(docx.paragraphs).toContain(
      '5. Nhiệm vụ V.8: Cụ thể hóa các quan điểm, mục tiêu, nhiệm vụ, giải pháp của Kế hoạch trong chương trình… (chủ trì: Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh).',
    );
    // V.10 is given to all eleven agencies of section V (ten after Sở KH&ĐT's merger into Sở Tài chính).
    expect(text).toContain('7. Nhiệm vụ V.10: Chế độ báo cáo (chủ trì: 10 cơ quan, đơn vị).');
    expect(text).toMatch(/- Báo Sơn La \(chủ trì\): Đang thực hiện \(75%\)\. Báo Sơn La đã tổ chức đào tạo nghề cho lao động nông thôn theo nhiệm vụ V\.7\./);
    // The plan's texts are not repeated: V.2's second clause and III.1's bullets appear nowhere.
    expect(text).not.toContain('nghiên cứu, bổ sung cơ chế, chính sách thu hút vốn đầu tư từ các thành phần kinh tế');
    expect(text).not.toContain('Đa dạng hóa, linh hoạt các hình thức tuyên truyền');
    // A successor reports on its predecessor's tasks in the predecessor's role, and is named as the lead now.
    expect(text).toContain('- Sở Tài chính (chủ trì): Đang thực hiện (75%). Sở Tài chính đã tổ chức đào tạo nghề cho lao động nông thôn theo nhiệm vụ V.2.');
    expect(text).toContain('(chủ trì: Sở Khoa học và Công nghệ (thay cho Sở Thông tin và Truyền thông))');
    // Sở Giáo dục và Đào tạo did not report: its task V.3 is listed among those without results.
    expect(text).not.toContain('Sở Giáo dục và Đào tạo đã tổ chức');
    expect(text).toContain('- Nhiệm vụ V.3: Chủ trì, phối hợp với các Sở, ngành liên quan triển khai thực hiện đẩy mạnh phân luồng… (chủ trì: Sở Giáo dục và Đào tạo).');
  });

  it('says in words that the plan gives section III’s tasks to no agency (never "Chủ trì: —")', () => {
    expect(text).not.toContain('Chủ trì: —');
    expect(text).not.toContain('chủ trì: —');
    // III.1's heading in seed 004.
    expect(text).toContain(
      '- Nhiệm vụ III.1: Đẩy mạnh công tác tuyên truyền, nâng cao nhận thức của các cấp ủy đảng, chính quyền về công tác đào tạo nghề cho lao động nông thôn (Kế hoạch chưa giao đơn vị chủ trì; chưa có báo cáo).',
    );
    expect(text).toContain('(6 nhiệm vụ, giải pháp Kế hoạch chưa giao đơn vị chủ trì)');
  });

  it('never breaks a line by hand inside a justified paragraph: every typed line is a paragraph of its own', async () => {
    // An agency's difficulties typed on three lines.
    const typed = structuredClone(fx.input.submissions);
    typed[fx.roles.late]!.payload.difficulties = 'Thiếu giáo viên dạy nghề.\nThiếu kinh phí.\nThiếu cơ sở vật chất.';
    const { consolidate } = await import('../../src/consolidation/consolidate.js');
    const r = consolidate({ plan: fx.plan, cycle: fx.cycle, submissions: typed, statuses: fx.input.statuses, mode: 'final', at: fx.input.at });
    const d = await readDocx((await renderReport(fx.plan, r)).docx);
    for (const x of [docx, d]) {
      const justified = [...x.documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).filter((p) => p.includes('<w:jc w:val="both"/>'));
      expect(justified.length).toBeGreaterThan(20);
      expect(justified.filter((p) => /<w:br\/>|<w:br /.test(p))).toEqual([]);
    }
    expect(d.paragraphs).toContain('- Sở Tài chính: “Thiếu giáo viên dạy nghề.');
    expect(d.paragraphs).toContain('Thiếu kinh phí.');
    expect(d.paragraphs).toContain('Thiếu cơ sở vật chất.”');
  });

  it('keeps "Nơi nhận" and the signature in one row that cannot break across pages, kept with the text above', () => {
    const tables = [...docx.documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const sig = tables.find((t) => t.includes('Nơi nhận:'))!;
    expect(sig.match(/<w:tr[ >]/g)).toHaveLength(1);
    expect(sig).toContain('<w:cantSplit/>');
    const paras = [...sig.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    expect(paras.length).toBeGreaterThan(5);
    expect(paras.filter((p) => !p.includes('<w:keepNext/>'))).toEqual([]);
    // The paragraph just before the table keeps with it.
    const before = docx.documentXml.slice(0, docx.documentXml.indexOf(sig));
    expect([...before.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].at(-1)![0]).toContain('<w:keepNext/>');
  });

  it('tabulates the targets: target, year, value reported, status', () => {
    expect(targets[0]).toEqual(['TT', 'Chỉ tiêu', 'Mục tiêu', 'Năm', 'Kết quả báo cáo', 'Cơ quan báo cáo', 'Đánh giá']);
    expect(targets).toHaveLength(1 + fx.plan.targets.length);
    expect(targets[1]).toEqual(['1', 'Tỷ lệ lao động nông nghiệp trong tổng lao động xã hội', '≤ 58,9%', '2025', '57,2%', 'Sở Khoa học và Công nghệ', 'Đạt']);
    expect(targets[2]).toEqual(['2', 'Tỷ lệ lao động qua đào tạo', '≥ 65%', '2025', '60%', 'Sở Khoa học và Công nghệ', 'Chưa đạt']);
  });

  it('quotes difficulties and recommendations by agency', () => {
    expect(text).toContain('- Sở Tài chính: “Nguồn kinh phí hỗ trợ đào tạo nghề còn hạn chế, chưa đáp ứng nhu cầu học nghề của người dân vùng sâu, vùng xa (Sở Tài chính).”');
    expect(text).toContain('- Báo Sơn La: “Đề nghị bố trí đủ kinh phí đào tạo nghề năm 2027 (Báo Sơn La).”');
  });

  it('annexes completeness and timeliness per agency with totals and rates', () => {
    expect(annex[0]).toEqual(['TT', 'Cơ quan, đơn vị', 'Hạn báo cáo', 'Ngày gửi', 'Tình trạng', 'Số ngày làm việc chậm', 'Số lần gửi']);
    expect(annex[1]).toEqual(['1', 'Sở Tài chính (thay cho Sở Kế hoạch và Đầu tư)', '09/12/2026', '14/12/2026', 'Chậm hạn', '3', '1']);
    expect(annex[2]).toEqual(['2', 'Sở Giáo dục và Đào tạo', '09/12/2026', '—', 'Chưa báo cáo', '', '0']);
    expect(annex[3]![4]).toBe('Được miễn (Không được giao nhiệm vụ trong năm 2026)');
    expect(annex.at(-1)).toEqual(['', 'Tổng cộng: 8 cơ quan, đơn vị phải báo cáo', '', '', 'Đã gửi 7/8', '', '']);
    expect(text).toContain('Đúng hạn: 6; chậm hạn: 1; chưa báo cáo: 1; được miễn: 1. Tỷ lệ báo cáo đầy đủ: 87,5%; tỷ lệ đúng hạn: 75%.');
  });

  it('ends with "Nơi nhận" beside the signature block (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)', () => {
    // Seed 004's recipient (UBND tỉnh), the leader in charge, and the head of the standing agency (Sở Nội vụ):
    // whom the report's email goes to and copies.
    expect(signature[0]![0]).toBe(
      'Nơi nhận:\n- Ủy ban nhân dân tỉnh Sơn La (b/c);\n- Phó Chủ tịch UBND tỉnh phụ trách lĩnh vực văn hóa - xã hội (b/c);\n- Giám đốc Sở Nội vụ (b/c);\n- Lưu: VT.',
    );
    const a = reportAddressees(fx.plan, { kind: 'periodic', mode: 'final', standingAgencyId: fx.report.standingAgency.id, day: '2026-12-18' });
    expect(emailsOf(a.to)).toEqual(['ubnd.tinh@example.gov.vn']);
    expect(emailsOf(a.cc)).toEqual(['pct.ubnd@example.gov.vn', 'lanhdao.so-noi-vu@example.gov.vn']);
    expect(signature[0]![1]!.split('\n').filter(Boolean)).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
  });

  it('is laid out as the decree says: A4, margins 20/20/30/15 mm, Times New Roman 14, page numbers from page 2', () => {
    expect(docx.documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(docx.documentXml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(docx.documentXml).toContain('<w:titlePg/>');
    expect(docx.stylesXml).toMatch(/w:ascii="Times New Roman"/);
    expect(docx.stylesXml).toMatch(/<w:sz w:val="28"\/>/);
    expect(docx.headers.some((h) => /PAGE/.test(h))).toBe(true);
  });

  it('keeps Vietnamese text intact: NFC, every diacritic', () => {
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh');
    expect(files.html).toContain('Ủy ban nhân dân các xã, phường');
  });

  it('marks a draft as such, with the assumed deadlines for the standing agency to review', async () => {
    const draft = await sonLaAnnualReport('draft');
    const d = await readDocx((await renderReport(draft.plan, draft.report)).docx);
    expect(d.paragraphs[0]).toBe('DỰ THẢO');
    expect(d.paragraphs.some((p) => p.startsWith('Ghi chú: '))).toBe(true);
    expect(docx.paragraphs).not.toContain('DỰ THẢO');
    expect(docx.paragraphs.some((p) => p.startsWith('Ghi chú: '))).toBe(false);
  });

  it('the XLSX annex has the three sheets with Vietnamese headers, frozen header rows and typed cells', async () => {
    const wb = await readXlsx(files.xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.targets, SHEETS.tasks, SHEETS.completeness]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.getCell(2, 1).value).toBe('TT');
    }
    const t = wb.getWorksheet(SHEETS.targets)!;
    expect([3, 4, 5, 6, 7, 8, 10].map((c) => t.getCell(2, c).value)).toEqual(['Chỉ tiêu', 'So sánh', 'Mục tiêu', 'Đơn vị tính', 'Năm', 'Kết quả báo cáo', 'Đánh giá']);
    expect([3, 4, 5, 6, 7, 8, 10].map((c) => t.getCell(3, c).value)).toEqual(['Tỷ lệ lao động nông nghiệp trong tổng lao động xã hội', '≤', 58.9, '%', 2025, 57.2, 'Đạt']);
    expect(t.getCell(3, 8).numFmt).toBe('#,##0.0#');
    expect(t.getCell(4, 8).value).toBe(60);
    expect(t.getCell(4, 10).value).toBe('Chưa đạt');

    const s = wb.getWorksheet(SHEETS.completeness)!;
    expect(s.getCell(3, 2).value).toBe('Sở Tài chính');
    expect(s.getCell(3, 3).value).toEqual(new Date(Date.UTC(2026, 11, 9)));
    expect(s.getCell(3, 3).numFmt).toBe('dd/mm/yyyy');
    expect(s.getCell(3, 4).value).toEqual(new Date(Date.UTC(2026, 11, 14, 15, 0)));
    expect(s.getCell(3, 5).value).toBe('Chậm hạn');
    expect(s.getCell(3, 6).value).toBe(3);
    const totals = new Map<string, { value: unknown; fmt: string }>();
    s.eachRow((row) => {
      const label = row.getCell(2).value;
      if (typeof label === 'string' && row.number > 2 + fx.cycle.agencies.length) totals.set(label, { value: row.getCell(3).value, fmt: row.getCell(3).numFmt });
    });
    expect(Object.fromEntries([...totals].map(([k, v]) => [k, v.value]))).toEqual({
      'Phải báo cáo': 8,
      'Đúng hạn': 6,
      'Chậm hạn': 1,
      'Chưa báo cáo': 1,
      'Được miễn': 1,
      'Tỷ lệ báo cáo đầy đủ': 0.875,
      'Tỷ lệ đúng hạn': 0.75,
    });
    expect(totals.get('Tỷ lệ đúng hạn')!.fmt).toBe('0.0%');

    const tasks = wb.getWorksheet(SHEETS.tasks)!;
    const progress: number[] = [];
    tasks.eachRow((row) => row.number > 2 && typeof row.getCell(7).value === 'number' && progress.push(row.getCell(7).value as number));
    expect(new Set(progress)).toEqual(new Set([0.75, 1]));
  });

  it('the HTML preview shows the same tables, cell for cell, as the DOCX', () => {
    const htmlTables = [...files.html.matchAll(/<table data-table="(\w+)"[^>]*>([\s\S]*?)<\/table>/g)].map((m) =>
      [...m[2]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/&amp;/g, '&'))),
    );
    expect(htmlTables).toEqual([targets, annex]);
    expect(files.html).toContain('<h2 style="font-size:14pt;margin:12pt 0 6pt">IV. KHÓ KHĂN, VƯỚNG MẮC</h2>');
  });

  it('letterhead defaults: symbol from the initials, Decree 30 dates, the head’s title by kind of agency', () => {
    expect(initialsOf('Sở Lao động - Thương binh và Xã hội')).toBe('SLĐTBXH');
    expect(initialsOf('Sở Giáo dục và Đào tạo')).toBe('SGDĐT');
    expect(dateLine('Thái Nguyên', '2027-01-05')).toBe('Thái Nguyên, ngày 05 tháng 01 năm 2027');
    expect(dateLine('Thái Nguyên', '2026-12-18')).toBe('Thái Nguyên, ngày 18 tháng 12 năm 2026');
    const plan = { ...fx.plan, consolidation: { ...fx.plan.consolidation, document: { signature: { title: 'GIÁM ĐỐC', name: 'Nguyễn Văn A' } } } };
    expect(letterheadOf(plan, fx.report).signature).toEqual({ authority: null, title: 'GIÁM ĐỐC', name: 'Nguyễn Văn A' });
  });

  it('an ad-hoc report is issued by the standing agency of its day (Sở Nội vụ since 01/03/2025), and "Nơi nhận" is whom it is sent to', async () => {
    const fx2 = await sonLaAdhocReport('final');
    expect(fx2.report.standingAgency).toEqual({ id: 'so-noi-vu', name: 'Sở Nội vụ' });
    const d = await readDocx((await renderReport(fx2.plan, fx2.report)).docx);
    expect(d.tables[0]![0]![0]).toBe('UBND TỈNH SƠN LA\nSỞ NỘI VỤ\n\nSố:       /BC-SNV');
    expect(d.documentXml).not.toContain('LAO ĐỘNG - THƯƠNG BINH');
    const sig = d.tables.find((t) => t[0]![0]!.startsWith('Nơi nhận:'))!;
    expect(sig[0]![0]).toBe('Nơi nhận:\n- Giám đốc Sở Nội vụ (b/c);\n- Đầu mối theo dõi Kế hoạch, Sở Nội vụ;\n- Lưu: VT.');
    // The addresses of Sở Nội vụ in seed 004's plan file: the email goes there and nowhere else.
    const a = reportAddressees(fx2.plan, { kind: 'adhoc', mode: 'final', standingAgencyId: fx2.report.standingAgency.id, day: '2026-10-16' });
    expect(emailsOf([...a.to, ...a.cc]).sort()).toEqual(['daumoi.so-noi-vu@example.gov.vn', 'lanhdao.so-noi-vu@example.gov.vn']);
    // Only the tasks of the agencies asked: Báo Sơn La's V.7 and Sở Tài chính's (for Sở KH&ĐT) V.2.
    expect(fx2.report.tasks.map((t) => t.id)).toEqual(['v.2', 'v.5', 'v.7', 'v.10']);
  });
});
