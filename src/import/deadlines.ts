/**
 * The phrasings of report deadlines and periods in Vietnamese administrative writing, read from one sentence.
 * Each rule below names the pattern it covers; none is tied to one document.
 *
 * - Rule words (Civil Code 2015 Art. 148 reading, brief §3): "trước ngày D" → before (last day D − 1);
 *   "chậm nhất (là) (vào) ngày D", "đến ngày D", "không muộn hơn ngày D", "trong ngày D" → by (last day D).
 * - Recurring dates: "ngày D/M", "ngày D tháng M", with the period named before the date or right after it
 *   ("6 tháng (trước ngày 16/6)", "hằng năm (trước ngày 15 tháng 11)", "trước ngày 20/11 hàng năm").
 * - Monthly and quarterly days: "trước ngày 16 hằng tháng" (the month itself), "ngày 5 tháng sau / tháng tiếp
 *   theo" (1 month after), "ngày 20 tháng cuối quý" (the quarter's last month), "ngày 5 (của) tháng đầu quý sau"
 *   (1 month after the quarter).
 * - One-offs: a date with its year ("trước ngày 15 tháng 12 năm 2025", "trước ngày 15/12/2026"), or "trong tháng
 *   11/2025" (by the last day of that month).
 * - Data cut-off (Decree 09/2019 Art. 12): "thời gian (chốt) số liệu / thời gian báo cáo tính từ ngày D/M … đến
 *   ngày D/M".
 * - Undated frequencies: "định kỳ hằng tháng / quý / 6 tháng / 9 tháng / năm", "báo cáo tổng hợp hàng quý và
 *   hàng năm".
 */
export type PeriodType = 'month' | 'quarter' | 'H1' | '9M' | 'year';

export interface DeadlinePhrase {
  period: PeriodType;
  rule: 'before' | 'by';
  day: number;
  /** The stated month (absent for month and quarter deadlines). */
  month?: number;
  monthsAfter?: number;
  /** A one-off: the year of the stated date. */
  year?: number;
  /** Where the phrase starts in the sentence, and its words. */
  index: number;
  quote: string;
}

export interface Cutoff {
  from: { day: number; month: number; previousMonth?: boolean };
  to: { day: number; month: number };
  quote: string;
}

const RULE = String.raw`(trước|chậm nhất(?:\s+là)?(?:\s+vào)?|đến|không muộn hơn|trong)\s+ngày\s+`;
const EVERY = String.raw`(?:hằng|hàng|mỗi)`;

/** "ngày 16 hằng tháng", "ngày 5 tháng sau", "ngày 20 tháng cuối quý", "ngày 5 của tháng đầu quý sau". */
const monthly = new RegExp(
  `${RULE}(\\d{1,2})\\s+(?:của\\s+)?(?:(${EVERY}\\s+tháng)|(tháng\\s+(?:sau|tiếp theo|kế tiếp))|(tháng\\s+cuối\\s+(?:mỗi\\s+|của\\s+)?quý)|(tháng\\s+(?:đầu|thứ nhất)(?:\\s+của)?\\s+quý\\s+(?:sau|tiếp theo|kế tiếp)))`,
  'giu',
);
/** "ngày 15/12/2026", "ngày 15 tháng 12 năm 2025", "ngày 16/6", "ngày 15 tháng 11". */
const dated = new RegExp(`${RULE}(\\d{1,2})(?:\\s*\\/\\s*|\\s+tháng\\s+)(\\d{1,2})(?:(?:\\s*\\/\\s*|\\s+năm\\s+)(\\d{4}))?(?!\\d)`, 'giu');
/** "trong tháng 11/2025", "trong tháng 11 năm 2025": by the month's last day. */
const withinMonth = /trong\s+tháng\s+(\d{1,2})(?:\s*\/\s*|\s+năm\s+)(\d{4})/giu;

const ruleOf = (word: string): 'before' | 'by' => (word.toLowerCase().startsWith('trước') ? 'before' : 'by');

/** The period a recurring D/M date belongs to, from the words around it; the month as a last resort. */
function periodAround(before: string, after: string, month: number): PeriodType {
  const b = before.toLowerCase();
  const a = after.toLowerCase();
  const named = (s: string): PeriodType | null =>
    /(?:^|[^\d])(?:0?9|chín)\s+tháng/u.test(s)
      ? '9M'
      : /(?:^|[^\d])(?:0?6|sáu)\s+tháng|nửa năm|giữa năm/u.test(s)
        ? 'H1'
        : /quý/u.test(s)
          ? 'quarter'
          : /năm/u.test(s)
            ? 'year'
            : null;
  const near = named(b.slice(-40)) ?? named(a.slice(0, 20));
  if (near === 'quarter') return month % 3 === 0 ? 'quarter' : 'year';
  return near ?? (month <= 7 ? 'H1' : 'year');
}

