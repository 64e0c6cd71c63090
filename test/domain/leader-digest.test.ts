/**
 * The leader's day (issue 15.4): who is in charge on a date, when the digest goes out, what it lists and
 * in which order, and the email. Expected days are counted by hand on the 2026 calendar (the brief's
 * announced days off: Tết 14–22/02, Monday 27/04, 29/08–02/09 with Saturday 22/08 worked).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestTiming, loadConfig } from '../../src/config.js';
import { staffLinks } from '../../src/mail/staffLinks.js';
import { leaderDayMail } from '../../src/mail/leaderDayMail.js';
import { documentRef } from '../../src/mail/templates.js';
import { loadPlanOrThrow, parsePlan } from '../../src/plan/load.js';
import type { Plan } from '../../src/plan/schema.js';
import { buildLeaderDigest, inQuietHours, leaderInCharge, leadersEver, nextDigestSlot, timingProblem, type DigestPlanInfo } from '../../src/reporting/leaderDigest.js';
import { addItems, afterDigest, closeItems, digestWanted, dueAt, removeItems, type LeaderItem } from '../../src/reporting/leaderItems.js';
import { projectRoot } from '../../src/runtime/tools.js';

const planFile = (name: string) => join(projectRoot, 'plans', `${name}.yaml`);
const sonLa = await loadPlanOrThrow(planFile('son-la-37-ct-tw-2024'));
const thaiNguyen = await loadPlanOrThrow(planFile('thai-nguyen-227-kh-ubnd-2021'));
const links = staffLinks('https://dondoc.example.vn');

/** Sơn La with a second vice-chairman in charge from Friday 18/12/2026. */
function withLeaderChange(
  text = readFileSync(planFile('son-la-37-ct-tw-2024'), 'utf8'),
  change = '  leaderChanges:\n    - from: "2026-12-18"\n      leaderId: pct-moi\n',
): ReturnType<typeof parsePlan> {
  const person =
    '  - id: pct-moi\n    role: "Phó Chủ tịch UBND tỉnh (phân công lại từ 18/12/2026)"\n    name: "Nguyễn Văn Mới"\n    email: pct.moi@example.gov.vn\n    placeholder: true\n';
  let t = text.replace(/^leadership:\n/m, `leadership:\n${person}`);
  t = t.replace(/^ {2}leaderId: pct-ubnd-tinh\n/m, `  leaderId: pct-ubnd-tinh\n${change}`);
  return parsePlan(t, 'son-la-changed.yaml');
}

describe('who is in charge of a plan on a day', () => {
  it('without changes: escalation.leaderId, else the first person listed', () => {
    expect(leaderInCharge(sonLa, '2026-12-16').email).toBe('pct.ubnd@example.gov.vn');
    expect(leadersEver(sonLa).map((l) => l.id)).toEqual(['pct-ubnd-tinh']);
  });

  it('a leader changed from 18/12/2026: the old one to Thursday 17/12, the new one from Friday 18/12 on', () => {
    const r = withLeaderChange();
    expect(r.ok).toBe(true);
    const plan = (r as { plan: Plan }).plan;
    expect(leaderInCharge(plan, '2026-12-17').id).toBe('pct-ubnd-tinh');
    expect(leaderInCharge(plan, '2026-12-18').id).toBe('pct-moi');
    expect(leaderInCharge(plan, '2027-01-04').id).toBe('pct-moi');
    expect(leadersEver(plan).map((l) => l.id)).toEqual(['pct-ubnd-tinh', 'pct-moi']);
  });

  it('a change naming nobody in the leadership is refused with the field and the reason', () => {
    const r = withLeaderChange(undefined, '  leaderChanges:\n    - from: "2026-12-18"\n      leaderId: khong-co\n');
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('unknown leadership person \\"khong-co\\"');
  });
});

