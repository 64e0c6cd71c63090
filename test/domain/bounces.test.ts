/**
 * The bounce parser on real-format notices (test/fixtures/dsn): each test states the status the fixture
 * carries (its RFC 3464 Status field, or the SMTP reply quoted in its text) and what it means for the log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeliveryStatus } from '../../src/mail/bounces/deliveryStatus.js';
import { eventTypeOf, parseBounce } from '../../src/mail/bounces/parse.js';
import { returnPathFor, returnTokenFor, tokenOfReturnPath } from '../../src/mail/returnPath.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/dsn', name));

describe('bounce parser', () => {
  it('a Postfix DSN for an unknown user is a permanent 5.1.1 failure of taichinh@sonla.gov.vn: bounced', async () => {
    const b = await parseBounce(fixture('postfix-5.1.1-user-unknown.eml'));
    expect(b).toMatchObject({ format: 'dsn', originalMessageId: '<44a5340dee6a4a8517c93243bf27041a@dondoc>' });
    expect(b!.recipients).toEqual([
      {
        address: 'taichinh@sonla.gov.vn',
        action: 'failed',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <taichinh@sonla.gov.vn>: Recipient address rejected: User unknown in virtual mailbox table',
        remoteMta: 'mail.sonla.gov.vn',
      },
    ]);
    expect(eventTypeOf(b!.recipients[0]!)).toBe('bounced');
    // Arrival-Date: Thu, 4 Jun 2026 08:00:05 +0700
    expect(b!.arrivalDate).toBe('2026-06-04T01:00:05.000Z');
    expect(b!.originalKey).toBe('report:son-la-37-ct-tw-2024:2026-H1:so-tai-chinh/reminder/2026-06-04/7');
  });

  it('the DSN is addressed to the VERP return path of the reminder it reports on', async () => {
    const b = await parseBounce(fixture('postfix-5.1.1-user-unknown.eml'));
    expect(b!.to).toEqual(['bounce+8616f874946346a18e4f3ecc@bounces.sonla.gov.vn']);
    expect(tokenOfReturnPath(b!.to[0]!, 'bounces.sonla.gov.vn')).toBe(returnTokenFor('report:son-la-37-ct-tw-2024:2026-H1:so-tai-chinh/reminder/2026-06-04/7'));
  });

  it('a Postfix "Delayed Mail" DSN for a full mailbox is a temporary 4.2.2: delayed, not a bounce', async () => {
    const b = await parseBounce(fixture('postfix-4.2.2-mailbox-full-delayed.eml'));
    expect(b).toMatchObject({ format: 'dsn', originalMessageId: '<43ccf20997115a1528cfc1bebf4deb82@dondoc>' });
    expect(b!.recipients).toEqual([
      { address: 'syte@sonla.gov.vn', action: 'delayed', status: '4.2.2', diagnostic: '452 4.2.2 <syte@sonla.gov.vn>: Mailbox full', remoteMta: 'mail.sonla.gov.vn' },
    ]);
    expect(eventTypeOf(b!.recipients[0]!)).toBe('delayed');
  });

  it("Gmail's plain-text Delivery Status Notification (Failure) gives the failed address, 5.1.1 and the quoted original's Message-ID", async () => {
    const b = await parseBounce(fixture('gmail-text-failure-5.1.1.eml'));
    expect(b).toMatchObject({ format: 'text', to: ['dondoc@sonla.gov.vn'], originalMessageId: '<00f720bc5c1b0f8cf1ecdc1af7f548df@dondoc>' });
    expect(b!.recipients).toHaveLength(1);
    expect(b!.recipients[0]).toMatchObject({ address: 'vanphong.sgddt.sonla@gmail.com', action: 'failed', status: '5.1.1' });
    expect(b!.recipients[0]!.diagnostic).toMatch(/^550-5\.1\.1 The email account that you tried to reach does not exist/);
    expect(eventTypeOf(b!.recipients[0]!)).toBe('bounced');
  });

  it("a person's reply is not a bounce", async () => {
    const reply = 'From: Nguyen Van A <a@sonla.gov.vn>\r\nTo: dondoc@sonla.gov.vn\r\nSubject: Re: [Nhắc hạn] Báo cáo\r\n\r\nĐã nhận, sẽ gửi báo cáo trước 15/6.\r\n';
    expect(await parseBounce(reply)).toBeNull();
  });

  it('RFC 3464 fields fold over lines, and a delivered or relayed recipient is delivered', () => {
    const s = parseDeliveryStatus(
      'Reporting-MTA: dns; relay.example\n\nFinal-Recipient: rfc822;A@Example.org\nAction: relayed\nStatus: 2.0.0\nDiagnostic-Code: smtp; 250 2.0.0\n  Ok: queued\n\nFinal-Recipient: rfc822; b@example.org\nAction: delivered (to mailbox)\nStatus: 2.0.0\n',
    );
    expect(s.reportingMta).toBe('relay.example');
    expect(s.recipients.map((r) => [r.address, r.action, r.status, r.diagnostic])).toEqual([
      ['a@example.org', 'relayed', '2.0.0', '250 2.0.0 Ok: queued'],
      ['b@example.org', 'delivered', '2.0.0', null],
    ]);
    expect(s.recipients.map(eventTypeOf)).toEqual(['delivered', 'delivered']);
  });

  it('a return path carries its token under the bounce domain only', () => {
    const t = returnTokenFor('k');
    expect(t).toMatch(/^[0-9a-f]{24}$/);
    expect(returnPathFor(t, 'Bounces.Example.gov.vn')).toBe(`bounce+${t}@bounces.example.gov.vn`);
    expect(tokenOfReturnPath(`<BOUNCE+${t.toUpperCase()}@bounces.example.gov.vn>`, 'bounces.example.gov.vn')).toBe(t);
    expect(tokenOfReturnPath(`bounce+${t}@elsewhere.example`, 'bounces.example.gov.vn')).toBeNull();
    expect(tokenOfReturnPath('dondoc@example.gov.vn')).toBeNull();
  });
});
