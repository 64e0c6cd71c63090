import { describe, expect, it } from 'vitest';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import { projectRoot } from '../../src/runtime/tools.js';
import type { AgencyStatus } from '../../src/reporting/types.js';
import { hashPassword, verifyPassword } from '../../src/web/auth.js';
import { countPeriod } from '../../src/web/dashboardData.js';
import { parseViDate } from '../../src/web/format.js';
import { html } from '../../src/web/html.js';
import { formModel, formToPayload, parseNumber, payloadToForm, schemaErrors } from '../../src/web/submissionForm.js';

/** The web's pure parts: form ↔ payload, field errors, dates and numbers as Vietnamese users type them, escaping, rates, the KDF. */
describe('web forms and helpers', () => {
  const plan = () => loadPlanOrThrow(`${projectRoot}/plans/son-la-37-ct-tw-2024.yaml`);

  it('numbers and dates are read the Vietnamese way: 63,5 and dd/mm/yyyy; impossible dates are refused', () => {
    expect(parseNumber('63,5')).toBe(63.5);
    expect(parseNumber('1 200')).toBe(1200);
    expect(parseNumber('abc')).toBeNaN();
    expect(parseViDate('26/06/2026')).toBe('2026-06-26');
    expect(parseViDate('2026-06-26')).toBe('2026-06-26');
    expect(parseViDate('31/02/2026')).toBeNull();
    expect(parseViDate('06/26/2026')).toBeNull();
  });

  it('a form becomes the payload the schema accepts, and a payload fills the form again', async () => {
    const p = await plan();
    const m = formModel(p, 'bao-son-la');
    const values = { 'task.0.status': 'hoan-thanh', 'task.0.progress': '100', 'task.0.result': 'Xong', narrative: 'Tốt', 'target.0.value': '58,9' };
    const { payload, errors } = schemaErrors(formToPayload(m, '2026-H1', values, []));
    expect(errors).toEqual({});
    expect(payload).toMatchObject({ period: '2026-H1', tasks: [{ taskId: m.tasks[0]!.task.id, status: 'hoan-thanh', progress: 100 }], targets: [{ targetId: 't1', value: 58.9 }] });
    expect(payloadToForm(m, payload!)).toMatchObject({ 'task.0.progress': '100', 'target.0.value': '58,9', narrative: 'Tốt' });
  });

  it('each problem lands on its own field, in Vietnamese', async () => {
    const m = formModel(await plan(), 'bao-son-la');
    const { errors, payload } = schemaErrors(
      formToPayload(m, '2026-H1', { 'task.1.status': 'dang-thuc-hien', 'task.1.progress': '150', 'target.2.value': 'nhiều', submitterEmail: 'khong-phai-email' }, []),
    );
    expect(payload).toBeNull();
    expect(errors).toEqual({
      'task.1.progress': ['Không được lớn hơn 100'],
      'target.2.value': ['Phải là một số (ví dụ 63,5)'],
      submitterEmail: ['Địa chỉ thư điện tử không hợp lệ'],
    });
  });

  it('interpolated text is escaped; nested html is not escaped twice', () => {
    expect(html`<p title="${'"x"'}">${'<script>&'}${html`<b>ok</b>`}</p>`.value).toBe('<p title="&quot;x&quot;">&lt;script&gt;&amp;<b>ok</b></p>');
  });

  it('completeness counts reports received over reports expected, exempted agencies not expected; timeliness only those on time', () => {
    const a = (state: AgencyStatus['state']) => ({ state, dueAt: '2026-06-15T23:59:59+07:00', remindersSent: [] }) as unknown as AgencyStatus;
    const c = countPeriod([a('submitted'), a('submitted-late'), a('overdue'), a('exempted'), a('pending')], Date.parse('2026-06-01T00:00:00+07:00'));
    expect(c.counts).toMatchObject({ ontime: 1, late: 1, overdue: 1, exempted: 1, pending: 1 });
    expect(c.completeness).toBe(2 / 4);
    expect(c.timeliness).toBe(1 / 4);
  });

  it('passwords are stored as salted scrypt hashes and only the right one verifies', async () => {
    const h1 = await hashPassword('mật khẩu dài đủ');
    const h2 = await hashPassword('mật khẩu dài đủ');
    expect(h1).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain('mật');
    expect(await verifyPassword('mật khẩu dài đủ', h1)).toBe(true);
    expect(await verifyPassword('mat khau dai du', h1)).toBe(false);
  });
});
