/**
 * Calendar dates as they cross an edge (YYYY-MM-DD): checked to exist, not only to look like a date.
 * Dependency-free so workflow validators use the same check.
 */

/** Why `s` is not a real calendar date, in Vietnamese; null when it is one. */
export function isoDateProblem(s: unknown): string | null {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'phải là ngày dạng YYYY-MM-DD';
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return `ngày ${d}/${m}/${y} không có trong lịch`;
  if (y < 2000 || y > 2100) return 'năm phải trong khoảng 2000–2100';
  return null;
}

export const isIsoDate = (s: unknown): s is string => isoDateProblem(s) === null;

/** "dd/mm/yyyy HH:MM" in Vietnam's time (UTC+7) for an instant. */
export function viDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}