export function readDeadlines(sentence: string): DeadlinePhrase[] {
  const out: DeadlinePhrase[] = [];
  const taken: [number, number][] = [];
  const free = (i: number, n: number) => !taken.some(([s, e]) => i < e && i + n > s);
  for (const m of sentence.matchAll(monthly)) {
    const i = m.index ?? 0;
    // Groups: 3 "hằng tháng", 4 "tháng sau", 5 "tháng cuối quý", 6 "tháng đầu quý sau".
    const quarterly = m[5] !== undefined || m[6] !== undefined;
    const monthsAfter = m[4] !== undefined || m[6] !== undefined ? 1 : 0;
    out.push({ period: quarterly ? 'quarter' : 'month', rule: ruleOf(m[1]!), day: Number(m[2]), monthsAfter, index: i, quote: m[0] });
    taken.push([i, i + m[0].length]);
  }
  let last = 0;
  for (const m of sentence.matchAll(dated)) {
    const i = m.index ?? 0;
    if (!free(i, m[0].length)) continue;
    // "từ ngày … đến ngày …" is a span (a cut-off or a term), not a deadline.
    if (/từ\s+ngày\s+\d{1,2}[^.;]{0,30}$/iu.test(sentence.slice(Math.max(0, i - 45), i)) && /^đến/iu.test(m[1]!)) continue;
    if (/^trong$/iu.test(m[1]!) && !m[4]) continue;
    const day = Number(m[2]);
    const month = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const rule = ruleOf(m[1]!);
    if (m[4]) out.push({ period: 'year', rule, day, month, year: Number(m[4]), index: i, quote: m[0] });
    else out.push({ period: periodAround(sentence.slice(last, i), sentence.slice(i + m[0].length), month), rule, day, month, index: i, quote: m[0] });
    taken.push([i, i + m[0].length]);
    last = i + m[0].length;
  }
  for (const m of sentence.matchAll(withinMonth)) {
    const i = m.index ?? 0;
    if (!free(i, m[0].length)) continue;
    const month = Number(m[1]);
    const year = Number(m[2]);
    if (month < 1 || month > 12) continue;
    const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    out.push({ period: 'year', rule: 'by', day, month, year, index: i, quote: m[0] });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Period types a sentence names without a date ("định kỳ hằng quý", "báo cáo 6 tháng và hằng năm"). */
export function readFrequencies(sentence: string): PeriodType[] {
  const s = sentence.toLowerCase();
  const found = new Set<PeriodType>();
  if (new RegExp(`${EVERY}\\s+tháng|định kỳ\\s+tháng|báo cáo\\s+tháng`, 'u').test(s)) found.add('month');
  if (new RegExp(`${EVERY}\\s+quý|định kỳ\\s+quý|báo cáo\\s+quý`, 'u').test(s)) found.add('quarter');
  if (/(?:^|[^\d])(?:0?6|sáu)\s+tháng/u.test(s)) found.add('H1');
  if (/(?:^|[^\d])(?:0?9|chín)\s+tháng/u.test(s)) found.add('9M');
  if (new RegExp(`${EVERY}\\s+năm|định kỳ\\s+năm|báo cáo\\s+năm|tổng kết năm|cả năm`, 'u').test(s)) found.add('year');
  return (['month', 'quarter', 'H1', '9M', 'year'] as const).filter((p) => found.has(p));
}

/** "Thời gian chốt số liệu báo cáo tính từ ngày 15 tháng trước đến ngày 14 của tháng báo cáo", "… từ ngày 15/12 … đến ngày 14/6". */
export function readCutoff(sentence: string): Cutoff | null {
  if (!/(?:chốt|tính)\s+(?:số liệu|từ)|thời gian (?:chốt )?số liệu|thời gian báo cáo/iu.test(sentence)) return null;
  const m =
    /từ\s+ngày\s+(\d{1,2})(?:\s*\/\s*|\s+tháng\s+)(\d{1,2}|trước)(?:\s*(?:năm|\/)\s*(?:trước|\d{4}))?.{0,60}?đến\s+ngày\s+(\d{1,2})(?:\s*\/\s*|\s+(?:của\s+)?tháng\s+)(\d{1,2}|báo cáo|cuối kỳ)?/iu.exec(
      sentence,
    );
  if (!m) return null;
  const from = m[2] === 'trước' ? { day: Number(m[1]), month: 0, previousMonth: true } : { day: Number(m[1]), month: Number(m[2]) };
  const to = { day: Number(m[3]), month: m[4] && /^\d+$/.test(m[4]) ? Number(m[4]) : 0 };
  return { from, to, quote: m[0] };
}

/** The frequency of an obligation from the period types of its deadlines (schema: one type, or "periodic"). */
export function frequencyOf(periods: readonly PeriodType[]): 'monthly' | 'quarterly' | 'semiannual' | 'nine-month' | 'annual' | 'periodic' {
  const set = [...new Set(periods)];
  if (set.length !== 1) return set.length === 0 ? 'annual' : 'periodic';
  return ({ month: 'monthly', quarter: 'quarterly', H1: 'semiannual', '9M': 'nine-month', year: 'annual' } as const)[set[0]!];
}
