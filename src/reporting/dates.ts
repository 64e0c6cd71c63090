/**
 * Calendar dates as they cross an edge (YYYY-MM-DD): checked to exist, not only to look like a date.
 * Dependency-free so workflow validators use the same check.
 */
import { isRealIsoDate } from '../edge/dates.js';
import { MAX_YEAR, MIN_YEAR } from '../edge/limits.js';

/** Why `s` is not a real calendar date, in Vietnamese; null when it is one. */
export function isoDateProblem(s: unknown): string | null {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'phải là ngày dạng YYYY-MM-DD';
  const day: string = s;
  const real: boolean = isRealIsoDate(day);
  if (real) return null;
  // The edge's check decides; here only the reason is worded.
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y < MIN_YEAR || y > MAX_YEAR ? `năm phải trong khoảng ${MIN_YEAR}–${MAX_YEAR}` : `ngày ${d}/${m}/${y} không có trong lịch`;
}

export const isIsoDate = (s: unknown): s is string => isoDateProblem(s) === null;

/** "dd/mm/yyyy HH:MM" in Vietnam's time (UTC+7) for an instant. */
export function viDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}
