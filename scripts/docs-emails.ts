/**
 * `npm run docs:emails`: pictures of the emails changed for issue 14 (receipt with the submission, the
 * draft report with its review link, the extension request with its decision link), rendered by the real
 * templates and photographed in Chromium (docs/screenshots/).
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { renderReport } from '../src/consolidation/documents.js';
import { staffLinks } from '../src/mail/staffLinks.js';
import { submissionCopy } from '../src/mail/submissionCopy.js';
import { draftMail, extensionRequestMail, receiptMail, type AgencyMailContext } from '../src/mail/templates.js';
import { formModel } from '../src/web/submissionForm.js';
import { projectRoot } from '../src/runtime/tools.js';
import { sonLaAnnualReport } from '../test/support/reportFixture.js';
import { CHROMIUM_ARGS } from '../test/support/web.js';

const fx = await sonLaAnnualReport('draft');
const plan = fx.plan;
const links = staffLinks('http://127.0.0.1:8080');
const ctx: AgencyMailContext = {
  plan,
  agencyName: 'Báo Sơn La',
  formerNames: [],
  periodLabel: '6 tháng đầu năm 2026',
  lastDay: '2026-06-15',
  tasks: formModel(plan, 'bao-son-la').tasks,
  submitLink: 'http://127.0.0.1:8080/nop/…',
  assumptionNote: null,
  role: 'agency',
};
const copy = submissionCopy(plan, {
  agencyName: 'Báo Sơn La',
  periodLabel: '6 tháng đầu năm 2026',
  revision: 2,
  submittedAt: '2026-06-12T03:20:00.000Z',
  late: false,
  payload: {
    period: '2026-H1',
    tasks: [
      {
        taskId: 'v.7',
        status: 'dang-thuc-hien',
        progress: 60,
        result: 'Đã đăng 24 tin, bài về chuyển dịch cơ cấu lao động nông thôn.\nMở chuyên mục “Học nghề, lập nghiệp” trên báo in và báo điện tử.',
      },
      { taskId: 'v.10', status: 'hoan-thanh', progress: 100, result: 'Ban hành Kế hoạch số 12/KH-BSL ngày 15/3/2026 triển khai Kế hoạch.' },
    ],
    targets: [],
    narrative: 'Báo Sơn La đã mở chuyên mục tuyên truyền Chỉ thị 37-CT/TW.',
    difficulties: 'Thiếu phóng viên tại các xã vùng cao.',
    recommendations: 'Đề nghị Sở Nội vụ cung cấp số liệu định kỳ.',
    attachments: [{ name: 'bao-cao-6-thang.pdf', sha256: '0'.repeat(64), size: 18, contentType: 'application/pdf' }],
    submittedBy: { name: 'Nguyễn Thị Hoà', email: 'hoa.nguyen@baosonla.example.vn' },
  },
});
const files = await renderReport(plan, fx.report);
const mails = {
  'receipt-email.png': receiptMail(ctx, 2, '2026-06-12T03:20:00.000Z', false, copy).html,
  'draft-email.png': draftMail(files, { page: links.plan(plan.id), cli: `dondoc approve ${plan.id} --period 2026` }).html,
  'extension-request-email.png': extensionRequestMail(ctx, 'Sở Nội vụ', '2026-06-25', 'Chờ số liệu của các xã vùng cao.', {
    page: links.agency(plan.id, '2026-H1', 'bao-son-la'),
    cli: `dondoc extend ${plan.id} --period 2026-H1 --agency bao-son-la --until 2026-06-25 --reason "…" (hoặc --refuse)`,
  }).html,
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const [file, html] of Object.entries(mails)) {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.setContent(html);
    await page.screenshot({ path: join(projectRoot, 'docs', 'screenshots', file), fullPage: file !== 'draft-email.png' });
    console.log(`docs/screenshots/${file}`);
  }
} finally {
  await browser.close();
}
