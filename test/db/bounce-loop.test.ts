/**
 * The whole bounce loop on real parts: the mailer sends through a real SMTP catcher with a per-message
 * return path; the catcher, acting as the remote mail system, answers some recipients with real DSNs
 * (RFC 3464, or Gmail's plain text) sent to that return path at dondoc's inbound SMTP endpoint; the
 * endpoint records them in the delivery log (PGlite). Expected states follow the status each answer carries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { startBounceEndpoint, type BounceEndpoint } from '../../src/mail/bounces/inbound.js';
import { startMailCatcher, type MailCatcher } from '../../src/mail/catcher.js';
import { Mailer, type OutgoingMail } from '../../src/mail/mailer.js';
import { returnPathFor, returnTokenFor } from '../../src/mail/returnPath.js';

const DOMAIN = 'bounces.sonla.gov.vn';
const PLAN = 'son-la-37-ct-tw-2024';
const reminder = (agencyId: string, to: string, day: string): OutgoingMail => ({
  key: `report:${PLAN}:2026-H1:${agencyId}/reminder/${day}/7`,
  at: `${day}T08:00:00+07:00`,
  to: [to],
  subject: '[Nhắc hạn] Báo cáo 6 tháng đầu năm 2026 – hạn 15/06/2026',
  text: 'Kính gửi quý cơ quan',
  html: '<p>Kính gửi quý cơ quan</p>',
  headers: { 'X-Dondoc-Kind': 'reminder', 'X-Dondoc-Plan': PLAN, 'X-Dondoc-Period': '2026-H1', 'X-Dondoc-Agency': agencyId },
});

describe('bounce loop: send → remote answers with a DSN → inbound SMTP → delivery log', () => {
  let db: Database;
  let endpoint: BounceEndpoint;
  let catcher: MailCatcher;
  let mailer: Mailer;
  let plain: Mailer;

  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    endpoint = await startBounceEndpoint({ deliveries: db.deliveries, bounceDomain: DOMAIN, log: () => {} });
    catcher = await startMailCatcher({
      bounce: {
        via: endpoint.url,
        reportingMta: 'mx.sonla.gov.vn',
        answer: (rcpt) =>
          rcpt === 'taichinh@sonla.gov.vn'
            ? { status: '5.1.1', diagnostic: '550 5.1.1 <taichinh@sonla.gov.vn>: Recipient address rejected: User unknown in virtual mailbox table' }
            : rcpt === 'syte@sonla.gov.vn'
              ? { status: '4.2.2', diagnostic: '452 4.2.2 <syte@sonla.gov.vn>: Mailbox full' }
              : rcpt === 'vanphong.sgddt.sonla@gmail.com'
                ? { status: '5.1.1', diagnostic: '550 5.1.1 The email account that you tried to reach does not exist.', format: 'text' }
                : rcpt === 'tinhdoan@sonla.gov.vn'
                  ? { status: '2.0.0', diagnostic: '250 2.0.0 Ok: delivered to mailbox' }
                  : null,
      },
    });
    mailer = new Mailer({ smtpUrl: catcher.url, from: '"Hệ thống đôn đốc báo cáo" <dondoc@sonla.gov.vn>', deliveries: db.deliveries, bounceDomain: DOMAIN });
    plain = new Mailer({ smtpUrl: catcher.url, from: 'dondoc@sonla.gov.vn', deliveries: db.deliveries });
  }, 60_000);
  afterAll(async () => {
    mailer?.close();
    plain?.close();
    await catcher?.close();
    await endpoint?.close();
    await db?.close();
  });

  it('an unknown user (5.1.1) bounces the reminder, with the failing address and the relay diagnostic; the envelope carried the VERP path, the From header did not change', async () => {
    const m = reminder('so-tai-chinh', 'taichinh@sonla.gov.vn', '2026-06-04');
    await mailer.send(m);
    await endpoint.waitFor(1);
    const caught = catcher.messages().find((c) => c.headers['x-dondoc-key'] === m.key)!;
    expect(caught.envelope?.mailFrom).toBe(returnPathFor(returnTokenFor(m.key), DOMAIN));
    expect(caught.from).toBe('dondoc@sonla.gov.vn');
    expect(endpoint.results().at(-1)).toMatchObject({ outcome: 'recorded', key: m.key, matchedBy: 'return-path' });
    const row = await db.deliveries.get(m.key);
    expect(row).toMatchObject({ state: 'accepted', deliveryState: 'bounced', bouncedAddresses: ['taichinh@sonla.gov.vn'], returnToken: returnTokenFor(m.key) });
    expect(row!.noticeDetail).toContain('550 5.1.1 <taichinh@sonla.gov.vn>: Recipient address rejected');
    expect((await db.deliveries.events(m.key)).map((e) => [e.type, e.source, e.status])).toEqual([
      ['queued', 'mailer', null],
      ['accepted', 'mailer', null],
      ['bounced', 'inbound-smtp', '5.1.1'],
    ]);
  });

  it('a full mailbox (4.2.2) makes the reminder delayed, not bounced', async () => {
    const m = reminder('so-y-te', 'syte@sonla.gov.vn', '2026-06-10');
    await mailer.send(m);
    await endpoint.waitFor(2);
    expect(await db.deliveries.get(m.key)).toMatchObject({ deliveryState: 'delayed', bouncedAddresses: [] });
  });

  it("a relay's delivery report (2.0.0) makes the reminder delivered, and the proof of notice says the agency was told", async () => {
    const m = reminder('tinh-doan', 'tinhdoan@sonla.gov.vn', '2026-06-04');
    await mailer.send(m);
    await endpoint.waitFor(3);
    expect((await db.deliveries.get(m.key))?.deliveryState).toBe('delivered');
    const proof = await db.deliveries.proofOfNotice({ planId: PLAN, period: '2026-H1', agencyId: 'tinh-doan' });
    expect(proof).toMatchObject({ hasDeliveredOrOpenedNotice: true, messages: [{ key: m.key, state: 'delivered', to: ['tinhdoan@sonla.gov.vn'] }] });
    expect((await db.deliveries.proofOfNotice({ planId: PLAN, period: '2026-H1', agencyId: 'so-tai-chinh' })).hasDeliveredOrOpenedNotice).toBe(false);
  });

  it("without a bounce domain, Gmail's plain-text notice still finds its message by the quoted Message-ID", async () => {
    const m = reminder('so-giao-duc-dao-tao', 'vanphong.sgddt.sonla@gmail.com', '2026-06-12');
    await plain.send(m);
    await endpoint.waitFor(4);
    const caught = catcher.messages().find((c) => c.headers['x-dondoc-key'] === m.key)!;
    expect(caught.envelope?.mailFrom).toBe('dondoc@sonla.gov.vn');
    expect(endpoint.results().at(-1)).toMatchObject({ outcome: 'recorded', key: m.key, matchedBy: 'key' });
    expect(await db.deliveries.get(m.key)).toMatchObject({ deliveryState: 'bounced', bouncedAddresses: ['vanphong.sgddt.sonla@gmail.com'] });
  });
});
