/** An agency status with both addresses bounced (issue 15), for the page tests and the screenshot. */
import type { AgencyStatus } from '../../src/reporting/types.js';

const FOCAL = 'daumoi.so-tai-chinh@example.gov.vn';
const HEAD = 'lanhdao.so-tai-chinh@example.gov.vn';
export const unreachableStatus = (over: Partial<AgencyStatus> = {}): AgencyStatus => ({
  agencyId: 'so-tai-chinh',
  role: 'agency',
  period: '2026-H1',
  state: 'overdue',
  lastDay: '2026-06-15',
  dueAt: '2026-06-15T23:59:59+07:00',
  submittedAt: null,
  revisions: 0,
  remindersSent: [],
  escalationLevel: null,
  digestAt: '2026-06-22T08:00:00+07:00',
  ladderEndsAt: '2026-06-22T08:00:00+07:00',
  exemption: null,
  extensions: [],
  extensionRequest: null,
  closed: false,
  proof: {
    proven: false,
    provenAt: null,
    waitingSince: '2026-06-16T08:00:00+07:00',
    unreachable: [
      { address: FOCAL, key: 'k1', at: '2026-06-04T08:00:00+07:00' },
      { address: HEAD, key: 'k2', at: '2026-06-04T09:00:00+07:00' },
    ],
    fallbacks: [{ address: HEAD, contactRole: 'head', failedAddress: FOCAL }],
    exhausted: true,
  },
  ...over,
});
