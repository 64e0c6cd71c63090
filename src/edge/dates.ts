/** Calendar dates at the edge: ISO YYYY-MM-DD that exist (no 2026-02-30, no 2026-13-45). Pure, no luxon. */
import { MAX_YEAR, MIN_YEAR } from './limits.js';

/** True for a real calendar day written YYYY-MM-DD, with its year within MIN_YEAR–MAX_YEAR. */
export function isRealIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** "15/06/2026" or "2026-06-15" → "2026-06-15"; null when it is not a real day. */
export function parseViDate(s: string): string | null {
  const t = s.trim();
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = vi ? `${vi[3]}-${vi[2]!.padStart(2, '0')}-${vi[1]!.padStart(2, '0')}` : t;
  return isRealIsoDate(iso) ? iso : null;
}
