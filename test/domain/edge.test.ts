import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { consolidate } from '../../src/consolidation/consolidate.js';
import { renderReport, renderReportAs } from '../../src/consolidation/documents.js';
import { MalformedDocumentError } from '../../src/consolidation/wellFormed.js';
import { sonLaAnnualReport } from '../support/reportFixture.js';
import { developmentLinkSecret, linkSecretFile, loadConfig } from '../../src/config.js';
import { isRealIsoDate, parseViDate } from '../../src/edge/dates.js';
import { MAX_FILE_NAME_BYTES, MAX_LONG_TEXT_BYTES, MAX_REVISIONS, MAX_SUBMISSION_BYTES } from '../../src/edge/limits.js';
import { viReasons } from '../../src/edge/messages.js';
import { adhocRequestSchema, extensionDecisionSchema, extensionRequestSchema, submissionSchema } from '../../src/edge/schemas.js';
import { isXmlSafe, safeFileName, utf8Bytes, xmlSafe } from '../../src/edge/text.js';
import { formatViNumber, parseViNumber } from '../../src/edge/viNumber.js';
import { loadPlanFile, parsePlan } from '../../src/plan/load.js';
import { submissionProblems } from '../../src/reporting/submissionRules.js';
import { projectRoot } from '../../src/runtime/tools.js';
import { RejectedError } from '../../src/service/operations.js';
import { registerErrorHandling, redactUrl, webLoggerOptions } from '../../src/web/errors.js';
import { flashText } from '../../src/web/flash.js';
import { signLink, verifyLink } from '../../src/web/links.js';
import { safeNext } from '../../src/web/security.js';
import { checkFile } from '../../src/web/uploads.js';