describe('when the digest goes out: 08:00 on working days', () => {
  const slot = (after: string) => nextDigestSlot(after).at;
  it('after Friday 11/12/2026 09:00 comes Monday 14/12 08:00; before 08:00 the same day', () => {
    expect(slot('2026-12-11T09:00:00+07:00')).toBe('2026-12-14T08:00:00+07:00');
    expect(slot('2026-12-11T07:59:00+07:00')).toBe('2026-12-11T08:00:00+07:00');
    expect(slot('2026-12-11T08:00:00+07:00')).toBe('2026-12-14T08:00:00+07:00');
  });
  it('skips the announced days off: Tết (14–22/02/2026) and Monday 27/04/2026; works the make-up Saturday 22/08/2026', () => {
    expect(slot('2026-02-13T09:00:00+07:00')).toBe('2026-02-23T08:00:00+07:00');
    expect(slot('2026-04-24T09:00:00+07:00')).toBe('2026-04-28T08:00:00+07:00');
    expect(slot('2026-08-21T09:00:00+07:00')).toBe('2026-08-22T08:00:00+07:00');
  });
  it('another hour and the quiet hours: the slot stops at the start of the quiet hours', () => {
    const s = nextDigestSlot('2026-12-14T09:00:00+07:00', { hour: '14:30', quiet: { from: '17:00', to: '07:30' }, repeat: 'news' });
    expect(s).toEqual({ day: '2026-12-14', at: '2026-12-14T14:30:00+07:00', notAfter: '2026-12-14T17:00:00+07:00' });
    expect(inQuietHours('06:59', { from: '18:00', to: '07:00' })).toBe(true);
    expect(inQuietHours('07:00', { from: '18:00', to: '07:00' })).toBe(false);
    expect(inQuietHours('12:30', { from: '12:00', to: '13:00' })).toBe(true);
    expect(timingProblem({ hour: '06:30', quiet: { from: '18:00', to: '07:00' }, repeat: 'news' })).toContain('giờ yên lặng');
  });
  it('configuration: defaults 08:00, 18:00–07:00, news; a wrong value names the variable', () => {
    expect(digestTiming(loadConfig({}))).toEqual({ hour: '08:00', quiet: { from: '18:00', to: '07:00' }, repeat: 'news' });
    expect(digestTiming(loadConfig({ DONDOC_DIGEST_HOUR: '07:30', DONDOC_DIGEST_QUIET_HOURS: 'none', DONDOC_DIGEST_REPEAT: 'daily' }))).toEqual({
      hour: '07:30',
      quiet: null,
      repeat: 'daily',
    });
    expect(() => loadConfig({ DONDOC_DIGEST_HOUR: '8h' })).toThrow(/DONDOC_DIGEST_HOUR/);
    expect(() => loadConfig({ DONDOC_DIGEST_QUIET_HOURS: '18-7' })).toThrow(/DONDOC_DIGEST_QUIET_HOURS/);
    expect(() => loadConfig({ DONDOC_DIGEST_HOUR: '06:00' })).toThrow(/giờ yên lặng/);
  });
});

const item = (plan: Plan, agencyId: string, lastDay: string, since: string, extra: Partial<LeaderItem> = {}): LeaderItem => ({
  planId: plan.id,
  planHash: 'h',
  period: '2026',
  periodLabel: 'năm 2026',
  agencyId,
  lastDay,
  since,
  ...extra,
});

describe('what the leader workflow keeps', () => {
  const a = item(sonLa, 'so-tai-chinh', '2026-12-09', '2026-12-16T08:00:00+07:00');
  const b = item(thaiNguyen, 'so-tu-phap', '2026-12-14', '2026-12-21T08:00:00+07:00');
  it('a repeated signal changes nothing and keeps "listed"; a resolution removes the agency', () => {
    const once = addItems([], [a]).map((i) => ({ ...i, listed: true }));
    expect(addItems(once, [a])).toEqual(once);
    expect(removeItems(addItems(once, [b]), [{ planId: sonLa.id, period: '2026', agencyId: 'so-tai-chinh' }])).toEqual([{ ...b, listed: false }]);
  });
  it('a period closed: agencies already listed leave at once; one not yet told is listed once, then leaves', () => {
    const ref = { planId: thaiNguyen.id, period: '2026', agencyId: 'so-tu-phap' };
    const closed = closeItems([{ ...a, listed: true }, b], [{ planId: sonLa.id, period: '2026', agencyId: 'so-tai-chinh' }, ref]);
    expect(closed).toEqual([{ ...b, closing: true }]);
    expect(digestWanted(closed, 'news')).toBe(true);
    expect(afterDigest(closed, ['thai-nguyen-227-kh-ubnd-2021|2026|so-tu-phap'])).toEqual([]);
  });

  it('news: a digest only when an agency is new since the last one; daily: whenever one is listed', () => {
    const listed = [{ ...a, listed: true }];
    expect(digestWanted(listed, 'news')).toBe(false);
    expect(digestWanted(listed, 'daily')).toBe(true);
    expect(digestWanted([...listed, b], 'news')).toBe(true);
    expect(dueAt([a, b], '2026-12-18T08:00:00+07:00')).toEqual([a]);
  });
});

