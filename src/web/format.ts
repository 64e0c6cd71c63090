/** Vietnamese display of dates, instants and states: dd/mm/yyyy, 24-hour clock, Asia/Ho_Chi_Minh. */
import { DateTime } from 'luxon';
import { viDate, ZONE } from '../calendar/isoDate.js';
import { labelOfPeriodId, parsePeriodId } from '../calendar/periods.js';
import type { AgencyStatus } from '../reporting/types.js';

export { viDate };

/** dd/mm/yyyy or yyyy-mm-dd → ISO, null when not a real day: the edges' one parser (src/edge/dates.ts). */
export { parseViDate } from '../edge/dates.js';

export function viDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const dt = DateTime.fromISO(instant, { zone: ZONE });
  return dt.isValid ? dt.toFormat('dd/MM/yyyy HH:mm') : instant;
}

/** A period's label for headings: "Tháng 3 năm 2026", "Quý I năm 2026", "6 tháng đầu năm 2026", "Năm 2026", "Sơ kết 2029". */
export function periodLabel(period: string): string {
  if (!parsePeriodId(period)) return period.startsWith('DX-') ? `Đột xuất ${period.slice(3)}` : period;
  const label = labelOfPeriodId(period);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export type CellKind = 'ontime' | 'late' | 'exempted' | 'overdue' | 'due-soon' | 'pending';

/** Days before the due instant a pending report counts as "due soon" (about the 7 working days of the first reminder). */
export const DUE_SOON_DAYS = 10;

/**
 * The grid's view of an agency's state at business time `nowMs` (the web's clock, shifted like the
 * workflows' in simulations and tests). The cycle's copy of `remindersSent` lags, so dates decide.
 */
export function cellKind(s: AgencyStatus, nowMs: number): CellKind {
  if (s.state === 'submitted') return 'ontime';
  if (s.state === 'submitted-late') return 'late';
  if (s.state === 'exempted') return 'exempted';
  if (s.state === 'overdue') return 'overdue';
  return Date.parse(s.dueAt) - nowMs <= DUE_SOON_DAYS * 86_400_000 ? 'due-soon' : 'pending';
}

export const cellLabel: Record<CellKind, string> = {
  ontime: 'Đã nộp',
  late: 'Nộp muộn',
  exempted: 'Miễn báo cáo',
  overdue: 'Quá hạn',
  'due-soon': 'Sắp đến hạn',
  pending: 'Chưa đến hạn',
};

export const escalationLabel: Record<string, string> = {
  overdue: 'đã nhắc quá hạn',
  director: 'đã báo Giám đốc Sở',
  'leader-digest': 'đã báo lãnh đạo UBND tỉnh',
};

export const taskStatusLabel: Record<string, string> = {
  'chua-trien-khai': 'Chưa triển khai',
  'dang-thuc-hien': 'Đang thực hiện',
  'hoan-thanh': 'Hoàn thành',
  'thuong-xuyen': 'Thường xuyên',
};

export const phaseLabel: Record<string, string> = {
  collecting: 'Đang thu báo cáo',
  'draft-sent': 'Đã gửi dự thảo tổng hợp, chờ duyệt',
  sent: 'Đã gửi báo cáo tổng hợp',
  closed: 'Đã đóng kỳ',
};
