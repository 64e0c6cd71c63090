/**
 * `node --import tsx scripts/docs-leader-digest.ts`: a picture of the leader's digest of 21/12/2026 across
 * two seed plans (Sơn La, Thái Nguyên), rendered by the real template and photographed in Chromium
 * (docs/screenshots/leader-digest-email.png), and the standing agency officer's morning summary of
 * 11/12/2026 (docs/screenshots/officer-summary-email.png).
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { staffLinks } from '../src/mail/staffLinks.js';
import { leaderDayMail } from '../src/mail/leaderDayMail.js';
import { documentRef } from '../src/mail/templates.js';
import { loadPlanOrThrow } from '../src/plan/load.js';
import { buildLeaderDigest, type DigestPlanInfo } from '../src/reporting/leaderDigest.js';
import type { LeaderItem } from '../src/reporting/leaderItems.js';
import { projectRoot } from '../src/runtime/tools.js';
import { officerMorningMail } from '../src/mail/officerMorningMail.js';
import { buildOfficerSummary } from '../src/reporting/officerSummary.js';
import { CHROMIUM_ARGS } from '../test/support/web.js';

const plans = await Promise.all(['son-la-37-ct-tw-2024', 'thai-nguyen-227-kh-ubnd-2021'].map((n) => loadPlanOrThrow(join(projectRoot, 'plans', `${n}.yaml`))));
const [sonLa, thaiNguyen] = plans as [(typeof plans)[0], (typeof plans)[0]];
const item = (planId: string, agencyId: string, lastDay: string, since: string, listed: boolean): LeaderItem => ({
  planId,
  planHash: 'h',
  period: '2026',
  periodLabel: 'năm 2026',
  agencyId,
  lastDay,
  since,
  listed,
});
const items = [
  item(sonLa.id, 'so-tai-chinh', '2026-12-09', '2026-12-16T08:00:00+07:00', true),
  item(sonLa.id, 'bao-son-la', '2026-12-09', '2026-12-16T08:00:00+07:00', true),
  item(thaiNguyen.id, 'so-tu-phap', '2026-12-14', '2026-12-21T08:00:00+07:00', false),
];
const infos = new Map<string, DigestPlanInfo>(
  plans.map((plan) => [plan.id, { plan, documentRef: documentRef(plan), nameOf: (id: string) => plan.agencies.find((a) => a.id === id)!.name }]),
);
// Proof lines as proofLine() words them from the delivery log (the reminders of 30/11 and 07/12, the overdue notice).
const proofs = new Map([
  [`${sonLa.id}/2026/so-tai-chinh`, 'đã nhắc 3 lần: 30/11 (máy chủ thư đã nhận), 07/12 (đã mở liên kết), 10/12 (máy chủ thư đã nhận)'],
  [`${sonLa.id}/2026/bao-son-la`, 'đã nhắc 3 lần: 30/11 (đã đến hộp thư), 07/12 (đã đến hộp thư), 10/12 (đã đến hộp thư)'],
  [`${thaiNguyen.id}/2026/so-tu-phap`, 'đã nhắc 2 lần: 03/12 (đã mở liên kết), 15/12 (máy chủ thư đã nhận)'],
]);
const digest = buildLeaderDigest({
  day: '2026-12-21',
  leader: [sonLa.leadership[0]!, thaiNguyen.leadership[0]!],
  items,
  plans: infos,
  links: staffLinks('http://127.0.0.1:8080'),
  proofs,
});
const mail = leaderDayMail(digest);
const l = staffLinks('http://127.0.0.1:8080');
const name = (plan: typeof sonLa, id: string) => plan.agencies.find((a) => a.id === id)!.name;
const officer = officerMorningMail(
  buildOfficerSummary('2026-12-11', [
    {
      planId: sonLa.id,
      documentRef: documentRef(sonLa),
      period: '2026',
      periodLabel: 'năm 2026',
      draftToApprove: null,
      gridLink: l.plan(sonLa.id),
      agencies: [
        {
          agencyId: 'so-tai-chinh',
          name: name(sonLa, 'so-tai-chinh'),
          state: 'overdue',
          lastDay: '2026-12-09',
          extensionRequest: null,
          unreachable: { what: 'daumoi.so-tai-chinh@example.gov.vn', error: '550 5.1.1 mailbox unknown' },
          link: l.agency(sonLa.id, '2026', 'so-tai-chinh'),
        },
      ],
    },
    {
      planId: thaiNguyen.id,
      documentRef: documentRef(thaiNguyen),
      period: '2026',
      periodLabel: 'năm 2026',
      draftToApprove: null,
      gridLink: l.plan(thaiNguyen.id),
      agencies: [
        {
          agencyId: 'so-tu-phap',
          name: name(thaiNguyen, 'so-tu-phap'),
          state: 'pending',
          lastDay: '2026-12-14',
          extensionRequest: { lastDay: '2026-12-18', reason: 'Chờ số liệu của các xã' },
          unreachable: null,
          link: l.agency(thaiNguyen.id, '2026', 'so-tu-phap'),
        },
      ],
    },
  ]),
  'Sở Nội vụ',
);
console.log(mail.subject);
console.log(mail.text);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.setContent(mail.html);
  await page.screenshot({ path: join(projectRoot, 'docs', 'screenshots', 'leader-digest-email.png'), fullPage: true });
  console.log('docs/screenshots/leader-digest-email.png');
  await page.setContent(officer.html);
  await page.screenshot({ path: join(projectRoot, 'docs', 'screenshots', 'officer-summary-email.png'), fullPage: true });
  console.log(officer.subject);
} finally {
  await browser.close();
}
