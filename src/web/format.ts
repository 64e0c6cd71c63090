/** Vietnamese display of dates, instants and states: dd/mm/yyyy, 24-hour clock, Asia/Ho_Chi_Minh. */
import { DateTime } from 'luxon';
import { viDate, ZONE } from '../calendar/isoDate.js';
import type { AgencyStatus } from '../reporting/types.js';

export { viDate };

export function viDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const dt = DateTime.fromISO(instant, { zone: ZONE });
  return dt.isValid ? dt.toFormat('dd/MM/yyyy HH:mm') : instant;
}

export const periodLabel = (period: string) =>
  /^\d{4}-H1$/.test(period)
    ? `6 tháng đầu năm ${period.slice(0, 4)}`
    : /^\d{4}$/.test(period)
      ? `Năm ${period}`
      : /^\d{4}-SK$/.test(period)
        ? `Sơ kết ${period.slice(0, 4)}`
        : /^\d{4}-TK$/.test(period)
          ? `Tổng kết ${period.slice(0, 4)}`
          : period.startsWith('DX-')
            ? `Đột xuất ${period.slice(3)}`
            : period;

export type CellKind = 'ontime' | 'late' | 'exempted' | 'overdue' | 'due-soon' | 'pending';

/**
 * The grid's view of an agency's state. "Due soon" means the reminders have started (7 working days
 * before by default): it follows the workflow's own business clock instead of the web server's.
 */
export function cellKind(s: AgencyStatus): CellKind {
  if (s.state === 'submitted') return 'ontime';
  if (s.state === 'submitted-late') return 'late';
  if (s.state === 'exempted') return 'exempted';
  if (s.state === 'overdue') return 'overdue';
  return s.remindersSent.length ? 'due-soon' : 'pending';
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
