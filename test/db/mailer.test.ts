/**
 * The mailer on real parts: a real SMTP catcher, the delivery log in PGlite. Storage faults are real too:
 * the table renamed away, or a trigger that refuses the acceptance write, as a full disk would.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryOutcomeUnknownError } from '../../src/db/deliveries.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { StorageError } from '../../src/db/sql.js';
import { startMailCatcher, type MailCatcher } from '../../src/mail/catcher.js';
import { Mailer, type OutgoingMail } from '../../src/mail/mailer.js';

const mail = (key: string): OutgoingMail => ({
  key,
  at: '2026-06-04T08:00:00+07:00',
  to: ['taichinh@sonla.gov.vn'],
  subject: '[Nhắc hạn] Báo cáo 6 tháng đầu năm 2026 – hạn 15/06/2026',
  text: 'Kính gửi Sở Tài chính',
  html: '<p>Kính gửi Sở Tài chính</p>',
  headers: { 'X-Dondoc-Kind': 'reminder', 'X-Dondoc-Plan': 'son-la-37-ct-tw-2024', 'X-Dondoc-Period': '2026-H1', 'X-Dondoc-Agency': 'so-tai-chinh' },
});

describe('mailer: intent, send, acceptance', () => {
  let db: Database;
  let catcher: MailCatcher;
  let mailer: Mailer;
  let n = 0;
  const faults: string[] = [];
  const key = () => `report:son-la-37-ct-tw-2024:2026-H1:so-tai-chinh/reminder/2026-06-04/${++n}`;
  const copies = (messageId: string) => catcher.messages().filter((m) => m.messageId === messageId).length;

  beforeAll(async () => {
    [db, catcher] = await Promise.all([openDatabase({ memory: true }), startMailCatcher()]);
    mailer = new Mailer({ smtpUrl: catcher.url, from: 'dondoc@example.gov.vn', deliveries: db.deliveries, log: (l) => faults.push(l) });
  });
  afterAll(async () => {
    mailer?.close();
    await catcher?.close();
    await db?.close();
  });
  afterEach(async () => {
    await db.sql.exec('DROP TRIGGER IF EXISTS refuse_acceptance ON deliveries; ALTER TABLE IF EXISTS deliveries_moved RENAME TO deliveries;');
  });

  it('a retried send after acceptance sends nothing: one copy per Message-ID, recorded with the relay answer', async () => {
    const k = key();
    const first = await mailer.send(mail(k));
    const again = await mailer.send(mail(k));
    expect(first).toEqual({ messageId: Mailer.messageIdFor(k), duplicate: false });
    expect(again).toEqual({ messageId: first.messageId, duplicate: true });
    expect(copies(first.messageId)).toBe(1);
    expect(await db.deliveries.get(k)).toMatchObject({
      state: 'accepted',
      kind: 'reminder',
      agencyId: 'so-tai-chinh',
      period: '2026-H1',
      attempts: 1,
      relayResponse: expect.stringMatching(/^250/),
    });
  });

  it('when the intent cannot be recorded nothing is sent, and the error says it is a storage fault', async () => {
    const k = key();
    await db.sql.exec('ALTER TABLE deliveries RENAME TO deliveries_moved');
    await expect(mailer.send(mail(k))).rejects.toBeInstanceOf(StorageError);
    expect(copies(Mailer.messageIdFor(k))).toBe(0);
    expect(faults.at(-1)).toMatch(/cannot record the intent: relation "deliveries" does not exist/);
  });

  it('when the acceptance cannot be recorded the message goes once more with the same Message-ID, then stops (no third copy)', async () => {
    const k = key();
    await db.sql.exec(`
      CREATE OR REPLACE FUNCTION refuse_acceptance() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER refuse_acceptance BEFORE UPDATE ON deliveries FOR EACH ROW WHEN (NEW.state = 'accepted') EXECUTE FUNCTION refuse_acceptance();`);
    await expect(mailer.send(mail(k))).rejects.toThrow(/No space left on device/);
    await expect(mailer.send(mail(k))).rejects.toBeInstanceOf(StorageError);
    // The issue saw 6 copies here; the log now stops the third, four and more retries alike.
    for (let i = 0; i < 4; i++) await expect(mailer.send(mail(k))).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect(copies(Mailer.messageIdFor(k))).toBe(2);
    expect(faults.at(-1)).toContain(`the outcome of message ${k} is unknown twice`);
  });

  it('a message the relay could not take is sent on the next try, once', async () => {
    const k = key();
    const down = new Mailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'dondoc@example.gov.vn', deliveries: db.deliveries });
    await expect(down.send(mail(k))).rejects.toThrow(/ECONNREFUSED|connect/);
    down.close();
    expect(await db.deliveries.get(k)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/ECONNREFUSED|connect/) });
    await mailer.send(mail(k));
    await mailer.send(mail(k));
    expect(copies(Mailer.messageIdFor(k))).toBe(1);
    expect(await db.deliveries.get(k)).toMatchObject({ state: 'accepted', attempts: 2 });
  });

  describe('a relay that accepts the connection and never greets', () => {
    let silent: Server;
    const sockets: Socket[] = [];
    let url = '';
    beforeAll(async () => {
      silent = createServer((s) => void sockets.push(s));
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
      url = `smtp://127.0.0.1:${(silent.address() as { port: number }).port}`;
    });
    afterAll(async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => silent.close(r));
    });

    it('gives up at the configured greeting timeout, and the message is recorded as not delivered', async () => {
      const k = key();
      const m = new Mailer({ smtpUrl: url, from: 'dondoc@example.gov.vn', deliveries: db.deliveries, timeouts: { connectionMs: 1000, greetingMs: 1000, socketMs: 1000 } });
      await expect(m.send(mail(k))).rejects.toThrow(/Greeting never received|timeout/i);
      m.close();
      expect(await db.deliveries.get(k)).toMatchObject({ state: 'failed' });
    });

    it('stops waiting when the activity is cancelled (the signal aborts)', async () => {
      const m = new Mailer({ smtpUrl: url, from: 'dondoc@example.gov.vn', deliveries: db.deliveries, timeouts: { connectionMs: 50_000, greetingMs: 50_000, socketMs: 50_000 } });
      const ac = new AbortController();
      const sending = m.send(mail(key()), { signal: ac.signal });
      const connected = sockets.length;
      while (sockets.length === connected) await new Promise((r) => setTimeout(r, 20));
      ac.abort(new Error('activity cancelled'));
      await expect(sending).rejects.toThrow('activity cancelled');
      m.close();
    });
  });
});
