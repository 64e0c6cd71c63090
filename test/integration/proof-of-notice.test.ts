/**
 * Fallback before escalation (issue 15), the must-show of `dondoc simulate --bounce`: seed 004 (Sơn La) in
 * June 2026 on the real time-skipping server, with the real SMTP catcher acting as the remote mail system
 * and dondoc's real inbound bounce endpoint. Sở Tài chính never reports, and both its addresses bounce
 * (permanent 5.1.1 DSNs); it opens its personal link on Tuesday 23/06 at 10:00.
 *
 * Expected instants, counted by hand on the 2026 calendar (June has no holiday): "trước ngày 15/6" → last day
 * Sunday 14/06 → Monday 15/06 (Civil Code art. 148). Reminders at 08:00 on the 7th, 3rd, 1st working day
 * before and on the day: Thu 04/06, Wed 10/06, Fri 12/06, Mon 15/06. Ladder: overdue Tue 16/06, director Thu
 * 18/06, leader Mon 22/06. The focal point's reminder of 04/06 bounces; dondoc looks for bounces one hour
 * after a notice goes out (09:00) and writes to the head instead; that bounces too. On 16/06 the overdue
 * step waits and the standing agency (Sở Nội vụ, successor of Sở LĐTBXH since 01/03/2025) is asked once to
 * fix the contact. The open on 23/06 10:00 is seen at the next working morning, Wed 24/06 08:00: the overdue
 * notice, the director's step and the leader's digest go out then, not before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.js';
import { loadSeedPlan, startRig, type Rig } from '../support/temporal.js';

const AGENCY = 'so-tai-chinh';
const FOCAL = 'daumoi.so-tai-chinh@example.gov.vn';
const HEAD = 'lanhdao.so-tai-chinh@example.gov.vn';

describe('simulate --bounce so-tai-chinh=focal --bounce so-tai-chinh=head (Sơn La, H1 2026)', () => {
  let rig: Rig;
  let sim: SimulationResult;
  const minute = (iso: string) => iso.slice(0, 16);
  const ofAgency = () => sim.emails.filter((e) => e.agencyId === AGENCY && e.period === '2026-H1');
  const text = (kind: string, pred: (m: SimulationResult['messages'][number]) => boolean = () => true) =>
    sim.messages.filter((m) => m.headers['x-dondoc-kind'] === kind && pred(m)).map((m) => m.text);

  beforeAll(async () => {
    rig = await startRig();
    sim = await simulate({
      plan: await loadSeedPlan('son-la-37-ct-tw-2024'),
      from: '2026-06-01',
      to: '2026-06-30',
      submit: { [AGENCY]: { kind: 'never' } },
      bounces: [
        { agencyId: AGENCY, role: 'focal' },
        { agencyId: AGENCY, role: 'head' },
      ],
      opens: [{ agencyId: AGENCY, at: '2026-06-23T10:00:00+07:00' }],
      env: rig.env,
    });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('the focal point bounces on 04/06, the head is tried at 09:00 with its own message, and bounces too', () => {
    expect(
      ofAgency()
        .filter((e) => e.kind === 'reminder' || e.kind === 'fallback')
        .map((e) => [minute(e.at), e.kind, e.to.join(), e.bounced ?? false]),
    ).toEqual([
      ['2026-06-04T08:00', 'reminder', FOCAL, true],
      ['2026-06-04T09:00', 'fallback', HEAD, true],
      ['2026-06-10T08:00', 'reminder', FOCAL, true],
      ['2026-06-12T08:00', 'reminder', FOCAL, true],
      ['2026-06-15T08:00', 'reminder', FOCAL, true],
    ]);
    const fallback = sim.messages.find((m) => m.headers['x-dondoc-kind'] === 'fallback')!;
    const reminder = sim.messages.find((m) => m.headers['x-dondoc-step'] === 'reminder/2026-06-15/7' && m.headers['x-dondoc-agency'] === AGENCY)!;
    expect(fallback.messageId).not.toBe(reminder.messageId);
    expect(fallback.text).toContain(`Thư nhắc hạn gửi tới địa chỉ ${FOCAL} của cơ quan, đơn vị bị trả lại`);
  });

  it('no overdue, director or leader step for it before 24/06 08:00, the first working morning after the open; then each once', () => {
    const escalations = [...ofAgency().filter((e) => e.kind === 'overdue' || e.kind === 'escalation'), ...sim.emails.filter((e) => e.kind === 'escalation' && e.step === null)];
    // (at one instant the lanes race: compared in a fixed order)
    expect(escalations.map((e) => `${minute(e.at)} ${e.kind} ${e.step ?? 'leader digest'}`).sort()).toEqual([
      '2026-06-24T08:00 escalation escalation/2026-06-15/director',
      '2026-06-24T08:00 escalation leader digest',
      '2026-06-24T08:00 overdue escalation/2026-06-15/overdue',
    ]);
    // The leader's digest (the leader's own workflow) lists this agency alone: every other agency reported on time.
    expect(sim.emails.filter((e) => e.kind === 'escalation' && e.step === null).map((e) => e.subject)).toEqual([
      '[Tổng hợp chậm báo cáo] 24/06/2026 – 1 cơ quan chưa gửi báo cáo – KH của Ủy ban nhân dân tỉnh Sơn La',
    ]);
    expect(sim.workflows).toMatchObject({ failed: 0 });
  });

  it('the standing agency is asked once, on 16/06 08:00, to fix the contact, with both failed addresses', () => {
    const asked = sim.emails.filter((e) => e.kind === 'proof-missing');
    expect(asked.map((e) => [minute(e.at), e.agencyId, e.to.join()])).toEqual([['2026-06-16T08:00', AGENCY, 'daumoi.so-noi-vu@example.gov.vn']]);
    expect(text('proof-missing')[0]).toContain(`Địa chỉ bị trả lại: ${FOCAL}, ${HEAD}.`);
    expect(text('proof-missing')[0]).toContain('thông báo quá hạn tạm dừng');
  });

  it('the director and the leader are told how the agency was reminded: every reminder and the fallback, each returned', () => {
    const proof = /[đĐ]ã nhắc [56] lần: 04\/06 \(bị trả lại\), 04\/06 \(bị trả lại\), 10\/06 \(bị trả lại\), 12\/06 \(bị trả lại\), 15\/06 \(bị trả lại\)/;
    expect(text('escalation', (m) => m.headers['x-dondoc-step'] === 'escalation/2026-06-15/director')[0]).toMatch(proof);
    expect(text('escalation', (m) => !m.headers['x-dondoc-step'])[0]).toMatch(proof);
  });

  it('the result says it: unreachable at both addresses, the head tried, told once the link was opened', () => {
    expect(sim.proof).toEqual([
      {
        agencyId: AGENCY,
        period: '2026-H1',
        proven: true,
        provenAt: '2026-06-24T08:00:00+07:00',
        waitingSince: null,
        unreachable: [FOCAL, HEAD],
        fallbacks: [{ address: HEAD, contactRole: 'head' }],
        exhausted: false,
      },
    ]);
  });
});
