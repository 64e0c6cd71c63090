/**
 * Fallback before escalation (issue 15): the regime's gate and the delivery log's reading of it, pure.
 *
 * Calendar (seed 004, H1 2026, counted by hand; June 2026 has no holiday): last day Monday 15/06;
 * reminders 08:00 on 04/06, 10/06, 12/06, 15/06; overdue Tuesday 16/06, director Thursday 18/06, leader
 * Monday 22/06 (1st, 3rd, 5th working day after).
 */
import { describe, expect, it } from 'vitest';
import { apply, head, initRegime, needsProofCheck, nextWake, type Command, type Notice, type RegimeState } from '../../src/reporting/regime.js';
import { proofFact } from '../../src/mail/proofGate.js';
import { proofOfNotice, type NoticeMessage } from '../../src/mail/noticeState.js';
import { scheduleFor } from '../support/regimeDriver.js';

const schedule = scheduleFor('2026-06-15');
const FOCAL = 'daumoi.so-tai-chinh@example.gov.vn';
const HEAD = 'lanhdao.so-tai-chinh@example.gov.vn';

function start(role: 'agency' | 'standing' = 'agency', proofGate = true) {
  return initRegime({ agencyId: 'so-tai-chinh', role, period: '2026-H1', kind: 'periodic', schedule, now: '2026-06-01T09:00:00+07:00', proofGate }).state;
}
const run = (s: RegimeState, ...cmds: Command[]) => cmds.reduce((x, c) => apply(x, c).state, s);
/** Ticks and delivers everything at once (mail works). */
function tickAndDeliver(s: RegimeState, at: string): { state: RegimeState; sent: Notice[] } {
  let state = run(s, { type: 'tick', at });
  const sent: Notice[] = [];
  for (let n = state.outbox[0]; n; n = state.outbox[0]) {
    sent.push(n);
    state = run(state, { type: 'delivered', at, key: n.key, messageId: `<${n.key}@t>` });
  }
  return { state, sent };
}
const noProof = (at: string, extra: Partial<Extract<Command, { type: 'proof-of-notice' }>> = {}): Command => ({
  type: 'proof-of-notice',
  at,
  proven: false,
  unreachable: [],
  nextContact: null,
  recheckAt: null,
  nextMorning: null,
  ...extra,
});

