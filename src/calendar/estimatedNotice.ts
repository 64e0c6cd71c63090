/**
 * The notice every screen shows when a plan has steps in a year whose days off are not yet announced: the
 * deadlines, reminders and escalations of that year rest on the statute and may move when the government
 * announces the year (usually October to December of the year before).
 */
import { estimatedYears } from './holidays.js';

export interface EstimatedCalendarNotice {
  year: number;
  message: string;
}

/** One notice per year of `instants` (ISO dates or date-times) without an announced calendar. */
export function estimatedCalendarNotices(instants: Iterable<string | null | undefined>): EstimatedCalendarNotice[] {
  const years = [...instants].filter((i): i is string => typeof i === 'string' && /^\d{4}-/.test(i)).map((i) => Number(i.slice(0, 4)));
  return estimatedYears(years).map((year) => ({
    year,
    message: `Ngày nghỉ năm ${year} đang được ước tính theo Bộ luật Lao động 2019, chưa có lịch nghỉ do Chính phủ công bố (lịch nghỉ Tết, Quốc khánh năm ${year} thường được công bố vào tháng 10–12 năm ${year - 1}). Hạn, lịch nhắc và lịch đôn đốc trong năm ${year} có thể thay đổi khi có lịch công bố.`,
  }));
}