const ctx = { period: '2026-H1', taskIds: ['v.7'], targetIds: ['t1'] };
const valid = { period: '2026-H1', tasks: [{ taskId: 'v.7', status: 'dang-thuc-hien', progress: 60, result: 'Đã đăng 24 tin, bài.' }], narrative: 'Báo Sơn La đã mở chuyên mục.' };
const reasonsOf = (r: { success: boolean; error?: unknown }) => (r.success ? [] : viReasons(r.error as never));
/** Vietnamese text of a given length in characters: 3 bytes for most letters with marks (NFC). */
const dense = (chars: number) => 'Đẩy mạnh đào tạo nghề cho lao động nông thôn vùng sâu, vùng xa. '.repeat(Math.ceil(chars / 64)).slice(0, chars);
const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'dondoc-edge-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('issue 12: hostile input cannot break a period (pure edges)', () => {
  it('one request with a 1.5 MB junk field through a signed link is refused by the extension-request schema: unknown fields and oversized text never reach a workflow', () => {
    const junk = 'x'.repeat(1_500_000);
    expect(reasonsOf(extensionRequestSchema.safeParse({ lastDay: '2026-06-19', reason: 'Cần thêm thời gian', junk }))).toEqual(['Trường không được nhận: junk']);
    const [reason] = reasonsOf(extensionRequestSchema.safeParse({ lastDay: '2026-06-19', reason: junk }));
    expect(reason).toMatch(/^reason: Dài quá giới hạn 2\.048 byte/);
  });

  it('submissions are bounded: attachment names, content types, the reporter’s name and every list have limits', () => {
    const attachment = { name: 'n'.repeat(1_000_000), sha256: 'a'.repeat(64), size: 10, contentType: 'application/x-msdownload' };
    expect(reasonsOf(submissionSchema.safeParse({ ...valid, attachments: [attachment], submittedBy: { name: 'Nguyễn '.repeat(100_000) } }))).toEqual([
      expect.stringMatching(/^attachments\[0\]\.name: Dài quá giới hạn 200 byte/),
      expect.stringMatching(/^attachments\[0\]\.contentType: Loại tệp không được nhận/),
      expect.stringMatching(/^submittedBy\.name: Dài quá giới hạn 300 byte/),
    ]);
    const many = reasonsOf(
      submissionSchema.safeParse({
        ...valid,
        attachments: Array.from({ length: 9 }, (_, i) => ({ ...attachment, name: 'a.pdf', contentType: 'application/pdf', sha256: String(i).repeat(64) })),
        tasks: Array.from({ length: 400 }, () => valid.tasks[0]),
        targets: Array.from({ length: 201 }, (_, i) => ({ targetId: `t${i}`, value: i })),
      }),
    );
    expect(many).toEqual(['tasks: Nhiều quá 300 mục', 'targets: Nhiều quá 200 mục', 'attachments: Nhiều quá 5 mục']);
  });

  it('two agencies with 1 MB attachment names cannot wedge a period, and repeated large revisions cannot reach the history limit: a whole submission is at most 96 KiB and an agency has at most 20 revisions, under Temporal’s 2 MiB together', () => {
    expect(MAX_REVISIONS * MAX_SUBMISSION_BYTES).toBeLessThan(2 * 1024 * 1024);
    const big = { ...valid, narrative: dense(25_000), difficulties: dense(25_000), recommendations: dense(25_000), tasks: [{ ...valid.tasks[0], result: dense(6_000) }] };
    expect(submissionSchema.safeParse(big).success).toBe(true); // each field alone is allowed
    expect(submissionProblems(big, ctx)).toEqual([expect.stringMatching(/^Báo cáo quá lớn: .* tối đa 98\.304 byte$/)]);
    expect(submissionProblems(valid, { ...ctx, revisions: MAX_REVISIONS })).toEqual([expect.stringMatching(/^Đã nộp 20 lần cho kỳ này, tối đa 20 lần/)]);
    expect(submissionProblems(valid, { ...ctx, revisions: MAX_REVISIONS - 1 })).toEqual([]);
  });

  it('even legal 20,000-character Vietnamese texts are accepted and measured in bytes after NFC; a text over 32 KiB is refused with its size', () => {
    const text = dense(20_000);
    expect(submissionSchema.parse({ ...valid, narrative: text.normalize('NFD') }).narrative).toBe(text.normalize('NFC'));
    // 24,000 characters typed decomposed are over the limit, but fit once composed: the limit is taken after NFC.
    const typed = dense(24_000).normalize('NFD');
    expect(utf8Bytes(typed)).toBeGreaterThan(MAX_LONG_TEXT_BYTES);
    expect(submissionSchema.safeParse({ ...valid, narrative: typed }).success).toBe(true);
    const [reason] = reasonsOf(submissionSchema.safeParse({ ...valid, narrative: dense(30_000) }));
    expect(reason).toMatch(/^narrative: Dài quá giới hạn 32\.768 byte \(đã nhập [\d.]+ byte/);
  });

  it('U+FFFE or U+FFFF in any text field is removed at the edge, and lone surrogates become U+FFFD, so the text is XML-safe', () => {
    const parsed = submissionSchema.parse({ ...valid, narrative: 'Kết\uFFFEquả\uFFFF\u0000 \uD800tốt', difficulties: 'A\u0008B' });
    expect([parsed.narrative, parsed.difficulties]).toEqual(['Kếtquả \uFFFDtốt', 'AB']);
    expect(isXmlSafe(parsed.narrative)).toBe(true);
    expect(xmlSafe(xmlSafe('x\uFFFFy'))).toBe('xy');
    // What reaches a workflow without the edge is refused there, not recorded.
    expect(submissionProblems({ ...valid, narrative: 'x\uFFFF' }, ctx)).toEqual([expect.stringMatching(/^narrative: Có ký tự không được phép/)]);
  });

  it('U+FFFF that bypasses the edge makes the DOCX, XLSX and HTML renderers refuse to produce a file, rather than send one that does not open', async () => {
    const f = await sonLaAnnualReport();
    const agency = f.roles.onTime.find((a) => f.input.submissions[a]!.payload.tasks.length > 0)!;
    const record = f.input.submissions[agency]!;
    const poisoned = {
      ...f.input.submissions,
      [agency]: {
        ...record,
        payload: { ...record.payload, difficulties: 'Thiếu kinh phí\uFFFF', tasks: record.payload.tasks.map((t) => ({ ...t, result: `${t.result}\uFFFE` })) },
      },
    };
    const report = consolidate({ plan: f.plan, cycle: f.cycle, submissions: poisoned, statuses: f.input.statuses, mode: 'final', at: f.input.at });
    for (const format of ['docx', 'xlsx', 'html'] as const) await expect(renderReportAs(f.plan, report, format), format).rejects.toBeInstanceOf(MalformedDocumentError);
    await expect(renderReport(f.plan, f.report)).resolves.toBeTruthy();
  });

  it('extension requests are validated: "2026-13-45" and 2026-02-30 are not days, an array as lastDay is refused, real booleans only ("no" is not a refusal, nor an approval)', () => {
    expect(reasonsOf(extensionRequestSchema.safeParse({ lastDay: '2026-13-45', reason: 'x' }))).toEqual([expect.stringMatching(/^lastDay: Không phải ngày có thật/)]);
    expect(reasonsOf(extensionRequestSchema.safeParse({ lastDay: '2026-02-30', reason: 'x' }))).toEqual([expect.stringMatching(/^lastDay: Không phải ngày có thật/)]);
    expect(reasonsOf(extensionRequestSchema.safeParse({ lastDay: ['2026-06-19'], reason: 'x' }))).toEqual([expect.stringMatching(/^lastDay: Phải là một ngày dạng YYYY-MM-DD/)]);
    expect(reasonsOf(extensionDecisionSchema.safeParse({ approved: 'no', reason: 'x' }))).toEqual([expect.stringMatching(/^approved: Phải là true \(chấp thuận\) hoặc false/)]);
    expect(reasonsOf(extensionDecisionSchema.safeParse({ approved: true, reason: 'x' }))).toEqual(['lastDay: Chấp thuận gia hạn cần ngày hạn mới']);
    expect([isRealIsoDate('2028-02-29'), isRealIsoDate('2026-02-29'), isRealIsoDate('1999-12-31'), parseViDate('31/04/2026'), parseViDate('19/06/2026')]).toEqual([
      true,
      false,
      false,
      null,
      '2026-06-19',
    ]);
  });

  it('an ad-hoc request names each agency once, at least one, with a real day and a subject', () => {
    expect(reasonsOf(adhocRequestSchema.safeParse({ agencyIds: ['tinh-doan', 'tinh-doan'], lastDay: '2026-12-32', subject: ' ' }))).toEqual([
      'agencyIds[1]: Cơ quan "tinh-doan" có hai lần',
      expect.stringMatching(/^lastDay: Không phải ngày có thật/),
      'subject: Hãy nêu nội dung cần báo cáo',
    ]);
  });

  it('uploads: the type is detected by content, an executable named .pdf is refused; PDF, DOCX and PNG are accepted with their detected type', async () => {
    expect(await checkFile({ filename: 'bao-cao.pdf', buf: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff'), truncated: false })).toMatch(
      /^bao-cao\.pdf: nội dung tệp không phải PDF/,
    );
    expect(await checkFile({ filename: 'cai-dat.exe', buf: Buffer.from('MZ'), truncated: false })).toMatch(/định dạng không được nhận/);
    const pdf = await checkFile({ filename: 'bao-cao.pdf', buf: Buffer.from('%PDF-1.4\n% báo cáo\n'), truncated: false });
    expect(pdf).toMatchObject({ name: 'bao-cao.pdf', contentType: 'application/pdf', size: 21 });
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Báo cáo')] }] }));
    expect(await checkFile({ filename: 'bao-cao.docx', buf: docx, truncated: false })).toMatchObject({
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    expect(await checkFile({ filename: 'anh.png', buf: png, truncated: false })).toMatchObject({ contentType: 'image/png' });
    expect(await checkFile({ filename: 'anh.jpg', buf: png, truncated: false })).toMatch(/nội dung tệp không phải JPG \(là PNG\)/);
  });

  it('uploads: file names with NUL, RTLO or 5,000 characters are sanitised: NFC, no controls or bidi overrides, bounded, extension kept', () => {
    expect(safeFileName('bao\u0000cao.pdf', MAX_FILE_NAME_BYTES)).toBe('baocao.pdf');
    expect(safeFileName('hoa-don\u202Efdp.exe', MAX_FILE_NAME_BYTES)).toBe('hoa-donfdp.exe');
    const long = safeFileName(`${'Báo cáo '.repeat(625)}.pdf`, MAX_FILE_NAME_BYTES);
    expect(utf8Bytes(long)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(safeFileName('Ba\u0301o ca\u0301o.docx', MAX_FILE_NAME_BYTES)).toBe('Báo cáo.docx'.normalize('NFC'));
    expect(safeFileName('../../etc/passwd', MAX_FILE_NAME_BYTES)).toBe('passwd');
  });

  it('web: no open redirect after login; a next with a tab, a newline, a backslash or another origin goes to "/"', () => {
    for (const bad of [
      '/\t/evil.example',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      '/x\r\nSet-Cookie: a=b',
      '/\n',
      'javascript:alert(1)',
      '',
      undefined,
      ['/plans'],
    ])
      expect(safeNext(bad)).toBe('/');
    expect(safeNext(decodeURIComponent('%2F%09%2Fevil.example'))).toBe('/');
    expect(safeNext('/plans/son-la-37-ct-tw-2024?tab=1')).toBe('/plans/son-la-37-ct-tw-2024?tab=1');
  });

  it('web: the flash banner takes its text from a code, never from the query string', () => {
    expect(flashText('exempted')).toBe('Đã miễn báo cáo kỳ này');
    expect([flashText('<script>alert(1)</script>'), flashText('Đã xoá toàn bộ dữ liệu'), flashText('toString'), flashText(['exempted'])]).toEqual([null, null, null, null]);
  });

  it('web: 500s leak no internal message; the error is logged with link tokens redacted; multipart and JSON errors answer 4xx in Vietnamese', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: webLoggerOptions({ write: (l: string) => void lines.push(l) }) });
    registerErrorHandling(app, app.log);
    app.get('/nop/:token', async () => {
      throw new Error('Blob data size exceeds limit (workflow report:son-la:2026-H1:bao-son-la)');
    });
    app.post('/api/x', async () => ({ ok: true }));
    app.get('/api/refused', async () => {
      throw new RejectedError('Không thực hiện được báo cáo', ['narrative: Báo cáo đang để trống']);
    });
    const token = 'eyJhIjoxfQ.abcdefghijabcdefghijabcdefghijabcdefghijabc';
    const res = await app.inject({ method: 'GET', url: `/nop/${token}` });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/Blob|workflow|report:/);
    expect(res.body).toMatch(/Lỗi máy chủ/);
    const logged = lines.join('');
    expect(logged).toMatch(/Blob data size exceeds limit/);
    expect(logged).not.toContain(token);
    expect(logged).toContain('/nop/[token]');
    const bad = await app.inject({ method: 'POST', url: '/api/x', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect([bad.statusCode, bad.json().error]).toEqual([400, 'Nội dung không phải JSON hợp lệ.']);
    const refused = await app.inject({ method: 'GET', url: '/api/refused' });
    expect([refused.statusCode, refused.json().reasons]).toEqual([422, ['narrative: Báo cáo đang để trống']]);
    expect(redactUrl('/api/links/abc.def/submissions?x=1')).toBe('/api/links/[token]/submissions?x=1');
    await app.close();
  });

  it('links: one canonical encoding; padding, the +/ alphabet, spare bits, an extra segment and re-spaced JSON are refused', () => {
    const secret = 'k'.repeat(40);
    const token = signLink({ planId: 'p', period: '2026-H1', agencyId: 'a', exp: 2_000_000_000 }, secret);
    expect(verifyLink(token, secret, 0)).toMatchObject({ ok: true });
    const [body, mac] = token.split('.') as [string, string];
    const std = (s: string) => Buffer.from(s, 'base64url').toString('base64');
    const spare = mac.slice(0, -1) + String.fromCharCode(mac.charCodeAt(42) + 1);
    const respaced = Buffer.from(JSON.stringify(['p', '2026-H1', 'a', 2_000_000_000], null, 1)).toString('base64url');
    for (const variant of [`${body}=.${mac}`, `${body}.${mac}=`, `${std(body)}.${std(mac)}`, `${body}.${mac}.x`, `${body}.${spare}`, `${respaced}.${mac}`, ` ${token}`])
      expect(verifyLink(variant, secret, 0).ok, variant).toBe(false);
  });

  it('links: the development LINK_SECRET is random, stored under the data directory at first start (mode 0600), and never a constant', async () => {
    const [a, b] = [await tmp(), await tmp()];
    const first = developmentLinkSecret(a);
    expect(developmentLinkSecret(a)).toBe(first);
    expect(developmentLinkSecret(b)).not.toBe(first);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(linkSecretFile(a))).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DONDOC_DATA_DIR: a }).LINK_SECRET).toBe(first);
    expect(loadConfig({ DONDOC_DATA_DIR: a, LINK_SECRET: 'z'.repeat(32) }).LINK_SECRET).toBe('z'.repeat(32));
    expect(() => loadConfig({ DONDOC_DATA_DIR: a, NODE_ENV: 'production' })).toThrow(/LINK_SECRET: required in production/);
    expect(await readFile(join(projectRoot, 'src/config.ts'), 'utf8')).not.toMatch(/dondoc-development-link-secret/);
  });
});

