import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { tasksOf } from '../../src/plan/normalise.js';
import { agencyStatus, planStatus, submitReport } from '../../src/service/operations.js';
import { sampleSubmission } from '../../src/simulate/sample.js';
import { runScript } from '../support/script.js';
import { linkFromEmail, login, PLAN, screenshot, startWebRig, type WebRig } from '../support/web.js';

/**
 * The standing agency's dashboard in a real browser: login, CSRF, who may see what, the actions, and
 * the period × agency grid. Seed 004 (Sơn La), H1 2026, last day 15/06.
 */
describe('staff dashboard', () => {
  let web: WebRig;
  let staff: BrowserContext;
  let page: Page;
  const period = '2026-H1';
  const agencyUrl = (agencyId: string) => `/plans/${PLAN}/periods/${period}/agencies/${agencyId}`;
  const cellText = (agencyId: string) => page.locator(`td[data-agency="${agencyId}"][data-period="${period}"]`).innerText();

  beforeAll(async () => {
    web = await startWebRig('web-dashboard', '2026-06-03T09:00:00+07:00');
    await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, '2026-06-04T09:00:00+07:00');
    staff = await web.browser.newContext();
    page = await staff.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await web?.close();
  });

  it('without a login the dashboard redirects to the login page; a wrong password is refused; the right one opens the page asked for', async () => {
    await page.goto(`${web.baseUrl}/plans/${PLAN}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#user', 'thuongtruc');
    await page.fill('#password', 'sai-mat-khau-roi');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('button[type=submit]')]);
    expect(refused.status()).toBe(401);
    expect(await page.locator('[role=alert]').innerText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');

    await login(page, web.baseUrl, `/plans/${PLAN}`);
    expect(new URL(page.url()).pathname).toBe(`/plans/${PLAN}`);
    expect(await page.locator('h1').innerText()).toContain('Ủy ban nhân dân tỉnh Sơn La');
    // 04/06 09:00 is 11 days 15 hours before the end of 15/06: more than the 10 days of "sắp đến hạn" (DUE_SOON_DAYS).
    expect(await cellText('tinh-doan')).toContain('Chưa đến hạn – hạn 15/06/2026');
    const cookie = (await staff.cookies()).find((c) => c.name === 'dondoc_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('a form posted without its CSRF token, or with a wrong one, is refused and changes nothing; from the page it works', async () => {
    const url = `${web.baseUrl}${agencyUrl('tinh-doan')}/exemption`;
    const none = await staff.request.post(url, { form: { reason: 'Không có token' }, maxRedirects: 0 });
    expect(none.status()).toBe(403);
    const wrong = await staff.request.post(url, { form: { reason: 'Token giả', _csrf: 'gia-mao' }, maxRedirects: 0 });
    expect(wrong.status()).toBe(403);
    expect((await agencyStatus(web.ops, PLAN, period, 'tinh-doan')).status).toMatchObject({ state: 'pending', exemption: null });

    await page.goto(`${web.baseUrl}${agencyUrl('tinh-doan')}`);
    await page.fill('#ex-reason', 'Đơn vị đang sắp xếp tổ chức bộ máy');
    await Promise.all([page.waitForURL(/ok=/), page.click('form[action$="/exemption"] button')]);
    expect(await page.locator('[role=status]').innerText()).toBe('Đã miễn báo cáo kỳ này');
    expect((await agencyStatus(web.ops, PLAN, period, 'tinh-doan')).status).toMatchObject({ state: 'exempted' });

    // The JSON API takes a session cookie too, but a state change then needs the CSRF header.
    const api = await staff.request.post(`${web.baseUrl}/api/plans/${PLAN}/periods/${period}/agencies/bao-son-la/exemption`, { data: { reason: 'x' } });
    expect(api.status()).toBe(403);
  });

  it('an agency link opens only that agency’s form: not the dashboard, the API, the mail catcher, nor another agency’s form', async () => {
    const agency = await web.browser.newContext();
    const p = await agency.newPage();
    const link = linkFromEmail(web, 'reminder', 'bao-son-la');
    expect((await p.goto(link))?.status()).toBe(200);
    const form = await p.locator('main').innerText();
    expect(form).toContain('Báo Sơn La');
    expect(form).not.toContain('Tỉnh Đoàn');
    expect(await p.locator('a[href^="/plans"], a[href="/mail"]').count()).toBe(0);

    await p.goto(`${web.baseUrl}/plans/${PLAN}`);
    expect(new URL(p.url()).pathname).toBe('/login');
    await p.goto(`${web.baseUrl}/mail`);
    expect(new URL(p.url()).pathname).toBe('/login');
    expect((await p.goto(`${web.baseUrl}/api/plans/${PLAN}/status`))?.status()).toBe(401);

    // Another agency's scope with this link's signature: refused, nothing of that agency shown.
    const token = new URL(link).pathname.split('/').pop()!;
    const [body, mac] = token.split('.') as [string, string];
    const scope = JSON.parse(Buffer.from(body, 'base64url').toString()) as [string, string, string, number];
    const otherBody = Buffer.from(JSON.stringify([scope[0], scope[1], 'so-noi-vu', scope[3]])).toString('base64url');
    expect((await p.goto(`${web.baseUrl}/nop/${otherBody}.${mac}`))?.status()).toBe(403);
    expect(await p.locator('main').innerText()).not.toContain('Sở Nội vụ');
    await agency.close();
  });

  it('an agency asks for more time through its link; staff see the request and approve it', async () => {
    const agency = await web.browser.newPage();
    await agency.goto(linkFromEmail(web, 'reminder', 'ubnd-cac-xa-phuong'));
    await agency.fill('#ext-lastDay', '26/06/2026');
    await agency.fill('#ext-reason', 'Đang tổng hợp số liệu của các xã vùng cao');
    await agency.click('form[action$="/gia-han"] button');
    expect(await agency.locator('main').innerText()).toContain('Đề nghị gia hạn đã được gửi');

    await page.goto(`${web.baseUrl}/plans/${PLAN}`);
    expect(await cellText('ubnd-cac-xa-phuong')).toContain('xin gia hạn');
    await page.goto(`${web.baseUrl}${agencyUrl('ubnd-cac-xa-phuong')}`);
    expect(await page.locator('main').innerText()).toContain('Đơn vị đề nghị gia hạn đến 26/06/2026');
    expect(await page.inputValue('#ext-lastDay')).toBe('26/06/2026');
    await page.fill('#ext-reason', 'Đồng ý');
    await Promise.all([page.waitForURL(/ok=/), page.click('form[action$="/extension"] button[value=approve]')]);
    expect(await page.locator('[role=status]').innerText()).toBe('Đã chấp thuận gia hạn');
    expect((await agencyStatus(web.ops, PLAN, period, 'ubnd-cac-xa-phuong')).status).toMatchObject({ lastDay: '2026-06-26', extensionRequest: null });
  });

  it('the grid shows on time, late, overdue with its escalation, exempted and extended, with completeness and timeliness rates', async () => {
    const payload = (agencyId: string) =>
      sampleSubmission(
        web.plan,
        period,
        agencyId,
        tasksOf(web.plan, agencyId).map((t) => t.task.id),
        false,
      );
    await submitReport(web.ops, PLAN, period, 'bao-son-la', payload('bao-son-la'));
    // Past the last day (15/06) and the first escalation step (16/06, 08:00); one report comes in late, on 17/06
    // (a scripted step: an Update sent at an exact business instant while time skips).
    await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, '2026-06-17T09:00:00+07:00', [
      { at: '2026-06-17T08:30:00+07:00', action: 'submit', planId: PLAN, period, agencyId: 'dai-phat-thanh-truyen-hinh-tinh', payload: payload('dai-phat-thanh-truyen-hinh-tinh') },
    ]);

    await page.goto(`${web.baseUrl}/plans/${PLAN}`);
    // The time-skipping server may have moved on to its next timer: dates of the moment are not asserted.
    expect(await cellText('bao-son-la')).toMatch(/^Đã nộp \d\d\/06\/2026$/);
    expect(await cellText('dai-phat-thanh-truyen-hinh-tinh')).toBe('Nộp muộn 17/06/2026');
    expect(await cellText('tinh-doan')).toBe('Miễn báo cáo');
    expect(await cellText('ubnd-cac-xa-phuong')).toContain('hạn 26/06/2026');
    const cycle = (await planStatus(web.ops, PLAN, period)).cycles[0]!;
    const overdue = cycle.agencies.filter((a) => a.state === 'overdue').map((a) => a.agencyId);
    expect(overdue.length).toBeGreaterThan(0);
    for (const id of overdue) expect(await cellText(id)).toMatch(/^Quá hạn \(đã (nhắc quá hạn|báo Giám đốc Sở)\)$/);
    const expected = cycle.agencies.length - 1; // tinh-doan is exempted
    const foot = await page.locator('table.grid tfoot').innerText();
    expect(foot).toContain('1 / 1');
    expect(foot).toContain(`${Math.round((2 / expected) * 100)}%`);
    expect(foot).toContain(`${Math.round((1 / expected) * 100)}%`);
    expect(await page.locator('svg[role=img]').count()).toBe(1);
    await screenshot(page, 'dashboard-grid.png');

    await page.goto(`${web.baseUrl}${agencyUrl(overdue[0]!)}`);
    const detail = await page.locator('main').innerText();
    expect(detail).toContain('[Nhắc hạn]');
    expect(detail).toContain('Quá hạn');
    await page.goto(`${web.baseUrl}${agencyUrl('bao-son-la')}`);
    expect(await page.locator('main').innerText()).toContain('Lần 1');
    await screenshot(page, 'dashboard-agency.png');
  });

  it('staff approve the draft and the consolidated report goes out; the report files are linked', async () => {
    await page.goto(`${web.baseUrl}/plans/${PLAN}`);
    const links = await page.locator(`a[href^="/api/plans/${PLAN}/periods/${period}/report."]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['docx', 'xlsx', 'html'].map((f) => `/api/plans/${PLAN}/periods/${period}/report.${f}`));
    const before = web.rig.catcher.messages().length;
    // "Duyệt và gửi" opens a confirmation step first; only its button sends.
    await page.click(`a[href="/plans/${PLAN}/periods/${period}"]`);
    await page.click('#approve-start');
    expect(web.rig.catcher.messages().filter((m) => m.headers['x-dondoc-kind'] === 'consolidated')).toHaveLength(0);
    await Promise.all([page.waitForURL(/ok=/), page.click('#approve-confirm')]);
    expect(await page.locator('[role=status]').innerText()).toBe('Đã duyệt và gửi báo cáo tổng hợp');
    const sent = () => web.rig.catcher.messages().find((m) => m.headers['x-dondoc-kind'] === 'consolidated');
    while (!sent()) await web.rig.catcher.waitFor(Math.max(before, web.rig.catcher.messages().length) + 1);
    // Approval returns once it is recorded; the report goes out after it: the page shows it once sent.
    for (let i = 0; i < 50 && !(await page.reload().then(() => page.locator('main').innerText())).includes('Đã gửi báo cáo tổng hợp'); i++) await page.waitForTimeout(100);
    expect(await page.locator('main').innerText()).toContain('Đã gửi báo cáo tổng hợp');
    // The link downloads the DOCX as sent, with the staff session; without it the file is refused.
    const docx = await page.request.get(`${web.baseUrl}/api/plans/${PLAN}/periods/${period}/report.docx`);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers()['x-dondoc-report-source']).toBe('sent');
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
    expect((await fetch(`${web.baseUrl}/api/plans/${PLAN}/periods/${period}/report.docx`)).status).toBe(401);
  });

  it('staff request an ad-hoc report from two agencies; a new period opens for them', async () => {
    await page.goto(`${web.baseUrl}/plans/${PLAN}`);
    await page.fill('#subject', 'Báo cáo nhanh tình hình đào tạo nghề');
    await page.fill('#lastDay', '30/06/2026');
    await page.check('input[name=agencyIds][value="bao-son-la"]');
    await page.check('input[name=agencyIds][value="tinh-doan"]');
    await Promise.all([page.waitForURL(/ok=/), page.click(`form[action="/plans/${PLAN}/adhoc"] button`)]);
    expect(await page.locator('[role=status]').innerText()).toBe('Đã gửi yêu cầu báo cáo đột xuất');
    expect((await planStatus(web.ops, PLAN)).periods.some((p) => p.startsWith('DX-'))).toBe(true);
  });

  it('logging out ends the session: the dashboard asks for the login again', async () => {
    await page.goto(`${web.baseUrl}/`);
    expect(await page.locator('main').innerText()).toContain('Các kế hoạch đang theo dõi');
    await Promise.all([page.waitForURL(/\/login/), page.click('form[action="/logout"] button')]);
    await page.goto(`${web.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
