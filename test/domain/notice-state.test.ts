import { describe, expect, it } from 'vitest';
import { applyEvent, eventDetail, hasDeliveredOrOpenedNotice, proofLine, proofOfNotice, type NoticeMessage } from '../../src/mail/noticeState.js';

const one = { state: 'accepted' as const, recipients: ['focal@x.vn'], bounced: [] };
const msg = (key: string, at: string, state: NoticeMessage['state'], kind = 'reminder'): NoticeMessage => ({
  key,
  kind,
  to: ['focal@x.vn'],
  at,
  state,
  detail: null,
  bouncedAddresses: [],
});
const scope = { planId: 'p', period: '2026-H1', agencyId: 'so-y-te' };

describe('delivery state of a message', () => {
  it('a 5.1.1 for the only recipient bounces the message and keeps the address', () => {
    expect(applyEvent(one, { type: 'bounced', recipient: 'Focal@x.vn', status: '5.1.1' })).toEqual({ state: 'bounced', recipients: ['focal@x.vn'], bounced: ['focal@x.vn'] });
  });
  it('a bounce of the cc while the focal point got it leaves the message accepted, with the failed address', () => {
    const m = { ...one, recipients: ['focal@x.vn', 'head@x.vn'] };
    expect(applyEvent(m, { type: 'bounced', recipient: 'head@x.vn' })).toMatchObject({ state: 'accepted', bounced: ['head@x.vn'] });
  });
  it('a 4.2.2 delay is not a bounce, and a later delivery report wins over it; a late delay does not undo a delivery', () => {
    const delayed = applyEvent(one, { type: 'delayed', status: '4.2.2' });
    expect(delayed.state).toBe('delayed');
    const delivered = applyEvent(delayed, { type: 'delivered' });
    expect(delivered.state).toBe('delivered');
    expect(applyEvent(delivered, { type: 'delayed' }).state).toBe('delivered');
  });
  it('the detail says the status once, with the address', () => {
    expect(eventDetail({ type: 'bounced', status: '5.1.1', diagnostic: '550 5.1.1 <a@x.vn>: User unknown', recipient: 'a@x.vn' })).toBe(
      '550 5.1.1 <a@x.vn>: User unknown (a@x.vn)',
    );
    expect(eventDetail({ type: 'delayed', status: '4.2.2', diagnostic: 'Mailbox full' })).toBe('4.2.2 Mailbox full');
  });
  it('a bounce that arrives before the relay answer is recorded is not lost (sending → bounced)', () => {
    expect(applyEvent({ ...one, state: 'sending' }, { type: 'bounced', recipient: 'focal@x.vn' }).state).toBe('bounced');
  });
});

describe('proof of notice', () => {
  it('only delivered or opened notices prove the agency was told; accepted, delayed and bounced do not', () => {
    const accepted = proofOfNotice(
      scope,
      [msg('a', '2026-06-04T01:00:00Z', 'accepted'), msg('b', '2026-06-10T01:00:00Z', 'delayed'), msg('c', '2026-06-12T01:00:00Z', 'bounced')],
      [],
    );
    expect(accepted.hasDeliveredOrOpenedNotice).toBe(false);
    expect(proofOfNotice(scope, [msg('a', '2026-06-04T01:00:00Z', 'delivered')], []).hasDeliveredOrOpenedNotice).toBe(true);
    expect(proofOfNotice(scope, [], [{ at: '2026-06-05T02:00:00Z', source: 'portal' }]).hasDeliveredOrOpenedNotice).toBe(true);
  });
  it("a director's escalation delivered to the director is no notice to the agency", () => {
    const p = proofOfNotice(scope, [msg('e', '2026-06-18T01:00:00Z', 'delivered', 'escalation')], []);
    expect(p.messages).toEqual([]);
    expect(hasDeliveredOrOpenedNotice(p)).toBe(false);
  });
  it('the proof line lists each reminder with its day and state, in order', () => {
    const p = proofOfNotice(scope, [msg('b', '2026-06-10T01:00:00Z', 'opened'), msg('a', '2026-06-04T01:00:00Z', 'delivered')], []);
    expect(proofLine(p)).toBe('đã nhắc 2 lần: 04/06 (đã đến hộp thư), 10/06 (đã mở liên kết)');
  });
});
