/**
 * The bounce mailbox on a real IMAP server (Dovecot, test/support/dovecot.ts): the relay's bounces are
 * in the mailbox (appended over IMAP, as a delivery agent files them); one pass of the reader records
 * each against the delivery log (PGlite) and flags it seen, so the next pass reads nothing again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { imapSettings, readBounceMailbox } from '../../src/mail/bounces/imap.js';
import { Mailer } from '../../src/mail/mailer.js';
import { returnTokenFor } from '../../src/mail/returnPath.js';
import { dovecotMissing, startDovecot, type TestImap } from '../support/dovecot.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/dsn', name));
const PLAN = 'son-la-37-ct-tw-2024';
const DOMAIN = 'bounces.sonla.gov.vn';
const missing = dovecotMissing();

describe.skipIf(missing)('bounce mailbox over IMAP (Dovecot)', () => {
  let db: Database;
  let imap: TestImap;
  const keys = {
    taichinh: `report:${PLAN}:2026-H1:so-tai-chinh/reminder/2026-06-04/7`,
    syte: `report:${PLAN}:2026-H1:so-y-te/reminder/2026-06-10/3`,
    gddt: `report:${PLAN}:2026-H1:so-giao-duc-dao-tao/reminder/2026-06-12/1`,
  };

  beforeAll(async () => {
    [db, imap] = await Promise.all([openDatabase({ memory: true }), startDovecot()]);
    // The three reminders the fixtures report on, as the mailer records them (Message-ID and token from the key).
    for (const [agency, key] of Object.entries(keys)) {
      await db.deliveries.begin({
        key,
        messageId: Mailer.messageIdFor(key),
        kind: 'reminder',
        planId: PLAN,
        period: '2026-H1',
        agencyId: key.split(':')[3]!.split('/')[0]!,
        to: [`${agency}@sonla.gov.vn`],
        cc: [],
        subject: '[Nhắc hạn]',
        at: '2026-06-04T08:00:00+07:00',
        returnToken: returnTokenFor(key),
      });
      await db.deliveries.accepted(key, '250 2.0.0 Ok');
    }
    const client = new ImapFlow({ ...imapSettings(imap.url).options });
    await client.connect();
    for (const f of ['postfix-5.1.1-user-unknown.eml', 'postfix-4.2.2-mailbox-full-delayed.eml', 'gmail-text-failure-5.1.1.eml']) await client.append('INBOX', fixture(f));
    await client.append('INBOX', 'From: a@sonla.gov.vn\r\nTo: dondoc@sonla.gov.vn\r\nSubject: Re: [Nhắc hạn]\r\n\r\nĐã nhận.\r\n');
    await client.logout();
  }, 60_000);
  afterAll(async () => {
    await imap?.stop();
    await db?.close();
  });

  it('one pass records the 5.1.1 as bounced, the 4.2.2 as delayed and the Gmail notice as bounced, ignores the reply, and flags all four seen', async () => {
    const lines: string[] = [];
    const results = await readBounceMailbox({ url: imap.url, deliveries: db.deliveries, bounceDomain: DOMAIN, log: (l) => lines.push(l) });
    expect(results.map((r) => (r.outcome === 'recorded' ? [r.outcome, r.key, r.matchedBy] : [r.outcome]))).toEqual([
      ['recorded', keys.taichinh, 'return-path'],
      ['recorded', keys.syte, 'return-path'],
      ['recorded', keys.gddt, 'key'],
      ['not-a-bounce'],
    ]);
    expect(await db.deliveries.get(keys.taichinh)).toMatchObject({ deliveryState: 'bounced', bouncedAddresses: ['taichinh@sonla.gov.vn'] });
    expect(await db.deliveries.get(keys.syte)).toMatchObject({ deliveryState: 'delayed' });
    expect((await db.deliveries.events(keys.gddt)).at(-1)).toMatchObject({ type: 'bounced', source: 'imap', status: '5.1.1', recipient: 'vanphong.sgddt.sonla@gmail.com' });
    expect(lines).toHaveLength(1);

    expect(await readBounceMailbox({ url: imap.url, deliveries: db.deliveries, bounceDomain: DOMAIN, log: () => {} })).toEqual([]);
  });

  it('a wrong IMAP URL is refused naming the setting', () => {
    expect(() => imapSettings('pop3://x@host')).toThrow(/DONDOC_BOUNCE_IMAP_URL: must start with imap:\/\/ or imaps:\/\//);
    expect(imapSettings('imaps://b%40x:p%3Aw@mail.sonla.gov.vn/Bounces').options).toMatchObject({ port: 993, secure: true, auth: { user: 'b@x', pass: 'p:w' } });
  });
});
