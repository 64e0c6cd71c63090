import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import { staffLinks } from '../../src/mail/staffLinks.js';
import { submissionCopy } from '../../src/mail/submissionCopy.js';
import { submissionDocx } from '../../src/mail/submissionDocx.js';
import { draftMail, extensionRequestMail, receiptMail, type AgencyMailContext } from '../../src/mail/templates.js';
import type { SubmissionPayload } from '../../src/reporting/types.js';
import { projectRoot } from '../../src/runtime/tools.js';
import { readDocx } from '../support/officeFiles.js';

const plan = await loadPlanOrThrow(join(projectRoot, 'plans', 'son-la-37-ct-tw-2024.yaml'));
const ctx: AgencyMailContext = {
  plan,
  agencyName: 'Báo Sơn La',
  formerNames: [],
  periodLabel: '6 tháng đầu năm 2026',
  lastDay: '2026-06-15',
  tasks: [],
  submitLink: 'https://dondoc.example.vn/nop/abc',
  assumptionNote: null,
  role: 'agency',
};
const links = staffLinks('https://dondoc.example.vn/');

describe('emails to staff link to the page that acts', () => {
  it('an extension request links to the agency’s page in the period; the command line is a secondary line', () => {
    const page = links.agency(plan.id, '2026-H1', 'bao-son-la');
    expect(page).toBe('https://dondoc.example.vn/plans/son-la-37-ct-tw-2024/periods/2026-H1/agencies/bao-son-la');
    const m = extensionRequestMail(ctx, 'Sở Nội vụ', '2026-06-25', 'Chờ số liệu của các huyện', {
      page,
      cli: 'dondoc extend son-la-37-ct-tw-2024 --period 2026-H1 --agency bao-son-la --until 2026-06-25 --reason "…" (hoặc --refuse)',
    });
    expect(m.html).toContain(`<a href="${page}">Xem xét đề nghị gia hạn</a>`);
    expect(m.text).toContain(`Xem xét đề nghị gia hạn: ${page}`);
    // The command is mentioned once, after the link, never as the way to act.
    expect(m.text.indexOf('dondoc extend')).toBeGreaterThan(m.text.indexOf(page));
    expect(m.text.match(/dondoc extend/g)).toHaveLength(1);
  });

  it('the draft report opens with a link to the plan’s page, where it is approved, above the report', () => {
    const page = links.plan(plan.id);
    const m = draftMail(
      { text: 'BÁO CÁO …', html: '<!doctype html><html><body style="x"><p>BÁO CÁO</p></body></html>' },
      { page, cli: 'dondoc approve son-la-37-ct-tw-2024 --period 2026' },
    );
    expect(m.html).toMatch(
      /<body style="x">\n<div[^>]*>.*<a href="https:\/\/dondoc\.example\.vn\/plans\/son-la-37-ct-tw-2024"[^>]*>Rà soát và phê duyệt dự thảo<\/a>.*<\/div><p>BÁO CÁO<\/p>/s,
    );
    expect(m.text.split('\n').slice(0, 3)).toEqual([
      'Dự thảo báo cáo tổng hợp để cơ quan thường trực rà soát, phê duyệt trước khi gửi nơi nhận.',
      `Rà soát và phê duyệt tại: ${page}`,
      'Hoặc trên dòng lệnh: dondoc approve son-la-37-ct-tw-2024 --period 2026',
    ]);
  });
});

describe('a receipt carries the submission as sent', () => {
  // Seed 004, V.7 is Báo Sơn La's task; t1 is the share of agricultural labour (%).
  const payload: SubmissionPayload = {
    period: '2026-H1',
    tasks: [{ taskId: 'v.7', status: 'dang-thuc-hien', progress: 60, result: 'Đã đăng 24 tin, bài.\nMở chuyên mục mới.' }],
    targets: [{ targetId: 't1', value: 57.2, note: 'Số liệu ước' }],
    narrative: 'Đã mở chuyên mục tuyên truyền.',
    difficulties: 'Thiếu phóng viên.',
    recommendations: '',
    attachments: [{ name: 'bao-cao.pdf', sha256: 'a'.repeat(64), size: 10, contentType: 'application/pdf' }],
    submittedBy: { name: 'Nguyễn Thị Hoà', email: 'hoa@example.vn' },
  };
  const copy = submissionCopy(plan, { agencyName: 'Báo Sơn La', periodLabel: '6 tháng đầu năm 2026', revision: 2, submittedAt: '2026-06-10T01:30:00.000Z', late: false, payload });

  it('lists each task’s status, progress and result, the targets, the narrative, in the body', () => {
    const m = receiptMail(ctx, 2, '2026-06-10T01:30:00.000Z', false, copy);
    expect(m.subject).toBe('[Đã nhận] Báo cáo 6 tháng đầu năm 2026 – KH của Ủy ban nhân dân tỉnh Sơn La – Báo Sơn La (lần 2)');
    expect(m.text).toContain('BẢN BÁO CÁO ĐÃ GỬI (lần 2, 10/06/2026 08:30)');
    expect(m.text).toContain('  - V.7 Tuyên truyền về công tác đào tạo nghề cho lao động nông thôn: Đang thực hiện (60%). Đã đăng 24 tin, bài.\nMở chuyên mục mới.');
    expect(m.text).toContain('  - Tỷ lệ lao động nông nghiệp trong tổng lao động xã hội: 57,2% (Số liệu ước)');
    expect(m.text).toContain('Kiến nghị, đề xuất: (không ghi)');
    expect(m.html).toContain('<td style="border:1px solid #999;padding:4px 6px;vertical-align:top">Đã đăng 24 tin, bài.<br>Mở chuyên mục mới.</td>');
    expect(m.html).toContain('Người gửi: Nguyễn Thị Hoà, hoa@example.vn');
  });

  it('and as a DOCX whose every typed line is a paragraph', async () => {
    const d = await readDocx(await submissionDocx(copy, { documentRef: 'KH của Ủy ban nhân dân tỉnh Sơn La' }));
    expect(d.paragraphs).toContain('BÁO SƠN LA');
    expect(d.paragraphs).toContain('Bản đã gửi qua dondoc: lần 2, lúc 10/06/2026 08:30; người gửi: Nguyễn Thị Hoà, hoa@example.vn.');
    expect(d.tables[0]![1]).toEqual(['V.7', 'Tuyên truyền về công tác đào tạo nghề cho lao động nông thôn', 'Đang thực hiện', '60%', 'Đã đăng 24 tin, bài.\nMở chuyên mục mới.']);
    expect(d.documentXml).not.toMatch(/<w:br\/>/);
  });
});
