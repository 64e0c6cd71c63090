import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import type { BrowserContext, Page } from 'playwright-core';
import { tasksOf } from '../../src/plan/normalise.js';
import type { Plan } from '../../src/plan/schema.js';
import { planStatus, submitReport } from '../../src/service/operations.js';
import { sampleSubmission } from '../../src/simulate/sample.js';
import { addUser } from '../../src/web/auth.js';
import { readDocx, readXlsx } from '../support/officeFiles.js';
import { runScript } from '../support/script.js';
import { reportWorkflowId } from '../../workflows/ids.js';
import { loadSeedPlan } from '../support/temporal.js';
import { login, PLAN, screenshot, STAFF, startWebRig, type WebRig } from '../support/web.js';

/**
 * Day-to-day work in a real browser, seed 004 (Sơn La) running from 03/06/2026, H1 2026 (last day
 * 15/06/2026), with seed 001 (An Giang, horizon to 2025) and seed 002 (Thái Nguyên) listed but not started.
 */
describe('day-to-day in the browser', () => {
  let web: WebRig;
  let staff: BrowserContext;
  let page: Page;
  let anGiang: Plan;
  let thaiNguyen: Plan;
  const period = '2026-H1';
  const ADMIN = { user: 'quantri', password: 'mat-khau-quan-tri-2026' };
  const LEADER = { user: 'lanhdao', password: 'mat-khau-lanh-dao-2026' };
  const agencyUrl = (agencyId: string) => `${web.baseUrl}/plans/${PLAN}/periods/${period}/agencies/${agencyId}`;
  const main = () => page.locator('main').innerText();
  const row = (planId: string) => page.locator(`tr[data-plan="${planId}"]`);

  beforeAll(async () => {
    anGiang = await loadSeedPlan('an-giang-06-nq-cp-2023');
    thaiNguyen = await loadSeedPlan('thai-nguyen-227-kh-ubnd-2021');
    let all: Plan[] = [];
    web = await startWebRig('web-daily', '2026-06-03T09:00:00+07:00', { plans: () => all });
    all = [web.plan, anGiang, thaiNguyen];
    await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, '2026-06-04T09:00:00+07:00');
    await addUser(web.db.users, ADMIN.user, ADMIN.password, 'admin');
    staff = await web.browser.newContext();
    page = await staff.newPage();
    page.setDefaultTimeout(10_000);
    await login(page, web.baseUrl, '/');
  });
  afterAll(async () => {
    await web?.close();
  });

  it('the plans list gives each plan its live period, next deadline and state: Sơn La collecting H1 (15/06/2026), An Giang ended, Thái Nguyên not started (14/12/2026)', async () => {
    await page.goto(`${web.baseUrl}/`);
    expect(await row(PLAN).getAttribute('data-state')).toBe('collecting');
    expect(await row(PLAN).locator('td.live').innerText()).toContain('6 tháng đầu năm 2026');
    expect(await row(PLAN).locator('td.deadline').innerText()).toContain('15/06/2026');
    expect(await row(anGiang.id).locator('td.state').innerText()).toBe('Đã kết thúc');
    expect(await row(anGiang.id).locator('td.deadline').innerText()).toBe('–');
    expect(await row(thaiNguyen.id).locator('td.state').innerText()).toBe('Chưa khởi chạy');
    expect(await row(thaiNguyen.id).locator('td.deadline').innerText()).toContain('14/12/2026');
    await screenshot(page, 'plans.png');
  });

  it('an agency page shows its personal link (copy; resend after a confirmation naming the recipients), every message with its delivery state, and what changed between two revisions', async () => {
    const agencyId = 'bao-son-la';
    const taskIds = tasksOf(web.plan, agencyId).map((t) => t.task.id);
    const first = sampleSubmission(web.plan, period, agencyId, taskIds, false);
    await submitReport(web.ops, PLAN, period, agencyId, first);
    const second = {
      ...first,
      tasks: first.tasks.map((t, i) => (i === 0 ? { ...t, status: 'hoan-thanh' as const, progress: 100, result: `${t.result} Đã hoàn thành trong tháng 6.` } : t)),
      difficulties: 'Thiếu phóng viên chuyên trách về lao động, việc làm.',
    };
    await submitReport(web.ops, PLAN, period, agencyId, second);
    // The two receipts go out after the submissions return: wait until the relay has taken every message.
    const settled = async () => {
      const log = await web.db.deliveries.forWorkflow(reportWorkflowId(PLAN, period, agencyId));
      return { receipts: log.filter((d) => d.kind === 'receipt' && d.state === 'accepted').length, unsettled: log.filter((d) => d.state !== 'accepted').length };
    };
    await expect.poll(settled, { timeout: 60_000 }).toEqual({ receipts: 2, unsettled: 0 });

    await page.goto(agencyUrl(agencyId));
    const link = await page.inputValue('#personal-link');
    expect(link).toMatch(/\/nop\/[A-Za-z0-9_.-]+$/);
    const agency = await web.browser.newPage();
    expect((await agency.goto(`${web.baseUrl}${new URL(link).pathname}`))?.status()).toBe(200);
    await agency.close();
    await page.click('button[data-copy="personal-link"]');
    await expect.poll(() => page.locator('button[data-copy]').innerText()).toBe('Đã sao chép');

    // The revision diff: the first task's status, progress and added words, and the new difficulties.
    const diff = page.locator('details[data-revision="2"] .diff');
    expect(await diff.innerText()).toContain('Thay đổi so với lần trước');
    expect(await diff.locator(`li[data-task="${first.tasks[0]!.taskId}"] ins`).allInnerTexts()).toEqual(expect.arrayContaining(['Hoàn thành', '100%']));
    // An unrelated new sentence: the old one struck out, the new one inserted, each as a phrase.
    expect(await diff.locator('li[data-text="difficulties"] del').allInnerTexts()).toEqual([first.difficulties]);
    expect(await diff.locator('li[data-text="difficulties"] ins').allInnerTexts()).toEqual([second.difficulties]);

    // Messages: the dispatch, the reminder of 04/06 and the two receipts, accepted by the relay.
    const states = await page.locator('#messages span.delivery').allInnerTexts();
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect(new Set(states)).toEqual(new Set(['Máy chủ thư đã nhận']));

    // Resend: nothing goes before the confirmation, which names the agency's focal point.
    const mailsTo = () => web.rig.catcher.messages().filter((m) => m.headers['x-dondoc-agency'] === agencyId).length;
    const before = mailsTo();
    const focal = web.plan.agencies.find((a) => a.id === agencyId)!.contacts.find((c) => c.role === 'focal')!.email;
    await page.click('#link summary');
    expect(await page.locator('#link details[open] form').innerText()).toContain(focal);
    expect(mailsTo()).toBe(before);
    await screenshot(page, 'agency-page.png');
    await Promise.all([page.waitForURL(/ok=link-resent/), page.click('#link button[type=submit]')]);
    expect(await page.locator('[role=status]').innerText()).toBe('Đã gửi lại đường liên kết cho đơn vị');
    while (mailsTo() === before) await web.rig.catcher.waitFor(web.rig.catcher.messages().length + 1);
    expect(mailsTo()).toBe(before + 1);
  });

  it('refused staff forms come back with what was typed and the reason in Vietnamese: an extension to 31/02/2026, an ad-hoc request due 30/02/2026', async () => {
    await page.goto(agencyUrl('tinh-doan'));
    await page.fill('#ext-lastDay', '31/02/2026');
    await page.fill('#ext-reason', 'Chờ số liệu của các huyện đoàn');
    const [extension] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form[action$="/extension"] button[value=approve]')]);
    expect(extension.status()).toBe(422);
    expect(await page.locator('[role=alert]').innerText()).toContain('Ngày gia hạn không hợp lệ');
    expect(await page.inputValue('#ext-lastDay')).toBe('31/02/2026');
    expect(await page.inputValue('#ext-reason')).toBe('Chờ số liệu của các huyện đoàn');

    await page.goto(`${web.baseUrl}/plans/${PLAN}`);
    await page.fill('#subject', 'Báo cáo nhanh số lao động được đào tạo');
    await page.fill('#lastDay', '30/02/2026');
    await page.check('input[name=agencyIds][value="tinh-doan"]');
    const [adhoc] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click(`form[action="/plans/${PLAN}/adhoc"] button`)]);
    expect(adhoc.status()).toBe(422);
    expect(await page.locator('[role=alert]').innerText()).toContain('Hạn nộp không hợp lệ');
    expect(await page.inputValue('#subject')).toBe('Báo cáo nhanh số lao động được đào tạo');
    expect(await page.inputValue('#lastDay')).toBe('30/02/2026');
    expect(await page.isChecked('input[name=agencyIds][value="tinh-doan"]')).toBe(true);
    expect(await page.isChecked('input[name=agencyIds][value="bao-son-la"]')).toBe(false);
  });

  it('the period × agency grid downloads as XLSX with the page’s cells: Báo Sơn La reported twice, Tỉnh Đoàn not yet due (15/06/2026)', async () => {
    const res = await page.request.get(`${web.baseUrl}/plans/${PLAN}/grid.xlsx`);
    expect(res.status()).toBe(200);
    const ws = (await readXlsx(await res.body())).getWorksheet('Tình hình báo cáo')!;
    expect(ws.getRow(3).getCell(2).value).toBe('6 tháng đầu năm 2026');
    const rowOf = (name: string) => {
      for (let r = 4; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === name) return ws.getRow(r);
      throw new Error(`no row ${name}`);
    };
    expect(String(rowOf('Báo Sơn La').getCell(2).value)).toMatch(/^Đã nộp \d\d\/06\/2026, 2 lần$/);
    // 04/06 09:00 is 11 days 15 hours before the end of 15/06: more than the 10 days of "sắp đến hạn" (DUE_SOON_DAYS).
    expect(String(rowOf('Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh').getCell(2).value)).toBe('Chưa đến hạn – hạn 15/06/2026');
  });

  it('approval is a step of its own: an edited Word file uploaded over the draft is sent in place of the rendered one (both kept), the confirmation shows subject, recipients and files, and only its button approves', async () => {
    const cycle = (await planStatus(web.ops, PLAN, period)).cycles[0]!;
    await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, new Date(Date.parse(cycle.cycle.draftAt) + 3_600_000).toISOString());
    while ((await planStatus(web.ops, PLAN, period)).cycles[0]!.phase !== 'draft-sent') await new Promise((r) => setTimeout(r, 100));

    await page.goto(`${web.baseUrl}/plans/${PLAN}`);
    await page.click(`a[href="/plans/${PLAN}/periods/${period}"]`);
    const edited = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Báo cáo tổng hợp 6 tháng đầu năm 2026 – bản đã chỉnh sửa')] }] }));
    await page.setInputFiles('#docx', { name: 'bao-cao-6-thang-da-sua.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: edited });
    await Promise.all([page.waitForURL(/ok=docx-uploaded/), page.click('form[action$="/report-docx"] button')]);
    expect(await page.locator('#versions').innerText()).toContain('bao-cao-6-thang-da-sua.docx');
    const stored = await page.request.get(`${web.baseUrl}${await page.locator('#versions a').first().getAttribute('href')}`);
    expect((await readDocx(await stored.body())).paragraphs.join(' ')).toContain('bản đã chỉnh sửa');

    // A text file named .docx is refused, and says why.
    await page.setInputFiles('#docx', { name: 'khong-phai-word.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('không phải tệp Word') });
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form[action$="/report-docx"] button')]);
    expect(refused.status()).toBe(422);
    expect(await page.locator('[role=alert]').innerText()).toContain('khong-phai-word.docx: nội dung tệp không phải DOCX');

    const consolidated = () => web.rig.catcher.messages().filter((m) => m.headers['x-dondoc-kind'] === 'consolidated');
    await page.click('#approve-start');
    const confirm = await page.locator('#confirm').innerText();
    expect(confirm).toContain('[Báo cáo tổng hợp] Kết quả thực hiện');
    for (const r of web.plan.recipients) expect(confirm).toContain(r.email);
    // The copy to the leader in charge, as the email sends it (consolidation/addressees.ts).
    expect(confirm).toContain(web.plan.leadership.find((l) => l.id === web.plan.escalation.leaderId)!.email);
    expect(confirm).toContain('bao-cao-6-thang-da-sua.docx');
    expect(consolidated()).toHaveLength(0);
    await page.fill('#note', 'Đồng ý ban hành');
    await screenshot(page, 'approve-confirm.png');

    // Without the confirmation's field the same action only shows the step again.
    const direct = await staff.request.post(`${web.baseUrl}/plans/${PLAN}/periods/${period}/approve`, {
      form: { _csrf: await page.locator('#confirm input[name=_csrf]').inputValue() },
      maxRedirects: 0,
    });
    expect(direct.status()).toBe(200);
    expect((await planStatus(web.ops, PLAN, period)).cycles[0]!.approval).toBeNull();

    await Promise.all([page.waitForURL(/ok=approved/), page.click('#approve-confirm')]);
    expect(await page.locator('[role=status]').innerText()).toBe('Đã duyệt và gửi báo cáo tổng hợp');
    while (consolidated().length === 0) await web.rig.catcher.waitFor(web.rig.catcher.messages().length + 1);
    const approval = (await planStatus(web.ops, PLAN, period)).cycles[0]!.approval!;
    expect(approval).toMatchObject({ by: STAFF.user });
    expect(approval.note).toBe('Đồng ý ban hành');
    expect(approval.docx).toMatchObject({ name: 'bao-cao-6-thang-da-sua.docx' });
    // The edited file is the one that went out and the one the page serves as sent; the rendered one is kept.
    const sent = (await planStatus(web.ops, PLAN, period)).cycles[0]!.sent!;
    expect(sent.docxId).toBe(approval.docx!.sha256);
    expect(sent.renderedDocxId).toMatch(/^[0-9a-f]{64}$/);
    expect(sent.renderedDocxId).not.toBe(sent.docxId);
    const docx = consolidated()[0]!.attachments.find((a) => a.filename.endsWith('.docx'))!;
    expect(docx.size).toBe(edited.length);
    expect(docx.filename).toBe(`bao-cao-tong-hop-${PLAN}-${period}.docx`);
    const served = await page.request.get(`${web.baseUrl}/api/plans/${PLAN}/periods/${period}/report.docx?source=sent`);
    expect((await readDocx(await served.body())).paragraphs.join(' ')).toContain('bản đã chỉnh sửa');
    await page.reload();
    expect(await page.locator('#versions').innerText()).toContain('Bản được duyệt');
    expect(await main()).toContain('bản chỉnh sửa bao-cao-6-thang-da-sua.docx');
  });

  it('an administrator manages accounts (a refused form keeps what was typed); a leader only reads; an officer cannot open the accounts; every change is in the audit log', async () => {
    // The officer: no accounts page.
    expect((await page.goto(`${web.baseUrl}/staff/accounts`))?.status()).toBe(403);
    expect(await main()).toContain('Chỉ quản trị viên được quản lý tài khoản');

    const adminCtx = await web.browser.newContext();
    const admin = await adminCtx.newPage();
    await admin.goto(`${web.baseUrl}/login?next=/staff/accounts`);
    await admin.fill('#user', ADMIN.user);
    await admin.fill('#password', ADMIN.password);
    await Promise.all([admin.waitForURL(/\/staff\/accounts/), admin.click('button[type=submit]')]);
    await admin.fill('#acc-name', LEADER.user);
    await admin.selectOption('#acc-role', 'leader');
    await admin.fill('#acc-password', LEADER.password);
    await admin.fill('#acc-password2', 'mat-khau-khac-han');
    const [bad] = await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), admin.click('#account-form button')]);
    expect(bad.status()).toBe(422);
    expect(await admin.locator('#err-password2').innerText()).toBe('Hai lần nhập mật khẩu không khớp');
    expect(await admin.inputValue('#acc-name')).toBe(LEADER.user);
    expect(await admin.inputValue('#acc-role')).toBe('leader');
    await admin.fill('#acc-password', LEADER.password);
    await admin.fill('#acc-password2', LEADER.password);
    await Promise.all([admin.waitForURL(/ok=account-saved/), admin.click('#account-form button')]);
    expect(await admin.locator(`tr[data-user="${LEADER.user}"]`).innerText()).toContain('Lãnh đạo (chỉ xem)');
    expect((await web.db.users.find(LEADER.user))?.role).toBe('leader');
    const audit = (await web.db.audit.recent(50)).find((e) => e.action === 'user-add');
    expect(audit).toMatchObject({ actor: ADMIN.user, target: LEADER.user, detail: { role: 'leader', via: 'web' } });
    expect(await admin.locator('main').innerText()).toContain('Thêm tài khoản');
    await screenshot(admin, 'staff-accounts.png');

    const leaderCtx = await web.browser.newContext();
    const leader = await leaderCtx.newPage();
    await leader.goto(`${web.baseUrl}/login?next=/plans/${PLAN}`);
    await leader.fill('#user', LEADER.user);
    await leader.fill('#password', LEADER.password);
    await Promise.all([leader.waitForURL(new RegExp(`/plans/${PLAN}$`)), leader.click('button[type=submit]')]);
    expect(await leader.locator('h1').innerText()).toContain('Ủy ban nhân dân tỉnh Sơn La');
    expect(await leader.locator(`form[action="/plans/${PLAN}/adhoc"]`).count()).toBe(0);
    await leader.goto(agencyUrl('dai-phat-thanh-truyen-hinh-tinh'));
    expect(await leader.locator('form[action$="/exemption"], form[action$="/link/resend"]').count()).toBe(0);
    // A crafted POST with a valid CSRF token is refused too, and changes nothing.
    await leader.goto(`${web.baseUrl}/plans/${PLAN}`);
    const token = await leader.locator('header form input[name=_csrf]').inputValue();
    const post = await leaderCtx.request.post(`${agencyUrl('dai-phat-thanh-truyen-hinh-tinh')}/exemption`, { form: { _csrf: token, reason: 'thử' }, maxRedirects: 0 });
    expect(post.status()).toBe(403);
    expect((await planStatus(web.ops, PLAN, period)).cycles[0]!.agencies.find((a) => a.agencyId === 'dai-phat-thanh-truyen-hinh-tinh')!.state).not.toBe('exempted');
    const api = await leaderCtx.request.post(`${web.baseUrl}/api/plans/${PLAN}/adhoc`, { data: {}, headers: { 'x-csrf-token': token } });
    expect(api.status()).toBe(403);

    // Closing the leader's account ends its session at once.
    await admin.click(`tr[data-user="${LEADER.user}"] summary`);
    await Promise.all([admin.waitForURL(/ok=account-disabled/), admin.click(`tr[data-user="${LEADER.user}"] form[action$="/disable"] button`)]);
    await leader.goto(`${web.baseUrl}/plans/${PLAN}`);
    expect(new URL(leader.url()).pathname).toBe('/login');
    expect((await web.db.audit.recent(50)).some((e) => e.action === 'user-disable' && e.target === LEADER.user)).toBe(true);
    await adminCtx.close();
    await leaderCtx.close();
  });
});
