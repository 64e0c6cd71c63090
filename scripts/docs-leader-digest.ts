/**
 * `node --import tsx scripts/docs-leader-digest.ts`: a picture of the leader's digest of 21/12/2026 across
 * two seed plans (Sơn La, Thái Nguyên), rendered by the real template and photographed in Chromium
 * (docs/screenshots/leader-digest-email.png).
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
import { CHROMIUM_ARGS } from '../test/support/web.js';

const plans = await Promise.all(['son-la-37-ct-tw-2024', 'thai-nguyen-227-kh-ubnd-2021'].map((n) => loadPlanOrThrow(join(projectRoot, 'plans', `${n}.yaml`))));
const [sonLa, thaiNguyen] = plans as [(typeof plans)[0], (typeof plans)[0]];
const item = (planId: string, agencyId: string, lastDay: string, since: string, listed: boolean): LeaderItem => ({ planId, planHash: 'h', period: '2026', periodLabel: 'năm 2026', agencyId, lastDay, since, listed });
const items = [
  item(sonLa.id, 'so-tai-chinh', '2026-12-09', '2026-12-16T08:00:00+07:00', true),
  item(sonLa.id, 'bao-son-la', '2026-12-09', '2026-12-16T08:00:00+07:00', true),
  item(thaiNguyen.id, 'so-tu-phap', '2026-12-14', '2026-12-21T08:00:00+07:00', false),
];
const infos = new Map<string, DigestPlanInfo>(plans.map((plan) => [plan.id, { plan, documentRef: documentRef(plan), nameOf: (id: string) => plan.agencies.find((a) => a.id === id)!.name }]));
const digest = buildLeaderDigest({ day: '2026-12-21', leader: [sonLa.leadership[0]!, thaiNguyen.leadership[0]!], items, plans: infos, links: staffLinks('http://127.0.0.1:8080') });
const mail = leaderDayMail(digest);
console.log(mail.subject);
console.log(mail.text);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.setContent(mail.html);
  await page.screenshot({ path: join(projectRoot, 'docs', 'screenshots', 'leader-digest-email.png'), fullPage: true });
  console.log('docs/screenshots/leader-digest-email.png');
} finally {
  await browser.close();
}
