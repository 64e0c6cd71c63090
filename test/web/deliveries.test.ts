import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../../src/mail/bounces/dsnMessage.js';
import { startBounceEndpoint, type BounceEndpoint } from '../../src/mail/bounces/inbound.js';
import type { CaughtMail } from '../../src/mail/catcher.js';
import { runScript } from '../support/script.js';
import { linkFromEmail, login, PLAN, screenshot, startWebRig, type WebRig } from '../support/web.js';

/**
 * Delivery states on the staff agency page and in the status API, on the real web server, worker and
 * Chromium. Seed 004 (Sơn La), H1 2026: the first reminder goes out on 04/06 08:00. Tỉnh đoàn's address is
 * unknown at its mail server (a real 5.1.1 DSN comes back to the bounce endpoint); Báo Sơn La opens its link.
 */
describe('delivery states on the agency page', () => {
  let web: WebRig;
  let endpoint: BounceEndpoint;
  const period = '2026-H1';
  const reminderTo = (agencyId: string): CaughtMail =>
    web.rig.catcher.messages().find((m) => m.headers['x-dondoc-kind'] === 'reminder' && m.headers['x-dondoc-agency'] === agencyId)!;

  beforeAll(async () => {
    web = await startWebRig('web-deliveries', '2026-06-03T09:00:00+07:00');
    endpoint = await startBounceEndpoint({ deliveries: web.db.deliveries, log: () => {} });
    await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, '2026-06-04T09:00:00+07:00');
  });
  afterAll(async () => {
    await endpoint?.close();
    await web?.close();
  });

  it('a reminder bounced with 5.1.1 shows "bị trả lại" with the failing address and the diagnostic; an opened link shows "đã mở liên kết"', async () => {
    const sent = reminderTo('tinh-doan');
    const address = sent.to[0]!;
    // The remote server's report, as Postfix writes it, with the original's headers returned.
    const headers = [`Message-ID: ${sent.messageId}`, `X-Dondoc-Key: ${sent.headers['x-dondoc-key']}`, `To: ${address}`, 'Subject: [Nhắc hạn]'].join('\r\n');
    const dsn = buildDsn({
      reportingMta: 'mx.sonla.gov.vn',
      to: 'dondoc@example.gov.vn',
      recipient: { address, status: '5.1.1', diagnostic: `550 5.1.1 <${address}>: Recipient address rejected: User unknown in virtual mailbox table` },
      originalHeaders: headers,
      arrivalDate: new Date(),
    });
    const t = nodemailer.createTransport({ url: endpoint.url });
    await t.sendMail({ envelope: { from: '', to: ['dondoc@example.gov.vn'] }, raw: dsn });
    t.close();
    await endpoint.waitFor(1);

    // Báo Sơn La opens the link of its reminder (a browser context of its own, no staff session).
    const agency = await web.browser.newPage();
    await agency.goto(linkFromEmail(web, 'reminder', 'bao-son-la'));
    await agency.close();

    const staff = await web.browser.newPage();
    await login(staff, web.baseUrl, `/plans/${PLAN}/periods/${period}/agencies/tinh-doan`);
    const bounced = staff.locator('td[data-delivery-state="bounced"]');
    expect(await bounced.count()).toBe(1);
    expect(await bounced.innerText()).toMatch(/bị trả lại/i);
    expect(await bounced.innerText()).toContain(`550 5.1.1 <${address}>: Recipient address rejected`);
    await screenshot(staff, 'agency-delivery-bounced.png');

    await staff.goto(`${web.baseUrl}/plans/${PLAN}/periods/${period}/agencies/bao-son-la`);
    expect(await staff.locator('td[data-delivery-state]').first().innerText()).toMatch(/đã mở liên kết/i);

    // A staff member previewing an agency's link proves nothing.
    await staff.goto(linkFromEmail(web, 'reminder', 'so-tai-chinh'));
    expect((await web.db.deliveries.proofOfNotice({ planId: PLAN, period, agencyId: 'so-tai-chinh' })).opens).toEqual([]);

    const status = (await (await staff.request.get(`${web.baseUrl}/api/plans/${PLAN}/status?period=${period}`)).json()) as {
      cycles: { agencies: { agencyId: string; state: string; deliveries: { kind: string; to: string[]; state: string; detail: string | null; bouncedAddresses: string[] }[] }[] }[];
    };
    const of = (id: string) => status.cycles[0]!.agencies.find((a) => a.agencyId === id)!;
    expect(of('tinh-doan').state).toBe('pending');
    // The 04/06 reminders (later ones may have gone meanwhile: business time skips while the browser works).
    expect(of('tinh-doan').deliveries[0]).toMatchObject({ kind: 'reminder', to: [address], state: 'bounced', bouncedAddresses: [address.toLowerCase()] });
    expect(of('bao-son-la').deliveries[0]).toMatchObject({ kind: 'reminder', state: 'opened' });
    expect(of('so-tai-chinh').deliveries[0]).toMatchObject({ kind: 'reminder', state: 'accepted' });
  });
});
