/**
 * The standing agency officer's morning summary (issue 15.5): what is due soon, late, unreachable and
 * waiting for a decision, across plans. Working days counted by hand on December 2026 (no day off;
 * weekends 12–13 and 19–20/12).
 */
import { describe, expect, it } from 'vitest';
import { officerMorningMail } from '../../src/mail/officerMorningMail.js';
import { buildOfficerSummary, type OfficerAgencyView, type OfficerCycleView } from '../../src/reporting/officerSummary.js';

const agency = (agencyId: string, state: OfficerAgencyView['state'], lastDay: string, extra: Partial<OfficerAgencyView> = {}): OfficerAgencyView => ({
  agencyId,
  name: agencyId,
  state,
  lastDay,
  extensionRequest: null,
  unreachable: null,
  link: `https://dondoc.example.vn/a/${agencyId}`,
  ...extra,
});

const cycles: OfficerCycleView[] = [
  {
    planId: 'son-la',
    documentRef: 'KH của UBND tỉnh Sơn La',
    period: '2026',
    periodLabel: 'năm 2026',
    draftToApprove: { since: '2026-12-17' },
    gridLink: 'https://dondoc.example.vn/plans/son-la',
    agencies: [
      agency('so-tai-chinh', 'overdue', '2026-12-09', { unreachable: { what: 'daumoi@stc.example.gov.vn', error: '5.1.1 mailbox unknown' } }),
      agency('bao-son-la', 'submitted', '2026-12-09', { unreachable: { what: 'x', error: 'y' } }),
    ],
  },
  {
    planId: 'thai-nguyen',
    documentRef: 'KH 227/KH-UBND',
    period: '2026',
    periodLabel: 'năm 2026',
    draftToApprove: null,
    gridLink: 'https://dondoc.example.vn/plans/thai-nguyen',
    agencies: [
      agency('so-tu-phap', 'pending', '2026-12-14'),
      agency('so-y-te', 'pending', '2026-12-11', { extensionRequest: { lastDay: '2026-12-18', reason: 'Chờ số liệu' } }),
      agency('so-cong-thuong', 'pending', '2026-12-21'),
    ],
  },
];

describe('the officer’s morning of Friday 11/12/2026', () => {
  const s = buildOfficerSummary('2026-12-11', cycles);

  it('due soon within 3 working days, nearest first; late, most overdue first; only agencies still open', () => {
    // 11/12 → 14/12: one working day (Monday); 11/12 itself: due today; 21/12 is 6 working days away.
    expect(s.dueSoon.map((l) => [l.name, l.detail])).toEqual([
      ['so-y-te', 'hạn hôm nay 11/12/2026'],
      ['so-tu-phap', 'hạn 14/12/2026, còn 1 ngày làm việc'],
    ]);
    // 09/12 → 11/12: 10 and 11 = 2 working days late.
    expect(s.late.map((l) => [l.name, l.detail])).toEqual([['so-tai-chinh', 'hạn 09/12/2026, chậm 2 ngày làm việc']]);
    expect(s.unreachable.map((l) => l.name)).toEqual(['so-tai-chinh']);
  });

  it('waiting for a decision: the extension request and the draft to approve, with the page that decides', () => {
    expect(s.decisions.map((l) => [l.name, l.detail, l.link])).toEqual([
      ['Dự thảo báo cáo tổng hợp', 'chờ phê duyệt từ 17/12/2026', 'https://dondoc.example.vn/plans/son-la'],
      ['so-y-te', 'đề nghị gia hạn đến 18/12/2026: Chờ số liệu', 'https://dondoc.example.vn/a/so-y-te'],
    ]);
    expect(s.total).toBe(6);
  });

  it('the email lists the decisions first, then unreachable, late and due soon, dates dd/mm/yyyy', () => {
    const m = officerMorningMail(s, 'Sở Nội vụ');
    expect(m.subject).toBe('[Tình hình báo cáo] 11/12/2026 – chờ quyết định của cơ quan thường trực: 2, không liên lạc được: 1, đã quá hạn: 1, sắp đến hạn: 2');
    const at = (x: string) => m.text.indexOf(x);
    expect(at('Chờ quyết định')).toBeLessThan(at('Không liên lạc được'));
    expect(at('Không liên lạc được')).toBeLessThan(at('Đã quá hạn'));
    expect(at('Đã quá hạn')).toBeLessThan(at('Sắp đến hạn'));
    expect(m.text).toContain('so-tai-chinh – KH của UBND tỉnh Sơn La, năm 2026: không liên lạc được: daumoi@stc.example.gov.vn – 5.1.1 mailbox unknown');
    expect(m.html).toContain('<a href="https://dondoc.example.vn/plans/son-la">Dự thảo báo cáo tổng hợp</a>');
  });

  it('nothing to say: an empty summary (no email is sent)', () => {
    expect(buildOfficerSummary('2026-12-01', [{ ...cycles[1]!, agencies: [agency('so-tu-phap', 'submitted', '2026-12-14')] }]).total).toBe(0);
  });
});
