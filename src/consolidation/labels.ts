/** Vietnamese labels and number formats shared by every renderer of the consolidated report. */
import type { Target } from '../plan/schema.js';
import type { TaskStatus } from '../reporting/types.js';
import type { TargetStatus, Timeliness } from './consolidate.js';

export const TARGET_STATUS_VI: Record<TargetStatus, string> = { met: 'Đạt', 'in-progress': 'Đang thực hiện', behind: 'Chưa đạt', 'no-data': 'Chưa có số liệu' };
export const TIMELINESS_VI: Record<Timeliness, string> = { 'on-time': 'Đúng hạn', late: 'Chậm hạn', missing: 'Chưa báo cáo', exempted: 'Được miễn' };
export const TASK_STATUS_VI: Record<TaskStatus, string> = {
  'chua-trien-khai': 'Chưa triển khai',
  'dang-thuc-hien': 'Đang thực hiện',
  'hoan-thanh': 'Hoàn thành',
  'thuong-xuyen': 'Thường xuyên',
};
export const CMP_VI: Record<Target['comparison'], string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

/** 58.9 → "58,9"; 12000 → "12.000" (Vietnamese separators). */
export const num = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
/** A value with its unit: "%" sticks to the number, other units follow a space. */
export const withUnit = (n: number, unit: string) => (unit === '%' ? `${num(n)}%` : unit ? `${num(n)} ${unit}` : num(n));
