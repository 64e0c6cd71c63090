/**
 * What every implementation of the repositories must do, as one list of tests run against PGlite (the
 * fast tier) and against a real PostgreSQL server (test/integration/postgres.test.ts).
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import type { DeliveryIntent, DeliveryLog } from '../../src/db/deliveries.js';
import { DeliveryOutcomeUnknownError } from '../../src/db/deliveries.js';

export const intent = (key: string, extra: Partial<DeliveryIntent> = {}): DeliveryIntent => ({
  key,
  messageId: `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@dondoc>`,
  kind: 'reminder',
  planId: 'son-la-37-ct-tw-2024',
  period: '2026-H1',
  agencyId: 'so-tai-chinh',
  to: ['taichinh@sonla.gov.vn'],
  cc: [],
  subject: '[Nhắc hạn] Báo cáo 6 tháng đầu năm 2026',
  at: '2026-06-04T08:00:00+07:00',
  ...extra,
});

export function repositoryContract(db: () => Database): void {
  deliveryStateContract(() => db().deliveries);

  it('a staff account is found by name with its role, and a new password replaces the old one', async () => {
    await db().users.upsert({ name: 'thuongtruc', passwordHash: 'scrypt$1', role: 'officer' });
    await db().users.upsert({ name: 'thuongtruc', passwordHash: 'scrypt$2' });
    expect(await db().users.find('thuongtruc')).toMatchObject({ name: 'thuongtruc', passwordHash: 'scrypt$2', role: 'officer' });
    expect(await db().users.find('nobody')).toBeNull();
  });

  it('a session is found by the id given at login, not by the stored digest, and is gone after logout', async () => {
    const id = await db().sessions.create('thuongtruc', { ip: '127.0.0.1' });
    expect(await db().sessions.get(id)).toMatchObject({ user: 'thuongtruc' });
    const [row] = await db().sql.query<{ id_sha256: string }>('SELECT id_sha256 FROM staff_sessions');
    expect(row!.id_sha256).not.toBe(id);
    expect(await db().sessions.get(row!.id_sha256)).toBeNull();
    await db().sessions.destroy(id);
    expect(await db().sessions.get(id)).toBeNull();
  });

  it('an expired session does not log anybody in', async () => {
    const id = await db().sessions.create('thuongtruc');
    await db().sql.query(`UPDATE staff_sessions SET expires_at = now() - interval '1 second'`);
    expect(await db().sessions.get(id)).toBeNull();
  });

  it('a message is sent once: after its acceptance a retry is skipped', async () => {
    const k = 'report:p:2026-H1:so-a/reminder/2026-06-04/7';
    expect(await db().deliveries.begin(intent(k))).toEqual({ action: 'send', attempt: 1 });
    await db().deliveries.accepted(k, '250 2.0.0 OK');
    expect(await db().deliveries.begin(intent(k))).toEqual({ action: 'skip' });
    expect(await db().deliveries.get(k)).toMatchObject({ state: 'accepted', relayResponse: '250 2.0.0 OK', attempts: 1 });
  });

  it('a message the relay refused is sent again on the retry', async () => {
    const k = 'report:p:2026-H1:so-b/reminder/2026-06-04/7';
    await db().deliveries.begin(intent(k));
    await db().deliveries.failed(k, 'ECONNREFUSED');
    expect(await db().deliveries.begin(intent(k))).toEqual({ action: 'send', attempt: 2 });
  });

  it('a message whose outcome is unknown is resent once, and a second unknown outcome stops it', async () => {
    const k = 'report:p:2026-H1:so-c/overdue/2026-06-16/1';
    await db().deliveries.begin(intent(k));
    expect(await db().deliveries.begin(intent(k))).toEqual({ action: 'resend', attempt: 2 });
    await expect(db().deliveries.begin(intent(k))).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
  });

  it("an agency's messages are listed by its workflow id, and a similar id's are not", async () => {
    await db().deliveries.begin(intent('report:p:2026:so-d/reminder/1', { at: '2026-12-03T08:00:00+07:00' }));
    await db().deliveries.begin(intent('report:p:2026:so-d/dispatch', { at: '2026-12-01T08:00:00+07:00' }));
    await db().deliveries.begin(intent('report:p:2026:so-d2/reminder/1'));
    await db().deliveries.begin(intent('report:p:2026:so_d/reminder/1'));
    const rows = await db().deliveries.forWorkflow('report:p:2026:so-d');
    expect(rows.map((r) => r.key)).toEqual(['report:p:2026:so-d/dispatch', 'report:p:2026:so-d/reminder/1']);
    expect(rows[0]).toMatchObject({ at: '2026-12-01T01:00:00.000Z', to: ['taichinh@sonla.gov.vn'], state: 'sending' });
  });

  it('the audit log keeps who did what from where, newest first', async () => {
    await db().audit.record({ actor: 'thuongtruc', action: 'login', ip: '10.0.0.5' });
    await db().audit.record({ actor: 'thuongtruc', action: 'POST /plans/:planId/periods/:period/approve', target: 'son-la-37-ct-tw-2024/2026', detail: { status: 303 } });
    const [last, first] = await db().audit.recent(2);
    expect(first).toMatchObject({ actor: 'thuongtruc', action: 'login', ip: '10.0.0.5' });
    expect(last).toMatchObject({ target: 'son-la-37-ct-tw-2024/2026', detail: { status: 303 } });
  });

  it('the mailbox finds a caught message by a word of its subject, with Vietnamese diacritics, and LIKE characters are literal', async () => {
    const base = { date: '2026-06-04T01:00:00.000Z', receivedAt: '2026-06-04T01:00:01.000Z', from: 'dondoc@example.gov.vn', cc: [], html: '', headers: {}, attachments: [] };
    await db().mailbox.add({
      ...base,
      messageId: '<a@dondoc>',
      to: ['taichinh@sonla.gov.vn'],
      subject: '[Nhắc hạn] Báo cáo 6 tháng – hạn 15/06/2026',
      text: 'Kính gửi Sở Tài chính',
    });
    await db().mailbox.add({ ...base, messageId: '<b@dondoc>', to: ['tinhdoan@sonla.gov.vn'], subject: '[Quá hạn] Báo cáo 6 tháng', text: 'Kính gửi Tỉnh đoàn, 100% chưa' });
    expect((await db().mailbox.search('nhắc hạn')).map((m) => m.messageId)).toEqual(['<a@dondoc>']);
    expect((await db().mailbox.search('tinhdoan@')).map((m) => m.messageId)).toEqual(['<b@dondoc>']);
    expect((await db().mailbox.search('%')).map((m) => m.messageId)).toEqual(['<b@dondoc>']);
    expect(await db().mailbox.search()).toHaveLength(2);
  });

  it('plan registrations: the newest version of each plan, with its state, action and source', async () => {
    const hash = (c: string) => c.repeat(64);
    await db().registrations.record({
      planId: 'son-la-37-ct-tw-2024',
      planHash: hash('a'),
      state: 'running',
      action: 'register',
      sourceName: '004.txt',
      sourceSha256: hash('f'),
      actor: 'thuongtruc',
    });
    await db().registrations.record({ planId: 'an-giang-06-nq-cp-2023', planHash: hash('b'), state: 'ended', action: 'register', actor: 'thuongtruc' });
    await db().registrations.record({ planId: 'son-la-37-ct-tw-2024', planHash: hash('c'), state: 'running', action: 'amend', sourceName: '004-sua-doi.docx', actor: 'canbo' });
    const latest = await db().registrations.latest();
    expect(latest.map((r) => [r.planId, r.planHash[0], r.state, r.action])).toEqual([
      ['son-la-37-ct-tw-2024', 'c', 'running', 'amend'],
      ['an-giang-06-nq-cp-2023', 'b', 'ended', 'register'],
    ]);
    expect(latest[0]).toMatchObject({ sourceName: '004-sua-doi.docx', sourceSha256: null, actor: 'canbo' });
  });
}

/** What becomes of a message after the relay took it: the same for the database and the in-memory log. */
export function deliveryStateContract(log: () => DeliveryLog): void {
  const scope = (agencyId: string) => ({ planId: 'son-la-37-ct-tw-2024', period: '2026-H1', agencyId });
  const sent = async (key: string, extra: Partial<DeliveryIntent> = {}) => {
    await log().begin(intent(key, { returnToken: createHash('sha256').update(key).digest('hex').slice(0, 24), ...extra }));
    await log().accepted(key, '250 2.0.0 Ok: queued as 4F2A81C0A3B');
  };

  it('a bounce found by its return token bounces the message, keeps the failed address and the history', async () => {
    const k = 'report:son-la-37-ct-tw-2024:2026-H1:ds-a/reminder/2026-06-04/7';
    await sent(k, { agencyId: 'ds-a' });
    const row = await log().findByReturnToken(createHash('sha256').update(k).digest('hex').slice(0, 24).toUpperCase());
    expect(row?.key).toBe(k);
    expect(
      await log().record({
        key: k,
        type: 'bounced',
        recipient: 'taichinh@sonla.gov.vn',
        status: '5.1.1',
        diagnostic: '550 5.1.1 User unknown',
        source: 'inbound-smtp',
        at: '2026-06-04T01:00:07.000Z',
      }),
    ).toBe(true);
    expect(await log().get(k)).toMatchObject({
      state: 'accepted',
      deliveryState: 'bounced',
      bouncedAddresses: ['taichinh@sonla.gov.vn'],
      noticeDetail: '550 5.1.1 User unknown (taichinh@sonla.gov.vn)',
      noticeAt: '2026-06-04T01:00:07.000Z',
    });
    expect((await log().events(k)).map((e) => e.type)).toEqual(['queued', 'accepted', 'bounced']);
    // The bounce never makes the message go again: it was accepted.
    expect(await log().begin(intent(k))).toEqual({ action: 'skip' });
  });

  it('a report about a message dondoc never sent is refused, and one found by Message-ID is recorded', async () => {
    expect(await log().record({ key: 'no-such-key', type: 'bounced', source: 'imap' })).toBe(false);
    const k = 'report:son-la-37-ct-tw-2024:2026-H1:ds-b/reminder/2026-06-10/3';
    await sent(k, { agencyId: 'ds-b' });
    const id = intent(k).messageId;
    expect((await log().findByMessageId(id.slice(1, -1)))?.key).toBe(k);
    await log().record({ key: k, type: 'delayed', status: '4.2.2', recipient: 'taichinh@sonla.gov.vn', source: 'imap' });
    expect(await log().get(k)).toMatchObject({ deliveryState: 'delayed', bouncedAddresses: [] });
    await log().record({ key: k, type: 'delivered', status: '2.0.0', source: 'imap' });
    expect((await log().get(k))?.deliveryState).toBe('delivered');
  });

  it('an open of the link marks the notices sent before it as opened, not the bounced ones nor escalations; a reload is not a second open', async () => {
    const s = scope('ds-c');
    await sent('report:son-la-37-ct-tw-2024:2026-H1:ds-c/reminder/2026-06-04/7', { agencyId: 'ds-c', at: '2026-06-04T08:00:00+07:00' });
    await sent('report:son-la-37-ct-tw-2024:2026-H1:ds-c/reminder/2026-06-10/3', { agencyId: 'ds-c', at: '2026-06-10T08:00:00+07:00' });
    await log().record({ key: 'report:son-la-37-ct-tw-2024:2026-H1:ds-c/reminder/2026-06-10/3', type: 'bounced', source: 'inbound-smtp' });
    await sent('report:son-la-37-ct-tw-2024:2026-H1:ds-c/director/2026-06-18', { agencyId: 'ds-c', kind: 'escalation', at: '2026-06-18T08:00:00+07:00' });
    await sent('report:son-la-37-ct-tw-2024:2026-H1:ds-c/reminder/2026-06-12/1', { agencyId: 'ds-c', at: '2026-06-12T08:00:00+07:00' });

    const before = await log().proofOfNotice(s);
    expect(before.hasDeliveredOrOpenedNotice).toBe(false);
    expect(before.messages.map((m) => m.state)).toEqual(['accepted', 'bounced', 'accepted']);

    await log().opened({ ...s, at: '2026-06-11T09:30:00+07:00', source: 'portal' });
    await log().opened({ ...s, at: '2026-06-11T09:31:00+07:00', source: 'portal' });
    const after = await log().proofOfNotice(s);
    expect(after.opens).toEqual([{ at: '2026-06-11T02:30:00.000Z', source: 'portal' }]);
    expect(after.messages.map((m) => [m.key.split('/').slice(1).join('/'), m.state])).toEqual([
      ['reminder/2026-06-04/7', 'opened'],
      ['reminder/2026-06-10/3', 'bounced'],
      ['reminder/2026-06-12/1', 'accepted'],
    ]);
    expect(after.hasDeliveredOrOpenedNotice).toBe(true);
    expect(await log().proofOfNotice(scope('ds-other'))).toMatchObject({ messages: [], opens: [], hasDeliveredOrOpenedNotice: false });
  });
}