describe('issue 12: plan files', () => {
  const seed = () => readFile(join(projectRoot, 'plans/son-la-37-ct-tw-2024.yaml'), 'utf8');

  it('unknown keys are errors with the nearest known key: remindres → reminders?', async () => {
    const r = parsePlan(`${await seed()}\nremindres:\n  at: "07:00"\n`, 'son-la.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([expect.objectContaining({ path: 'remindres', message: 'khoá không được nhận / unknown key: remindres → reminders?' })]);
  });

  it('horizon years are bounded to 2000–2100: -2021 is refused', async () => {
    const r = parsePlan((await seed()).replace(/from: 2024/, 'from: -2021'), 'son-la.yaml');
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(['document.horizon.from']);
  });

  it('a file with more than 100 YAML aliases, a 2 MB file, a missing file: the batch still reports every file, each with its own reason', async () => {
    const dir = await tmp();
    const bomb = join(dir, 'bomb.yaml');
    await writeFile(bomb, `a: &a [x]\n${Array.from({ length: 120 }, (_, i) => `k${i}: *a`).join('\n')}\n`);
    const large = join(dir, 'large.yaml');
    await writeFile(large, `notes:\n${'  - "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n'.repeat(60_000)}`);
    const files = [bomb, large, join(dir, 'missing.yaml'), join(projectRoot, 'plans/son-la-37-ct-tw-2024.yaml')];
    const results = await Promise.all(files.map((f) => loadPlanFile(f)));
    expect(results.map((r) => (r.ok ? 'ok' : r.errors[0]!.message.split(':')[0]))).toEqual([
      'quá nhiều bí danh YAML / too many YAML aliases',
      'tệp quá lớn / file too large',
      'cannot read file',
      'ok',
    ]);
  });
});

describe('issue 11 item 5: a report is a report', () => {
  it('an empty submission is refused with a Vietnamese reason: the agency’s own tasks each need a status, or the narrative is filled', () => {
    const empty = { period: '2026-H1', tasks: [], targets: [], narrative: '', difficulties: '', recommendations: '', attachments: [] };
    expect(submissionProblems(empty, ctx)).toEqual(['narrative: Báo cáo đang để trống: hãy ghi tình trạng cho từng nhiệm vụ của đơn vị (0/1 đã ghi) hoặc điền phần kết quả chung']);
    expect(submissionProblems({ ...empty, narrative: '   ' }, { ...ctx, taskIds: [] })).toEqual(['narrative: Báo cáo đang để trống: hãy điền phần kết quả thực hiện chung']);
    expect(submissionProblems({ ...empty, tasks: [{ taskId: 'v.7', status: 'thuong-xuyen', result: '' }] }, ctx)).toEqual([]);
    expect(submissionProblems({ ...empty, narrative: 'Đã triển khai.' }, ctx)).toEqual([]);
    // A report "as it arises" (ad-hoc) may be only its difficulties.
    expect(submissionProblems({ ...empty, period: 'DX-20260302-1', difficulties: 'Thiếu kinh phí.' }, { ...ctx, period: 'DX-20260302-1' })).toEqual([]);
  });

  it('status and progress agree: "hoàn thành" means 100 %, "chưa triển khai" means 0 or nothing', () => {
    const task = (status: string, progress?: number) => ({ ...valid, tasks: [{ taskId: 'v.7', status, ...(progress === undefined ? {} : { progress }), result: '' }] });
    expect(submissionProblems(task('hoan-thanh', 30), ctx)).toEqual(['tasks[0].progress: Nhiệm vụ "Hoàn thành" phải có tiến độ 100% (đang ghi 30%)']);
    expect(submissionProblems(task('chua-trien-khai', 40), ctx)).toEqual(['tasks[0].progress: Nhiệm vụ "Chưa triển khai" có tiến độ 0% hoặc để trống (đang ghi 40%)']);
    for (const ok of [task('hoan-thanh', 100), task('hoan-thanh'), task('chua-trien-khai', 0), task('chua-trien-khai'), task('dang-thuc-hien', 30)])
      expect(submissionProblems(ok, ctx)).toEqual([]);
  });

  it('one Vietnamese number parser: "16.000" is 16000, "63,5" is 63.5, "1.234,5" is 1234.5; "63.5" is not a Vietnamese number', () => {
    expect(['16.000', '63,5', '1.234,5', '1 200', '-2,25', '100'].map(parseViNumber)).toEqual([16000, 63.5, 1234.5, 1200, -2.25, 100]);
    for (const bad of ['63.5', '1.23', 'abc', '', '1,2,3', '16.000.0']) expect(parseViNumber(bad)).toBeNaN();
    expect([formatViNumber(16000), formatViNumber(63.5), formatViNumber(1234.5)]).toEqual(['16.000', '63,5', '1.234,5']);
  });

  it('every reason a user sees is Vietnamese: the plan’s own rules as well as the shape', () => {
    const reasons = submissionProblems(
      { ...valid, period: '2026', tasks: [{ taskId: 'iii.1', status: 'xong', result: '' }], targets: [{ targetId: 'khong-co', value: 'nhiều' }] },
      ctx,
    );
    expect(reasons).toEqual(['tasks[0].status: Hãy chọn tình trạng trong danh sách', 'targets[0].value: Phải là một số (ví dụ 63,5)']);
    expect(
      submissionProblems({ ...valid, period: '2026', tasks: [{ taskId: 'iii.1', status: 'hoan-thanh', result: '' }], targets: [{ targetId: 'khong-co', value: 1 }] }, ctx),
    ).toEqual([
      'period: Phải là kỳ "2026-H1", không phải "2026"',
      'tasks[0].taskId: "iii.1" không phải nhiệm vụ của cơ quan, đơn vị này',
      'targets[0].targetId: "khong-co" không phải chỉ tiêu của kế hoạch',
    ]);
  });
});

describe('issue 12 item 8: lookups refuse bad input at once', () => {
  it('an unknown agency or an impossible date is a non-retryable ApplicationFailure with its reason, not "Activity task failed" after retries', async () => {
    const { ApplicationFailure } = await import('@temporalio/common');
    const { createActivities } = await import('../../activities/index.js');
    const { ContentStore } = await import('../../src/storage/contentStore.js');
    const { PlanStore } = await import('../../src/storage/planStore.js');
    const { loadPlanOrThrow } = await import('../../src/plan/load.js');
    const plans = new PlanStore(new ContentStore(await tmp()));
    const planRef = await plans.put(await loadPlanOrThrow(join(projectRoot, 'plans/son-la-37-ct-tw-2024.yaml')));
    const acts = createActivities({
      plans,
      storage: plans.store,
      mailer: null as never,
      publicUrl: 'http://x',
      linkSecret: 'k'.repeat(32),
      linkValidityDays: 60,
      temporal: null as never,
    });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    const unknown = await refusal(acts.adhocCycle({ planRef, agencyIds: ['khong-ton-tai'], lastDay: '2026-06-30', subject: 'x', seq: 1, at: '2026-06-04T09:00:00+07:00' }));
    expect(unknown).toBeInstanceOf(ApplicationFailure);
    expect(unknown).toMatchObject({ nonRetryable: true, type: 'BadInput', message: expect.stringContaining('khong-ton-tai') });
    const impossible = await refusal(acts.scheduleForLastDay({ planRef, lastDay: '2026-02-30' }));
    expect(impossible).toMatchObject({ nonRetryable: true, message: expect.stringMatching(/^lastDay: không phải ngày có thật/) });
    expect(await refusal(acts.taskAndTargetIds({ planRef, agencyIds: ['x'] }))).toMatchObject({ nonRetryable: true });
    await expect(acts.scheduleForLastDay({ planRef, lastDay: '2026-06-30' })).resolves.toMatchObject({ lastDay: '2026-06-30' });
  });
});