describe('the regime holds escalations until the agency was shown to be told', () => {
  it('without proof on 16/06 the overdue step waits, the standing agency is asked once, and the look-up is redone the next working morning', () => {
    let s = start();
    expect(needsProofCheck(s, '2026-06-16T08:00:00+07:00')).toBe(true);
    s = run(s, noProof('2026-06-16T08:00:00+07:00', { nextMorning: '2026-06-17T08:00:00+07:00', unreachable: [{ address: FOCAL, key: 'k', at: '2026-06-04T08:00:00+07:00' }] }));
    const { state, sent } = tickAndDeliver(s, '2026-06-16T08:00:00+07:00');
    expect(sent.map((n) => n.type)).toEqual(['proof-missing']);
    expect(sent[0]).toMatchObject({ levels: ['overdue'], unreachable: [FOCAL] });
    expect(state.steps.map((x) => x.key)).not.toContain('escalation/2026-06-15/overdue');
    expect(state.phase).toBe('overdue');
    expect(state.escalationLevel).toBeNull();
    expect(nextWake(state)).toBe('2026-06-17T08:00:00+07:00');

    // 18/06: still nothing; the director step waits too, and nobody is asked again.
    let t = run(state, noProof('2026-06-17T08:00:00+07:00', { nextMorning: '2026-06-18T08:00:00+07:00' }));
    t = tickAndDeliver(t, '2026-06-17T08:00:00+07:00').state;
    t = run(t, noProof('2026-06-18T08:00:00+07:00', { nextMorning: '2026-06-19T08:00:00+07:00' }));
    const later = tickAndDeliver(t, '2026-06-18T08:00:00+07:00');
    expect(later.sent).toEqual([]);
    expect(later.state.proof?.holdingSince).toBe('2026-06-16T08:00:00+07:00');
  });

  it('once the agency opened its link (proof on 19/06 08:00) the overdue notice and the director step go out that morning, each once', () => {
    let s = start();
    s = run(s, noProof('2026-06-16T08:00:00+07:00', { nextMorning: '2026-06-17T08:00:00+07:00' }));
    s = tickAndDeliver(s, '2026-06-16T08:00:00+07:00').state;
    s = run(s, noProof('2026-06-18T08:00:00+07:00', { nextMorning: '2026-06-19T08:00:00+07:00' }));
    s = tickAndDeliver(s, '2026-06-18T08:00:00+07:00').state;
    s = run(s, noProof('2026-06-19T08:00:00+07:00', { proven: true }));
    expect(needsProofCheck(s, '2026-06-22T08:00:00+07:00')).toBe(false);
    const { state, sent } = tickAndDeliver(s, '2026-06-19T08:00:00+07:00');
    expect(
      sent
        .filter((n) => n.type === 'step')
        .map((n) => (n as Extract<Notice, { type: 'step' }>).step.level)
        .sort(),
    ).toEqual(['director', 'overdue']);
    expect(state.escalationLevel).toBe('director');
    expect(state.proof).toMatchObject({ proven: true, provenAt: '2026-06-19T08:00:00+07:00', holdingSince: null });
    expect(tickAndDeliver(state, '2026-06-19T09:00:00+07:00').sent).toEqual([]);
  });

  it('proven before the term (a reminder accepted on 04/06, quiet for 24 hours): the overdue notice goes on 16/06 as without the gate', () => {
    let s = run(start(), noProof('2026-06-05T08:00:00+07:00', { proven: true }));
    const { sent } = tickAndDeliver(s, '2026-06-16T08:00:00+07:00');
    expect(sent.map((n) => n.key)).toEqual(['escalation/2026-06-15/overdue']);
    s = start('agency', false);
    expect(tickAndDeliver(s, '2026-06-16T08:00:00+07:00').sent.map((n) => n.key)).toEqual(['escalation/2026-06-15/overdue']);
  });

  it('a reminder delivered on 04/06 08:00 calls for a look-up at 09:00, for its bounce', () => {
    const { state } = tickAndDeliver(start(), '2026-06-04T08:00:00+07:00');
    expect(state.proof?.recheckAt).toBe('2026-06-04T09:00:00+07:00');
    expect(nextWake(state)).toBe('2026-06-04T09:00:00+07:00');
    expect(needsProofCheck(state, '2026-06-04T09:00:00+07:00')).toBe(true);
  });

  it('a bounced focal address: the head is tried once, with its own notice; when it bounces too, the agency is unreachable', () => {
    const bounced = [{ address: FOCAL, key: 'r7', at: '2026-06-04T08:00:00+07:00' }];
    const fact = noProof('2026-06-04T09:00:00+07:00', { unreachable: bounced, nextContact: { address: HEAD, contactRole: 'head', failedAddress: FOCAL } });
    let s = run(tickAndDeliver(start(), '2026-06-04T08:00:00+07:00').state, fact);
    expect(head(s, 'acks')).toMatchObject({ type: 'fallback', key: 'fallback/1', address: HEAD, contactRole: 'head', failedAddress: FOCAL });
    s = run(s, { type: 'delivered', at: '2026-06-04T09:00:00+07:00', key: 'fallback/1', messageId: '<f@t>' }, fact);
    expect(s.outbox.filter((n) => n.type === 'fallback')).toEqual([]);
    s = run(s, noProof('2026-06-04T10:00:00+07:00', { unreachable: [...bounced, { address: HEAD, key: 'f1', at: '2026-06-04T09:00:00+07:00' }] }));
    expect(s.proof).toMatchObject({ exhausted: true, fallbacks: [{ address: HEAD, key: 'fallback/1' }] });
    expect(s.proof?.unreachable.map((u) => u.address)).toEqual([FOCAL, HEAD]);
  });

  it("the standing agency's own ladder is not gated", () => {
    expect(start('standing').proof).toBeUndefined();
    expect(needsProofCheck(start('standing'), '2026-06-16T08:00:00+07:00')).toBe(false);
  });

  it('a submission while a step waits: nothing more is held, looked up or sent', () => {
    let s = run(start(), noProof('2026-06-16T08:00:00+07:00', { nextMorning: '2026-06-17T08:00:00+07:00' }));
    s = tickAndDeliver(s, '2026-06-16T08:00:00+07:00').state;
    s = run(s, {
      type: 'submit',
      at: '2026-06-16T10:00:00+07:00',
      submission: { sha256: 'a'.repeat(64), size: 10, summary: { period: '2026-H1', tasks: [], targetIds: [], narrative: 1, difficulties: 0, recommendations: 0, attachments: 0 } },
    });
    expect(needsProofCheck(s, '2026-06-17T08:00:00+07:00')).toBe(false);
    expect(s.outbox.map((n) => n.type)).toEqual(['receipt']);
  });
});

