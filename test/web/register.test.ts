import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parsePlan } from '../../src/plan/load.js';
import { runningPlanState } from '../../src/service/register.js';
import { login, startWebRig, type WebRig } from '../support/web.js';

/**
 * Registering a plan from its document in a real browser: seed 004 (Sơn La, Directive 37-CT/TW) uploaded as
 * text, reviewed and corrected, previewed for 2026, started; then amended from the same document with a
 * changed deadline; then an ended plan (An Giang, horizon to 2025) imported as YAML. Business time: 03/06/2026.
 */
const SEED_004 = 'test/fixtures/import/seeds/004_5d4ee1467f99bd22.txt';
const PLAN_ID = 'son-la-37-ct-tw-2024';
const f = (name: string) => `#f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
const H1_DAY = 'reporting.obligations[0].deadlines[0].day';
const H1_MONTH = 'reporting.obligations[0].deadlines[0].month';
const LEADER = 'leadership[0].email';

async function shot(page: Page, file: string, fullPage: boolean): Promise<void> {
  if (process.env.DONDOC_SCREENSHOTS) await page.screenshot({ path: `docs/screenshots/${file}`, fullPage });
}

describe('registering a plan from its document', () => {
  let web: WebRig;
  let staff: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    web = await startWebRig('web-register', '2026-06-03T09:00:00+07:00', {}, { startPlan: false });
    staff = await web.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await staff.newPage();
    page.setDefaultTimeout(15_000);
    await login(page, web.baseUrl, '/register');
  });
  afterAll(async () => {
    await web?.close();
  });

  it('seed 004 uploaded as text gives a draft beside the document, each value linked to its highlighted words, warnings listed', async () => {
    expect(new URL(page.url()).pathname).toBe('/register');
    await page.setInputFiles('#document', SEED_004);
    await shot(page, 'register-upload.png', true);
    await Promise.all([page.waitForURL(/\/register\/drafts\/[0-9a-f]{64}$/), page.click('form[action="/register"] button')]);
    // The importer's summary: 15 agencies, 16 tasks, 6 targets, 4 obligations (docs/importer.md, seed 004).
    expect(await page.locator('[role=status]').innerText()).toContain('15 cơ quan, 16 nhiệm vụ, 6 chỉ tiêu, 4 nghĩa vụ báo cáo');
    // The H1 deadline as the document states it: "Định kỳ 6 tháng trước ngày 15/6".
    expect(await page.inputValue(f(H1_DAY))).toBe('15');
    expect(await page.inputValue(f(H1_MONTH))).toBe('6');
    const cite = page
      .locator(`${f(H1_DAY)}`)
      .locator('xpath=ancestor::div[@class="review-row"]')
      .locator('a.cite');
    const anchor = (await cite.getAttribute('href'))!;
    expect(await page.locator(`mark${anchor}`).innerText()).toBe('Định kỳ 6 tháng trước ngày 15/6');
    // The warnings the importer gives for this text: no number, no date (the seed has no header).
    const warnings = await page.locator('details').innerText();
    expect(warnings).toContain('Không tìm thấy số ký hiệu văn bản');
    expect(warnings).toContain('Không tìm thấy ngày ban hành');
  });

  it('a value that fails the plan schema is refused next to its field, in Vietnamese, and everything typed stays', async () => {
    await page.fill(f(LEADER), 'pct.ubnd@sonla.gov.vn');
    await page.fill(f('targets[0].value'), '58,5');
    await page.fill(f(H1_DAY), '31');
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form[action^="/register/drafts/"] button[type=submit]')]);
    expect(answer.status()).toBe(422);
    expect(await page.locator(`${f(H1_DAY)}-error`).innerText()).toBe('Tháng 6 không có ngày 31');
    expect(await page.getAttribute(f(H1_DAY), 'aria-invalid')).toBe('true');
    expect(await page.inputValue(f(H1_DAY))).toBe('31');
    expect(await page.inputValue(f(LEADER))).toBe('pct.ubnd@sonla.gov.vn');
    expect(await page.inputValue(f('targets[0].value'))).toBe('58,5');
    expect(await page.locator('[role=alert]').innerText()).toContain('1 trường cần sửa');
    // The picture: the refused field beside the document's sentence it was read from (its cite link followed).
    await page.locator(f(H1_DAY)).locator('xpath=ancestor::div[@class="review-row"]').locator('a.cite').click();
    await page.locator(f(H1_DAY)).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, 'register-review.png', false);
  });

  it('corrected, the preview shows 2026 as the regime runs it: H1 due Monday 15/06 (14/06 is a Sunday), reminders and escalations per agency', async () => {
    await page.fill(f(H1_DAY), '15');
    await Promise.all([page.waitForURL(/\/preview$/), page.click('form[action^="/register/drafts/"] button[type=submit]')]);
    const h1 = page.locator('table.calendar tr[data-period="2026-H1"][data-role="agency"]');
    expect(await h1.innerText()).toContain('14/06/2026');
    expect(await h1.locator('strong').innerText()).toBe('15/06/2026');
    // BRIEF §3, seed 004, H1 2026: reminders 04/6, 10/6, 12/6, 15/6; escalations 16/6, 18/6, 22/6.
    const row = page.locator('table.steps tr[data-agency="tinh-doan"][data-period="2026-H1"]');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[3]).toBe('04/06/2026, 10/06/2026, 12/06/2026, 15/06/2026');
    expect(cells[4]).toContain('16/06/2026 (thông báo quá hạn), 18/06/2026 (giám đốc), 22/06/2026 (lãnh đạo tỉnh)');
    await shot(page, 'register-preview.png', false);
  });

  it('started, the plan runs: its plan workflow holds the reviewed version and the agencies get the plan', async () => {
    await Promise.all([page.waitForURL(new RegExp(`/plans/${PLAN_ID}\\?ok=plan-started`)), page.click('form[action$="/start"] button')]);
    expect(await page.locator('[role=status]').innerText()).toBe('Đã đăng ký và khởi chạy kế hoạch');
    const state = await runningPlanState(web.ops, PLAN_ID);
    const running = await web.ops.plans.get(state!.planRef);
    expect(running.leadership[0]).toMatchObject({ email: 'pct.ubnd@sonla.gov.vn', placeholder: false });
    expect(running.targets[0]!.value).toBe(58.5);
    expect(running.reporting.obligations[0]!.deadlines[0]).toMatchObject({ period: 'H1', rule: 'before', day: 15, month: 6 });
    // Dispatch: one "[Triển khai]" email per agency with tasks, sent by the workflow (polled, not timed).
    for (let i = 0; i < 300 && !web.rig.catcher.messages().some((m) => m.headers['x-dondoc-kind'] === 'dispatch'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(web.rig.catcher.messages().filter((m) => m.headers['x-dondoc-kind'] === 'dispatch').length).toBeGreaterThan(0);
    await page.goto(`${web.baseUrl}/`);
    expect(await page.locator(`a[href="/plans/${PLAN_ID}"]`).count()).toBe(1);
  });

  it('an amendment from the document, with the H1 deadline moved to 20/6, shows that change and applies from the next cycle', async () => {
    await page.goto(`${web.baseUrl}/plans/${PLAN_ID}`);
    await Promise.all([page.waitForURL(new RegExp(`/plans/${PLAN_ID}/amend$`)), page.click('a:text("Sửa đổi từ văn bản mới")')]);
    await page.setInputFiles('#document', SEED_004);
    await Promise.all([page.waitForURL(/\/register\/drafts\//), page.click('form[action$="/amend"] button')]);
    await page.fill(f(LEADER), 'pct.ubnd@sonla.gov.vn');
    await page.fill(f('targets[0].value'), '58,5');
    await page.fill(f(H1_DAY), '20');
    await Promise.all([page.waitForURL(/\/preview$/), page.click('form[action^="/register/drafts/"] button[type=submit]')]);
    const changes = page.locator('table.diff tbody tr');
    expect(await changes.count()).toBe(1);
    expect(await changes.first().getAttribute('data-item')).toBe('deadline');
    expect(await changes.first().innerText()).toContain('6 tháng: trước ngày 15/6');
    expect(await changes.first().innerText()).toContain('6 tháng: trước ngày 20/6');
    expect(await page.locator('main').innerText()).toContain('áp dụng từ kỳ báo cáo tiếp theo');
    const before = (await runningPlanState(web.ops, PLAN_ID))!.planRef.hash;
    await Promise.all([page.waitForURL(/ok=plan-amended/), page.click('form[action$="/start"] button')]);
    const after = (await runningPlanState(web.ops, PLAN_ID))!.planRef;
    expect(after.hash).not.toBe(before);
    expect((await web.ops.plans.get(after)).reporting.obligations[0]!.deadlines[0]!.day).toBe(20);
  });

  it('the running plan downloads as YAML that validates as a plan file, with the amended deadline', async () => {
    const res = await staff.request.get(`${web.baseUrl}/plans/${PLAN_ID}/plan.yaml`);
    expect(res.status()).toBe(200);
    const parsed = parsePlan(await res.text(), 'export.yaml');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.plan.reporting.obligations[0]!.deadlines[0]!.day).toBe(20);
  });

  it('a YAML plan file whose horizon has passed (An Giang, to 2025) is registered as ended: no workflow, nothing dispatched', async () => {
    const sentBefore = web.rig.catcher.messages().length;
    await page.goto(`${web.baseUrl}/register`);
    await page.setInputFiles('#document', 'plans/an-giang-06-nq-cp-2023.yaml');
    await Promise.all([page.waitForURL(/\/register\/drafts\//), page.click('form[action="/register"] button')]);
    await Promise.all([page.waitForURL(/\/preview$/), page.click('form[action^="/register/drafts/"] button[type=submit]')]);
    expect(await page.locator('main').innerText()).toContain('đã kết thúc');
    await Promise.all([page.waitForURL(/\/register\/plans\/an-giang-06-nq-cp-2023$/), page.click('form[action$="/start"] button')]);
    expect(await page.locator('main').innerText()).toContain('Đã kết thúc');
    expect(await runningPlanState(web.ops, 'an-giang-06-nq-cp-2023')).toBeNull();
    expect((await web.db.registrations.latest()).find((r) => r.planId === 'an-giang-06-nq-cp-2023')).toMatchObject({ state: 'ended', action: 'register', actor: 'thuongtruc' });
    await page.goto(`${web.baseUrl}/`);
    expect(await page.locator('tr', { has: page.locator('a[href="/plans/an-giang-06-nq-cp-2023"]') }).innerText()).toContain('Đã kết thúc');
    expect(web.rig.catcher.messages().length).toBe(sentBefore);
  });

  it('a file that is not what its name says is refused by content, with the reason, and nothing is drafted', async () => {
    await page.goto(`${web.baseUrl}/register`);
    await page.setInputFiles('#document', { name: 'ke-hoach.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await readFile(SEED_004)) });
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form[action="/register"] button')]);
    expect(answer.status()).toBe(422);
    expect(await page.locator('[role=alert]').innerText()).toContain('ke-hoach.pdf: nội dung tệp không phải PDF');
  });

  it('the DOCX and the PDF of a corpus plan give the same draft as its text; a scan without text is refused, saying why', async () => {
    const summaryOf = async (file: string) => {
      await page.goto(`${web.baseUrl}/register`);
      await page.setInputFiles('#document', file);
      await Promise.all([page.waitForURL(/\/register\/drafts\//), page.click('form[action="/register"] button')]);
      return { summary: await page.locator('[role=status]').innerText(), marks: await page.locator('ol.source mark').count() };
    };
    const text = await summaryOf('test/fixtures/import/corpus/09daab284f92e2dd.md');
    expect(text.marks).toBeGreaterThan(0);
    expect(await summaryOf('test/fixtures/import/office/09daab284f92e2dd.docx')).toMatchObject({ summary: text.summary });
    expect(await summaryOf('test/fixtures/import/office/09daab284f92e2dd.pdf')).toMatchObject({ summary: text.summary });

    await page.goto(`${web.baseUrl}/register`);
    await page.setInputFiles('#document', 'test/fixtures/import/office/scan-no-text.pdf');
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form[action="/register"] button')]);
    expect(answer.status()).toBe(422);
    expect(await page.locator('[role=alert]').innerText()).toContain('scan-no-text.pdf: tệp PDF không có lớp chữ');
  });
});
