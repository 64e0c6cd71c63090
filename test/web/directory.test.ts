/**
 * The directory pages in real Chromium on the real server and database (PGlite), seeded from the five
 * seed plans as `dondoc start` does. The directory pages need no Temporal, so none is started.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { seedDirectory } from '../../src/directory/seed.js';
import { DirectorySource } from '../../src/directory/source.js';
import { COLUMNS } from '../../src/directory/table.js';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import type { Ops } from '../../src/service/operations.js';
import { addUser, StaffDirectory } from '../../src/web/auth.js';
import { buildServer } from '../../src/web/server.js';
import { launchChromium, login, screenshot, STAFF } from '../support/web.js';

const SEEDS = ['an-giang-06-nq-cp-2023', 'ninh-thuan-06-nq-cp-2023', 'son-la-37-ct-tw-2024', 'thai-binh-4263-ubnd-kgvx-2021', 'thai-nguyen-227-kh-ubnd-2021'];

let db: Database;
let browser: Browser;
let page: Page;
let baseUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  db = await openDatabase({ memory: true });
  const plans = await Promise.all(SEEDS.map((f) => loadPlanOrThrow(`plans/${f}.yaml`)));
  await db.directory.seedIfEmpty(seedDirectory(plans), { actor: 'dondoc', action: 'directory-seed' });
  await addUser(db.users, STAFF.user, STAFF.password);
  const app = buildServer({
    // The directory pages use no Temporal operation.
    ops: {} as Ops,
    plans: () => plans,
    linkSecret: 'test-secret-test-secret-test-secret-0123',
    staff: new StaffDirectory(db.users),
    db,
    directory: new DirectorySource(() => db.directory.snapshot()),
    now: () => Date.parse('2026-12-01T09:00:00+07:00'),
    logStream: { write: () => {} },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
  await login(page, baseUrl, '/directory');
  close = async () => {
    await browser.close();
    await app.close();
    await db.close();
  };
}, 120_000);
afterAll(() => close?.());

const rowOf = (name: string) => page.locator('table.grid tbody tr', { has: page.locator(`td:first-child a:text-is("${name}")`) });

describe('the directory page', () => {
  it('lists Sơn La’s agencies with the 2025 successors: Sở KH&ĐT passed to Sở Tài chính from 01/03/2025', async () => {
    await page.goto(`${baseUrl}/directory?tinh=${encodeURIComponent('Sơn La')}`);
    await expect.poll(() => rowOf('Sở Kế hoạch và Đầu tư').innerText()).toContain('Đã chuyển từ 01/03/2025 cho Sở Tài chính');
    expect(await rowOf('Sở Tài chính').innerText()).toContain('Tiếp nhận nhiệm vụ của Sở Kế hoạch và Đầu tư (từ 01/03/2025)');
    expect(await rowOf('Sở Lao động - Thương binh và Xã hội').innerText()).toContain(
      'Sở Nội vụ (lao động, việc làm; cơ quan thường trực của Kế hoạch); Sở Giáo dục và Đào tạo (giáo dục nghề nghiệp)',
    );
    expect(await rowOf('Ủy ban nhân dân các huyện, thành phố').innerText()).toContain('Đã chuyển từ 01/07/2025 cho Ủy ban nhân dân các xã, phường');
    await screenshot(page, 'directory.png');
  });

  it('an agency page shows names over time, contacts and both directions of succession', async () => {
    await page.goto(`${baseUrl}/directory/son-la.so-ke-hoach-va-dau-tu`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Sở Kế hoạch và Đầu tư');
    expect(text).toContain('28/02/2025');
    expect(text).toContain('Từ ngày 01/03/2025, nhiệm vụ chuyển cho:');
    expect(text).toContain('khởi tạo từ kế hoạch mẫu');
  });
});

describe('editing an agency', () => {
  it('a wrong address and a day that does not exist: refused in Vietnamese beside the fields, with what was typed kept', async () => {
    await page.goto(`${baseUrl}/directory/son-la.so-tai-chinh/edit`);
    await page.fill('[name="contacts.0.email"]', 'mai.lt@sonla');
    await page.fill('[name="contacts.0.name"]', 'Lò Thị Mai');
    await page.fill('[name="names.0.from"]', '30/02/2025');
    await page.click('button[type=submit]:text("Lưu")');
    await expect.poll(() => page.locator('.errors').innerText()).toContain('Chưa lưu được: 2 lỗi');
    expect(await page.locator('#contacts\\.0\\.email-error').innerText()).toBe('Địa chỉ thư không hợp lệ');
    expect(await page.locator('#names\\.0\\.from-error').innerText()).toBe('Ngày không hợp lệ (nhập dd/mm/yyyy, một ngày có thật)');
    expect(await page.inputValue('[name="contacts.0.email"]')).toBe('mai.lt@sonla');
    expect(await page.inputValue('[name="contacts.0.name"]')).toBe('Lò Thị Mai');
    expect(await page.inputValue('[name="names.0.from"]')).toBe('30/02/2025');
    expect((await db.directory.get('son-la.so-tai-chinh'))!.revision).toBe(1);
  });

  it('a corrected form is saved as a new revision, kept in the history and the audit log', async () => {
    await page.fill('[name="contacts.0.email"]', 'mai.lt@sonla.gov.vn');
    await page.fill('[name="names.0.from"]', '');
    await page.uncheck('[name="contacts.0.placeholder"]');
    await page.fill('[name="contacts.2.email"]', 'vanthu.stc@sonla.gov.vn');
    await page.selectOption('[name="contacts.2.role"]', 'focal');
    await Promise.all([page.waitForURL(`${baseUrl}/directory/son-la.so-tai-chinh`), page.click('button[type=submit]:text("Lưu")')]);
    const saved = (await db.directory.get('son-la.so-tai-chinh'))!;
    expect(saved.revision).toBe(2);
    expect(saved.contacts.filter((c) => c.role === 'focal').map((c) => [c.email, c.name ?? null, c.placeholder])).toEqual([
      ['mai.lt@sonla.gov.vn', 'Lò Thị Mai', false],
      ['vanthu.stc@sonla.gov.vn', null, false],
    ]);
    const history = await db.directory.history('son-la.so-tai-chinh');
    expect(history.map((h) => [h.revision, h.actor, h.action])).toEqual([
      [2, STAFF.user, 'directory-edit'],
      [1, 'dondoc', 'directory-seed'],
    ]);
    expect((await db.audit.recent(20)).some((e) => e.action === 'directory-edit' && e.target === 'son-la.so-tai-chinh' && e.actor === STAFF.user)).toBe(true);
    expect(await page.locator('main').innerText()).toContain('sửa trên web');
  });
});

describe('export and import', () => {
  it('the exported workbook imported again changes nothing', async () => {
    await page.goto(`${baseUrl}/directory?tinh=${encodeURIComponent('Sơn La')}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:text-is("XLSX")')]);
    const file = await download.path();
    const count = (await db.directory.list()).filter((a) => a.province === 'Sơn La').length;
    await page.setInputFiles('#file', { name: 'danh-ba.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await readFile(file) });
    await page.click('button[type=submit]:text("Nhập")');
    await expect.poll(() => page.locator('p.ok').innerText()).toBe(`Đã nhập tệp danh-ba.xlsx: 0 cơ quan mới, 0 cơ quan được cập nhật, ${count} không thay đổi.`);
  });

  it('a CSV with a bad row is refused whole, each problem by row, column and reason', async () => {
    const header = COLUMNS.join(',');
    const line = (cells: Partial<Record<(typeof COLUMNS)[number], string>>) => COLUMNS.map((c) => cells[c] ?? '').join(',');
    const csv = [
      header,
      line({ 'Mã cơ quan': 'son-la.so-y-te', Tỉnh: 'Sơn La', Loại: 'Sở', Tên: 'Sở Y tế' }),
      line({ 'Mã cơ quan': 'son-la.so-y-te', 'Vai trò liên hệ': 'Đầu mối', 'Thư điện tử': 'yte@sonla' }),
    ].join('\r\n');
    await page.goto(`${baseUrl}/directory`);
    await page.setInputFiles('#file', { name: 'sai.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('button[type=submit]:text("Nhập")');
    await expect.poll(() => page.locator('.errors').innerText()).toContain('Không nhập tệp sai.csv: 1 lỗi');
    expect(await page.locator('main table tbody tr').first().innerText()).toBe('3\tThư điện tử\tson-la.so-y-te: Địa chỉ thư không hợp lệ');
    expect(await db.directory.get('son-la.so-y-te')).toBeNull();
  });
});
