import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyStatus } from '../../src/service/operations.js';
import { signLink } from '../../src/web/links.js';
import { reportWorkflowId } from '../../workflows/ids.js';
import { runScript } from '../support/script.js';
import { LINK_SECRET, login, PLAN, startWebRig, STAFF, type WebRig } from '../support/web.js';

/**
 * Issue 12 on the real server (time-skipping Temporal, real worker): each defect as found, by request.
 * Seed 004 (Sơn La), H1 2026, last day 15/06; business time 04/06 09:00.
 */
describe('hostile input through the web cannot break a period', () => {
  let web: WebRig;
  const period = '2026-H1';
  const apiToken = 'api-token-for-the-edge-test-0123456789abcdef';
  const exp = Math.floor(Date.parse('2026-12-31T00:00:00+07:00') / 1000);
  const token = (agencyId: string) => signLink({ planId: PLAN, period, agencyId, exp }, LINK_SECRET);
  const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${web.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  /**
   * A body too large to be read: the server answers 413 from the declared length, before reading any of it,
   * and closes. The request sends its headers only: writing the body would race the server's close (the
   * client may see the broken pipe before the answer). Any transport error fails the test instead of hanging.
   */
  const oversized = (path: string, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${web.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text });
          req.destroy();
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.flushHeaders();
    });
  const formOf = async (agencyId: string) => {
    const page = await fetch(`${web.baseUrl}/nop/${token(agencyId)}`);
    return {
      cookie: page.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
      csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!,
    };
  };
  const storedFiles = async () =>
    (await readdir(join(web.rig.dataDir, 'files'), { recursive: true }).catch(() => [] as string[])).filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f)).length;

  beforeAll(async () => {
    web = await startWebRig('web-edge', '2026-06-03T09:00:00+07:00', { apiToken });
    await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, '2026-06-04T09:00:00+07:00');
  });
  afterAll(async () => {
    await web?.close();
  });

  it('one request with a 1.5 MB junk field through a signed link cannot terminate the agency’s workflow: it is refused, and submissions still work', async () => {
    const res = await oversized(
      `/api/links/${token('tinh-doan')}/extension-request`,
      JSON.stringify({ lastDay: '2026-06-26', reason: 'Cần thêm thời gian', junk: 'x'.repeat(1_500_000) }),
    );
    expect(res.status).toBe(413);
    expect((JSON.parse(res.text) as { error: string }).error).toMatch(/^Dữ liệu gửi lên quá lớn/);
    const junk = await json(`/api/links/${token('tinh-doan')}/extension-request`, { lastDay: '2026-06-26', reason: 'Cần thêm thời gian', junk: 'x'.repeat(100_000) });
    expect([junk.status, (await out(junk)).reasons]).toEqual([422, ['Trường không được nhận: junk']]);
    const d = await web.rig.env.client.workflow.getHandle(reportWorkflowId(PLAN, period, 'tinh-doan')).describe();
    expect(d.status.name).toBe('RUNNING');
    expect((await agencyStatus(web.ops, PLAN, period, 'tinh-doan')).status.extensionRequest).toBeNull();
    const submitted = await json(`/api/links/${token('tinh-doan')}/submissions`, {
      period,
      tasks: [{ taskId: 'v.8', status: 'dang-thuc-hien', progress: 50, result: 'Đã tư vấn 12 buổi.' }],
      narrative: 'Tỉnh đoàn đã triển khai.',
    });
    expect(submitted.status).toBe(200);
    expect((await agencyStatus(web.ops, PLAN, period, 'tinh-doan')).status).toMatchObject({ state: 'submitted', revisions: 1 });
  });

  it('extension requests through the link are validated: 2026-13-45 and an array as lastDay are refused (422) and the staff agency page keeps working', async () => {
    for (const lastDay of ['2026-13-45', ['2026-06-26'], '2026-02-30']) {
      const res = await json(`/api/links/${token('so-tai-chinh')}/extension-request`, { lastDay, reason: 'Cần thêm thời gian' });
      expect(res.status).toBe(422);
      expect((await out(res)).reasons[0]).toMatch(/^lastDay: /);
    }
    expect((await agencyStatus(web.ops, PLAN, period, 'so-tai-chinh')).status.extensionRequest).toBeNull();
    const page = await fetch(`${web.baseUrl}/plans/${PLAN}/periods/${period}/agencies/so-tai-chinh`, { headers: { authorization: `Bearer ${apiToken}` }, redirect: 'manual' });
    expect(page.status).toBeLessThan(500);
  });

  it('uploads: an executable named .pdf is refused and nothing is stored; a rejected submission leaves no orphan file', async () => {
    const before = await storedFiles();
    const { cookie, csrf } = await formOf('bao-son-la');
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('narrative', 'Có tệp đính kèm.');
    form.append('attachments', new Blob([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xffThis program cannot be run in DOS mode')]), 'bao-cao.pdf');
    const refused = await fetch(`${web.baseUrl}/nop/${token('bao-son-la')}`, { method: 'POST', headers: { cookie }, body: form, redirect: 'manual' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('bao-cao.pdf: nội dung tệp không phải PDF');
    // A real PDF with a report the plan refuses (Hoàn thành at 30 %): refused too, and its file not kept.
    const again = await formOf('bao-son-la');
    const bad = new FormData();
    bad.set('_csrf', again.csrf);
    bad.set('task.0.status', 'hoan-thanh');
    bad.set('task.0.progress', '30');
    bad.append('attachments', new Blob([Buffer.from('%PDF-1.4\n% một tệp khác\n')]), 'bao-cao-that.pdf');
    const res = await fetch(`${web.baseUrl}/nop/${token('bao-son-la')}`, { method: 'POST', headers: { cookie: again.cookie }, body: bad, redirect: 'manual' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Nhiệm vụ &quot;Hoàn thành&quot; phải có tiến độ 100%');
    expect(await storedFiles()).toBe(before);
    expect((await agencyStatus(web.ops, PLAN, period, 'bao-son-la')).submissions).toEqual([]);
  });

  it('uploads: a per-agency and per-period quota, and a free-space guard with a clear Vietnamese error', async () => {
    const quota = await startServerLike(web, { uploadQuotaBytes: 10 });
    const send = async (base: string) => {
      const page = await fetch(`${base}/nop/${token('dai-phat-thanh-truyen-hinh-tinh')}`);
      const c = page.headers
        .getSetCookie()
        .map((x) => x.split(';')[0])
        .join('; ');
      const t = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const form = new FormData();
      form.set('_csrf', t);
      form.set('narrative', 'Đài đã phát 12 chương trình.');
      form.append('attachments', new Blob([Buffer.from('%PDF-1.4\n% đài phát thanh\n')]), 'bao-cao.pdf');
      return fetch(`${base}/nop/${token('dai-phat-thanh-truyen-hinh-tinh')}`, { method: 'POST', headers: { cookie: c }, body: form, redirect: 'manual' });
    };
    const overQuota = await send(quota.baseUrl);
    expect(overQuota.status).toBe(422);
    expect(await overQuota.text()).toContain('Vượt hạn mức tệp đính kèm của kỳ này');
    await quota.close();
    const full = await startServerLike(web, { minFreeDiskBytes: Number.MAX_SAFE_INTEGER });
    const noSpace = await send(full.baseUrl);
    expect(noSpace.status).toBe(507);
    expect(await noSpace.text()).toContain('Máy chủ tạm thời hết chỗ lưu tệp đính kèm');
    await full.close();
    expect((await agencyStatus(web.ops, PLAN, period, 'dai-phat-thanh-truyen-hinh-tinh')).submissions).toEqual([]);
  });

  it('web: multipart errors answer 4xx, not 500', async () => {
    const { cookie, csrf } = await formOf('bao-son-la');
    const broken = await fetch(`${web.baseUrl}/nop/${token('bao-son-la')}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=XYZ', 'x-csrf-token': csrf },
      body: '--XYZ\r\nContent-Disposition: form-data; name="narrative"\r\n\r\nbị cắt giữa chừng',
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    const tooMany = new FormData();
    tooMany.set('_csrf', csrf);
    for (let i = 0; i < 7; i++) tooMany.append('attachments', new Blob([Buffer.from('%PDF-1.4\n')]), `${i}.pdf`);
    const files = await fetch(`${web.baseUrl}/nop/${token('bao-son-la')}`, { method: 'POST', headers: { cookie }, body: tooMany });
    expect(files.status).toBe(413);
    expect(await files.text()).toContain('Mỗi lần nộp đính kèm tối đa 5 tệp');
  });

  it('web: an open redirect after login is refused (/login?next=%2F%09%2F…), and a next with a newline is not a 500', async () => {
    const login = await fetch(`${web.baseUrl}/login?next=%2F%09%2Fevil.example`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const html = await login.text();
    expect(html).toContain('name="next" value="/"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    for (const next of ['/\t/evil.example', '/x\r\nLocation: https://evil.example', '//evil.example']) {
      const res = await fetch(`${web.baseUrl}/login`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, user: STAFF.user, password: STAFF.password, next }),
        redirect: 'manual',
      });
      expect([res.status, res.headers.get('location')]).toEqual([303, '/']);
    }
  });

  it('web: the flash banner takes no text from the query string', async () => {
    const res = await fetch(`${web.baseUrl}/plans/${PLAN}?ok=${encodeURIComponent('Hệ thống đã bị khoá, gọi 0900')}&err=${encodeURIComponent('Lỗi giả')}`, {
      headers: { authorization: `Bearer ${apiToken}` },
      redirect: 'manual',
    });
    // The dashboard needs a session (the bearer token is for the API): the page is not shown, and never with that text.
    expect(await res.text()).not.toMatch(/Hệ thống đã bị khoá|Lỗi giả/);
  });

  it('links: other spellings of a valid token are refused (padding, +/ alphabet, extra segment)', async () => {
    const t = token('bao-son-la');
    const [body, mac] = t.split('.') as [string, string];
    const std = (s: string) => encodeURIComponent(Buffer.from(s, 'base64url').toString('base64'));
    expect((await fetch(`${web.baseUrl}/nop/${t}`)).status).toBe(200);
    for (const v of [`${body}=.${mac}`, `${std(body)}.${std(mac)}`, `${t}.x`]) expect((await fetch(`${web.baseUrl}/nop/${v}`)).status, v).toBe(403);
  });

  it('non-retryable bad input: an unknown agency or an impossible date in an ad-hoc request is refused before Temporal, at once, with a Vietnamese reason', async () => {
    const auth = { authorization: `Bearer ${apiToken}` };
    const unknown = await json(`/api/plans/${PLAN}/adhoc`, { agencyIds: ['khong-ton-tai'], lastDay: '2026-06-30', subject: 'Báo cáo nhanh' }, auth);
    expect([unknown.status, (await out(unknown)).reasons]).toEqual([404, ['agencyId: Không có cơ quan, đơn vị "khong-ton-tai" trong kế hoạch son-la-37-ct-tw-2024']]);
    const impossible = await json(`/api/plans/${PLAN}/adhoc`, { agencyIds: ['tinh-doan'], lastDay: '2026-02-30', subject: 'Báo cáo nhanh' }, auth);
    expect([impossible.status, (await out(impossible)).reasons[0]]).toEqual([422, expect.stringMatching(/^lastDay: Không phải ngày có thật/)]);
    const malformed = await json(`/api/plans/${PLAN}/periods/${period}/agencies/tinh-doan/extension`, '{"approved": "no", "reason": 1', auth);
    expect(malformed.status).toBe(400);
    const notBoolean = await json(`/api/plans/${PLAN}/periods/${period}/agencies/tinh-doan/extension`, { approved: 'no', reason: 'x' }, auth);
    expect([notBoolean.status, (await out(notBoolean)).reasons[0]]).toEqual([422, expect.stringMatching(/^approved: /)]);
  });

  it('the pages still look right under the CSP in Chromium: the stylesheet applies and the browser reports no violation', async () => {
    const context = await web.browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${web.baseUrl}/nop/${token('so-giao-duc-va-dao-tao')}`);
    expect(
      await page.locator('header').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor),
    ).toBe('rgb(139, 26, 26)');
    await login(page, web.baseUrl, `/plans/${PLAN}`);
    expect(
      await page.locator('header').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor),
    ).toBe('rgb(139, 26, 26)');
    expect(await page.locator('svg.chart').count()).toBe(1);
    await page.goto(`${web.baseUrl}/plans/${PLAN}/periods/${period}/agencies/tinh-doan`);
    expect(
      await page.locator('.cell.inline-block').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(e).display),
    ).toBe('inline-block');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('the response headers of /, /nop/<token> and report.html: a CSP without script, nosniff, frame-ancestors none; HSTS only under https', async () => {
    const pick = (r: Response) =>
      Object.fromEntries(
        ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'strict-transport-security', 'content-type', 'cache-control'].map((h) => [
          h,
          r.headers.get(h),
        ]),
      );
    const root = await fetch(`${web.baseUrl}/`, { redirect: 'manual' });
    const portal = await fetch(`${web.baseUrl}/nop/${token('bao-son-la')}`);
    const reportHtml = await fetch(`${web.baseUrl}/api/plans/${PLAN}/periods/${period}/report.html?source=live`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(reportHtml.status).toBe(200);
    const headers = { '/': pick(root), '/nop/<token>': pick(portal), 'report.html': pick(reportHtml) };
    for (const h of Object.values(headers)) {
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(h['content-security-policy']).toMatch(/default-src 'none'/);
      expect(h['content-security-policy']).not.toMatch(/script-src|unsafe-eval/);
      expect(h['strict-transport-security']).toBeNull();
    }
    expect(headers['/nop/<token>']['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(headers['report.html']['content-security-policy']).toMatch(/sandbox/);
    const https = await startServerLike(web, { hsts: true });
    const secure = await fetch(`${https.baseUrl}/nop/${token('bao-son-la')}`);
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    await https.close();
    // For the report: the headers as served.
    if (process.env.DONDOC_HEADERS_OUT) await writeFile(process.env.DONDOC_HEADERS_OUT, `${JSON.stringify({ ...headers, 'https /nop/<token>': pick(secure) }, null, 2)}\n`);
  });
});

const out = async (r: Response) => (await r.json()) as { error: string; reasons: string[] };

/** A second server over the same workers and Temporal, with other options (quota, free space, HSTS). */
async function startServerLike(web: WebRig, extra: Partial<import('../../src/web/server.js').WebOptions>) {
  const { buildServer } = await import('../../src/web/server.js');
  const { StaffDirectory } = await import('../../src/web/auth.js');
  const app = buildServer({
    ops: web.ops,
    plans: () => [web.plan],
    linkSecret: LINK_SECRET,
    staff: new StaffDirectory(web.db.users),
    db: web.db,
    dataDir: web.rig.dataDir,
    now: async () => (await web.rig.env.currentTimeMs()) + web.clockOffsetMs,
    logStream: { write: () => {} },
    ...extra,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, close: () => app.close() };
}