describe('the digest of 21/12/2026 across two plans', () => {
  const infos = new Map<string, DigestPlanInfo>(
    [sonLa, thaiNguyen].map((plan) => [plan.id, { plan, documentRef: documentRef(plan), nameOf: (id: string) => plan.agencies.find((x) => x.id === id)!.name }]),
  );
  const items = [
    item(thaiNguyen, 'so-tu-phap', '2026-12-14', '2026-12-21T08:00:00+07:00'),
    item(sonLa, 'so-tai-chinh', '2026-12-09', '2026-12-16T08:00:00+07:00', { listed: true }),
    item(thaiNguyen, 'so-y-te', '2026-12-11', '2026-12-18T08:00:00+07:00', { listed: true }),
  ];
  const digest = buildLeaderDigest({ day: '2026-12-21', leader: [sonLa.leadership[0]!, thaiNguyen.leadership[0]!], items, plans: infos, links });

  it('grouped by plan, the most overdue first (Sơn La 8 working days, then Thái Nguyên 6 and 5)', () => {
    // 09/12 → 21/12: 10, 11, 14, 15, 16, 17, 18, 21 = 8; 11/12 → 14..18, 21 = 6; 14/12 → 15..18, 21 = 5.
    expect(digest.sections.map((s) => [s.planId, s.rows.map((r) => [r.agencyId, r.workingDaysLate])])).toEqual([
      [sonLa.id, [['so-tai-chinh', 8]]],
      [
        thaiNguyen.id,
        [
          ['so-y-te', 6],
          ['so-tu-phap', 5],
        ],
      ],
    ]);
    expect(digest.sections[0]!.gridLink).toBe(`https://dondoc.example.vn/plans/${sonLa.id}`);
    expect(digest.sections[1]!.rows[1]!.link).toBe(`https://dondoc.example.vn/plans/${thaiNguyen.id}/periods/2026/agencies/so-tu-phap`);
    expect([digest.total, digest.newCount]).toEqual([3, 1]);
  });

  it('the email: one subject for the day, a section per plan with its grid link, dates dd/mm/yyyy, NFC', () => {
    const m = leaderDayMail(digest);
    expect(m.subject).toBe('[Tổng hợp chậm báo cáo] 21/12/2026 – 3 cơ quan chưa gửi báo cáo – 2 kế hoạch');
    expect(m.text).toContain(`1. ${documentRef(sonLa)} – `);
    expect(m.text).toContain(`2. ${documentRef(thaiNguyen)} – `);
    expect(m.text).toMatch(/hạn 09\/12\/2026, chậm 8 ngày làm việc\n/);
    expect(m.text).toMatch(/hạn 14\/12\/2026, chậm 5 ngày làm việc \(mới\)/);
    expect(m.text).toContain(`Bảng theo dõi: https://dondoc.example.vn/plans/${thaiNguyen.id}`);
    expect(m.text.indexOf(documentRef(sonLa))).toBeLessThan(m.text.indexOf(documentRef(thaiNguyen)));
    expect(m.html).toContain(`<a href="https://dondoc.example.vn/plans/${sonLa.id}">`);
    expect(m.text).toBe(m.text.normalize('NFC'));
    expect(m.text).toContain(`Kính gửi: ${sonLa.leadership[0]!.role}; ${thaiNguyen.leadership[0]!.name}`);
  });

  it('each agency line states how it was told (the proof the escalation rests on), in sentence case', () => {
    const proofs = new Map([[`${sonLa.id}/2026/so-tai-chinh`, 'đã nhắc 2 lần: 30/11 (máy chủ thư đã nhận), 07/12 (đã mở liên kết)']]);
    const m = leaderDayMail(buildLeaderDigest({ day: '2026-12-21', leader: [sonLa.leadership[0]!], items, plans: infos, links, proofs }));
    expect(m.text).toMatch(/hạn 09\/12\/2026, chậm 8 ngày làm việc\n {4}Đã nhắc 2 lần: 30\/11 \(máy chủ thư đã nhận\), 07\/12 \(đã mở liên kết\)\n/);
    expect(m.html).toContain('Đã nhắc 2 lần: 30/11 (máy chủ thư đã nhận), 07/12 (đã mở liên kết)');
    // An agency without a known proof has no such line.
    expect(m.text).not.toMatch(/chậm 5 ngày làm việc \(mới\)\n {4}Đã nhắc/);
  });
});
