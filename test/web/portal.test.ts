import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viDateTime } from '../../src/reporting/dates.js';
import { agencyStatus } from '../../src/service/operations.js';
import { signLink } from '../../src/web/links.js';
import { runScript } from '../support/script.js';
import { linkFromEmail, LINK_SECRET, login, PLAN, screenshot, startWebRig, type WebRig } from '../support/web.js';

/**
 * The submission portal in a real browser (Debian's Chromium), on the real web server over a real
 * worker and time-skipping Temporal server. Seed 004 (Sơn La), H1 2026: first reminder 04/06 08:00.
 */
describe('submission portal', () => {
  let web: WebRig;
  const period = '2026-H1';

  beforeAll(async () => {
    web = await startWebRig('web-portal', '2026-06-03T09:00:00+07:00');
    // Business time moves by skipping, not sleeping: past the first reminder.
    await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, '2026-06-04T09:00:00+07:00');
  });
  afterAll(async () => {
    await web?.close();
  });

  it('an agency opens the link in its reminder, submits its report, gets a receipt, and the dashboard cell turns to "Đã nộp"', async () => {
    const link = linkFromEmail(web, 'reminder', 'bao-son-la');
    const page = await web.browser.newPage();
    await page.goto(link);
    expect(await page.locator('main').innerText()).toContain('Báo Sơn La');
    // 04/06 09:00 is 11 days 15 hours before the end of 15/06: more than the 10 days of "sắp đến hạn" (DUE_SOON_DAYS).
    expect(await page.locator('main').innerText()).toContain('Chưa đến hạn');
    await page.selectOption('[name="task.0.status"]', 'dang-thuc-hien');
    await page.fill('[name="task.0.progress"]', '60');
    await page.fill('[name="task.0.result"]', 'Đã đăng 24 tin, bài về chuyển dịch cơ cấu lao động.');
    await page.fill('#narrative', 'Báo Sơn La đã mở chuyên mục tuyên truyền Chỉ thị 37-CT/TW.');
    await page.fill('#difficulties', 'Thiếu phóng viên tại các huyện vùng cao.');
    await page.fill('#recommendations', 'Đề nghị Sở Nội vụ cung cấp số liệu định kỳ.');
    await page.fill('#submitterName', 'Nguyễn Thị Hoà');
    await page.fill('#submitterEmail', 'hoa.nguyen@baosonla.example.vn');
    await page.setInputFiles('#attachments', { name: 'bao-cao-6-thang.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% báo cáo\n') });
    await screenshot(page, 'portal-form.png');
    const receipts = web.rig.catcher.messages().length;
    await Promise.all([page.waitForURL(/\/da-nop/), page.click('form[enctype] button[type=submit]')]);
    expect(await page.locator('[role=status]').innerText()).toContain('Đã nhận báo cáo 6 tháng đầu năm 2026 của Báo Sơn La (lần 1)');

    const { status, submissions } = await agencyStatus(web.ops, PLAN, period, 'bao-son-la');
    expect(status).toMatchObject({ state: 'submitted', revisions: 1 });
    expect(submissions[0]!.payload).toMatchObject({
      tasks: [{ status: 'dang-thuc-hien', progress: 60, result: 'Đã đăng 24 tin, bài về chuyển dịch cơ cấu lao động.' }],
      attachments: [{ name: 'bao-cao-6-thang.pdf', contentType: 'application/pdf' }],
      submittedBy: { name: 'Nguyễn Thị Hoà' },
    });
    const receipt = () => web.rig.catcher.messages().find((m) => m.headers['x-dondoc-kind'] === 'receipt' && m.headers['x-dondoc-agency'] === 'bao-son-la');
    while (!receipt()) await web.rig.catcher.waitFor(Math.max(receipts, web.rig.catcher.messages().length) + 1);
    // To Báo Sơn La's focal point (seed 004's plan file) and to the address typed in the form.
    expect([...receipt()!.to].sort()).toEqual(['daumoi.bao-son-la@example.gov.vn', 'hoa.nguyen@baosonla.example.vn']);
    // A copy of what was sent: the result typed above in the body, and the report as a DOCX.
    expect(receipt()!.html).toContain('Đã đăng 24 tin, bài về chuyển dịch cơ cấu lao động.');
    expect(receipt()!.html).toContain('Thiếu phóng viên tại các huyện vùng cao.');
    expect(receipt()!.text).toContain('Đang thực hiện (60%). Đã đăng 24 tin, bài về chuyển dịch cơ cấu lao động.');
    expect(receipt()!.attachments).toEqual([
      expect.objectContaining({
        filename: `bao-cao-${PLAN}-${period}-bao-son-la-lan-1.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
    ]);
    expect(receipt()!.attachments[0]!.size).toBeGreaterThan(1000);
    const shot = await web.browser.newPage({ viewport: { width: 900, height: 800 } });
    await shot.setContent(receipt()!.html);
    await screenshot(shot, 'receipt-email.png');

    const staff = await web.browser.newPage();
    await login(staff, web.baseUrl, `/plans/${PLAN}`);
    expect(await staff.locator(`td[data-agency="bao-son-la"][data-period="${period}"]`).innerText()).toContain('Đã nộp');
    expect(await staff.locator(`td[data-agency="tinh-doan"][data-period="${period}"]`).innerText()).toContain('Chưa đến hạn');
  });

  it('the same link opens the report again, filled in, and a second submission is recorded as revision 2', async () => {
    const page = await web.browser.newPage();
    await page.goto(linkFromEmail(web, 'reminder', 'bao-son-la'));
    expect(await page.locator('#narrative').inputValue()).toBe('Báo Sơn La đã mở chuyên mục tuyên truyền Chỉ thị 37-CT/TW.');
    expect(await page.locator('[name="task.0.progress"]').inputValue()).toBe('60');
    await page.fill('[name="task.0.progress"]', '75');
    await Promise.all([page.waitForURL(/\/da-nop/), page.click('form[enctype] button[type=submit]')]);
    expect(await page.locator('[role=status]').innerText()).toContain('(lần 2)');
    const { status, submissions } = await agencyStatus(web.ops, PLAN, period, 'bao-son-la');
    expect(status.revisions).toBe(2);
    expect(submissions[1]!.payload.tasks[0]!.progress).toBe(75);
    expect(submissions[1]!.payload.attachments).toHaveLength(1); // the file kept from revision 1
    // The portal shows when the latest revision came in, not the first.
    await page.goto(linkFromEmail(web, 'reminder', 'bao-son-la'));
    expect(await page.locator('main').innerText()).toContain(`đã nộp 2 lần, gần nhất ${viDateTime(submissions[1]!.submittedAt)}`);
  });

  it('an invalid value and a file of a refused type are shown next to their fields, what was typed is kept, and nothing is recorded', async () => {
    const page = await web.browser.newPage();
    await page.goto(linkFromEmail(web, 'reminder', 'tinh-doan'));
    await page.selectOption('[name="task.0.status"]', 'hoan-thanh');
    await page.fill('[name="task.0.progress"]', '150');
    await page.fill('#narrative', 'Tỉnh đoàn đã tổ chức 12 buổi tư vấn nghề.');
    await page.setInputFiles('#attachments', { name: 'cai-dat.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form[enctype] button[type=submit]')]);
    expect(response.status()).toBe(422);
    expect((await page.locator('[id="err-task.0.progress"]').innerText()).trim()).toBe('Không được lớn hơn 100');
    expect(await page.locator('[name="task.0.progress"]').getAttribute('class')).toMatch(/invalid/);
    expect(await page.locator('#narrative').inputValue()).toBe('Tỉnh đoàn đã tổ chức 12 buổi tư vấn nghề.');
    expect(await page.locator('[id="err-attachments"]').innerText()).toContain('cai-dat.exe: định dạng không được nhận');
    expect(await page.locator('[name="task.0.status"]').inputValue()).toBe('hoan-thanh');
    const { status, submissions } = await agencyStatus(web.ops, PLAN, period, 'tinh-doan');
    expect(status).toMatchObject({ state: 'pending', revisions: 0 });
    expect(submissions).toEqual([]);
  });

  it('a tampered link and an expired link are refused', async () => {
    const page = await web.browser.newPage();
    const good = new URL(linkFromEmail(web, 'reminder', 'bao-son-la')).pathname.split('/').pop()!;
    const other = signLink({ planId: PLAN, period, agencyId: 'tinh-doan', exp: 4102444800 }, 'not-the-server-secret-not-the-server-secret');
    const tampered = `${other.split('.')[0]}.${good.split('.')[1]}`;
    const forged = await page.goto(`${web.baseUrl}/nop/${tampered}`);
    expect(forged?.status()).toBe(403);
    expect(await page.locator('main').innerText()).toContain('Đường liên kết không hợp lệ');
    expect(await page.locator('main').innerText()).not.toContain('Tỉnh Đoàn');

    const businessNow = Math.floor(((await web.rig.env.currentTimeMs()) + web.clockOffsetMs) / 1000);
    const expired = signLink({ planId: PLAN, period, agencyId: 'bao-son-la', exp: businessNow - 60 }, LINK_SECRET);
    const gone = await page.goto(`${web.baseUrl}/nop/${expired}`);
    expect(gone?.status()).toBe(410);
    expect(await page.locator('main').innerText()).toContain('Đường liên kết đã hết hạn');
  });
});