// ---------------------------------------------------------------------------------------------------

const msg = (key: string, at: string, state: NoticeMessage['state'], to: string[], bounced: string[] = [], kind = 'reminder'): NoticeMessage => ({
  key,
  kind,
  to,
  at,
  state,
  detail: null,
  bouncedAddresses: bounced,
});
const scope = { planId: 'p', period: '2026-H1', agencyId: 'so-tai-chinh' };
const contacts = [
  { role: 'head' as const, email: HEAD },
  { role: 'focal' as const, email: FOCAL },
  { role: 'focal' as const, email: 'vanthu.so-tai-chinh@example.gov.vn' },
];

describe('what counts as told (src/mail/proofGate.ts)', () => {
  const r7 = '2026-06-04T08:00:00+07:00';
  it('a notice the relay accepted counts 24 hours later when nothing came back, not before; the look-up is asked for at that hour', () => {
    const p = proofOfNotice(scope, [msg('r7', r7, 'accepted', [FOCAL])], []);
    expect(proofFact(p, contacts, '2026-06-05T07:59:00+07:00', 24 * 3_600_000)).toMatchObject({ proven: false, recheckAt: '2026-06-05T08:00:00+07:00' });
    expect(proofFact(p, contacts, '2026-06-05T08:00:00+07:00', 24 * 3_600_000)).toMatchObject({ proven: true, recheckAt: null });
    // DONDOC_PROOF_ACCEPTED_HOURS=none: only a reported delivery or an open.
    expect(proofFact(p, contacts, '2026-06-20T08:00:00+07:00', null)).toMatchObject({ proven: false, recheckAt: null });
  });

  it('a delayed (4.2.2) or bounced notice never counts; a reported delivery or an open counts at once', () => {
    const later = '2026-06-20T08:00:00+07:00';
    expect(proofFact(proofOfNotice(scope, [msg('r7', r7, 'delayed', [FOCAL])], []), contacts, later, 3_600_000).proven).toBe(false);
    expect(proofFact(proofOfNotice(scope, [msg('r7', r7, 'bounced', [FOCAL], [FOCAL])], []), contacts, later, 3_600_000).proven).toBe(false);
    expect(proofFact(proofOfNotice(scope, [msg('r7', r7, 'delivered', [FOCAL])], []), contacts, r7, null).proven).toBe(true);
    expect(proofFact(proofOfNotice(scope, [], [{ at: r7, source: 'portal' }]), contacts, r7, null).proven).toBe(true);
  });

  it('after a bounce the next contact is the other focal point, then the head; never an address already written to or failed', () => {
    const one = proofOfNotice(scope, [msg('r7', r7, 'bounced', [FOCAL], [FOCAL.toUpperCase()])], []);
    expect(proofFact(one, contacts, r7, null)).toMatchObject({
      unreachable: [{ address: FOCAL, key: 'r7' }],
      nextContact: { address: 'vanthu.so-tai-chinh@example.gov.vn', contactRole: 'focal', failedAddress: FOCAL },
    });
    const two = proofOfNotice(
      scope,
      [msg('r7', r7, 'bounced', [FOCAL], [FOCAL]), msg('f1', r7, 'bounced', ['vanthu.so-tai-chinh@example.gov.vn'], ['vanthu.so-tai-chinh@example.gov.vn'], 'fallback')],
      [],
    );
    expect(proofFact(two, contacts, r7, null).nextContact?.address).toBe(HEAD);
    const none = proofOfNotice(scope, [msg('r7', r7, 'accepted', [FOCAL])], []);
    expect(proofFact(none, contacts, r7, null).nextContact).toBeNull();
  });
});
