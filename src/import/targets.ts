/**
 * Numeric targets of the "Mục tiêu cụ thể" section: "Tỷ lệ lao động qua đào tạo đạt 75% vào năm 2025 và
 * đạt 78% vào năm 2030" is two targets. A clause gives the value, its unit, the comparison word and
 * (or inherits from "Phấn đấu đến năm 2025:" / "Giai đoạn 2026 - 2030:") the year.
 */
import { parseViNumber } from '../edge/viNumber.js';
import type { Findings } from './evidence.js';
import { findSection, type OutlineNode } from './structure.js';

export interface DraftTarget {
  label: string;
  value: number;
  unit: string;
  comparison: '>=' | '<=';
  year: number;
  quote: string;
  line: number;
}

interface Unit {
  text: string;
  line: number;
  year: number | null;
}

/** "Đến năm 2025:", "Phấn đấu đến năm 2025:", "Giai đoạn 2026 - 2030:" → the year it sets for what follows. */
function contextYear(text: string): number | null {
  const period = /^(?:-\s*)?(?:Phấn đấu\s+)?(?:giai đoạn\s+\d{4}\s*[-–]\s*(\d{4})|đến năm\s+(\d{4}))/iu.exec(text);
  if (period) return Number(period[1] ?? period[2]);
  return null;
}

/** Vietnamese number: "5.000" is five thousand, "6,5" six and a half (the one shared parser). */
export const parseNumber = parseViNumber;

// Indicators that should go down: a neutral word ("khoảng") means "at most" for them.
const decreasing = /thất nghiệp|thiếu việc làm|nông nghiệp|không có việc làm|không đi học/iu;
const valuePattern = /(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?:\s*[-–]\s*\d+(?:,\d+)?)?\s*(%\/năm|%|điểm)|(\d{1,3}(?:\.\d{3})+)\s+(thanh niên|lao động|người)/gu;

export function extractTargets(root: OutlineNode, horizonHint: number | null, f: Findings): DraftTarget[] {
  // The usual titles of the section of figures: "Mục tiêu cụ thể", else "Mục tiêu chủ yếu" / "Chỉ tiêu chủ yếu (đến năm …)".
  const section = findSection(root, /MỤC TIÊU CỤ THỂ/u) ?? findSection(root, /^(?:\d+\.\s*)?(?:MỤC TIÊU|CHỈ TIÊU) CHỦ YẾU/u);
  if (!section) {
    f.warn('no-targets', 'Không tìm thấy mục "Mục tiêu cụ thể" / "Chỉ tiêu chủ yếu": không có chỉ tiêu.', 'targets');
    return [];
  }
  const units: Unit[] = [];
  let year: number | null = contextYear(section.title.replace(/^.*?:/u, '')) ?? (Number(/đến năm\s+(\d{4})/iu.exec(section.title)?.[1]) || null);
  const visit = (node: OutlineNode, inherited: number | null) => {
    for (const p of node.body) {
      const y = contextYear(p);
      if (y && p.trim().endsWith(':')) year = y;
      else units.push({ text: p, line: node.line, year: contextYear(p) ?? inherited ?? year });
    }
    for (const c of node.children) {
      const own = contextYear(c.title);
      units.push({ text: c.title, line: c.line, year: own ?? inherited ?? year });
      visit(c, own ?? inherited);
    }
  };
  visit(section, null);

  const targets: DraftTarget[] = [];
  for (const unit of units) {
    let lastLabel = '';
    // Clauses: ";", ". ", ", trong đó", " và đạt", ", tỷ lệ …" each start a new target statement.
    const clauses = unit.text
      .replace(/^[^:]{0,60}:\s*(?=\S)/u, (m) => (contextYear(m) ? '' : m))
      .split(/;\s*|\.\s+(?=\p{Lu})|,\s*trong đó\s+|\.\s*Trong đó\s+|,\s+(?=tỷ (?:lệ|trọng)\s)|\s+và\s+(?=đạt\s)/iu);
    for (const clause of clauses) {
      const values = [...clause.matchAll(valuePattern)];
      if (values.length === 0) continue;
      // "Năm 2025 có 85% và năm 2030 có 95% học sinh …": each value reads the words between it and its
      // neighbours; a year right after the value wins, then one before it, then one later in the clause.
      let prevEnd = 0;
      values.forEach((v, k) => {
        const start = v.index ?? 0;
        const end = start + v[0].length;
        const before = clause.slice(prevEnd, start);
        const after = clause.slice(end, values[k + 1]?.index ?? clause.length);
        prevEnd = end;
        // The words that belong to this value alone: up to the next ", " / " và năm …" on either side.
        const own = /,\s+|;\s*|\s+và\s+(?=(?:vào |đến )?năm\s|chiếm|đạt|có\s)/u;
        const beforeOwn = before.split(own).pop() ?? '';
        const afterOwn = after.split(own)[0] ?? '';
        const yearOf = (t: string) => [...t.matchAll(/năm\s+(\d{4})/giu)].map((m) => Number(m[1]));
        const y = yearOf(afterOwn)[0] ?? yearOf(beforeOwn).pop() ?? yearOf(before).pop() ?? clauseYearOf(clause, k, values.length) ?? unit.year ?? horizonHint;
        if (!y || y < 2000) return;
        const value = parseNumber(v[1] ?? v[3]!);
        let unitText = v[2] ?? (v[4] === 'thanh niên' || v[4] === 'người' ? 'người' : 'lao động');
        const tail = clause.slice((values[values.length - 1]!.index ?? 0) + values[values.length - 1]![0].length);
        const fromAfter = (t: string) => labelOf(t.replace(/^\s*(?:vào |đến )?năm\s+\d{4}/u, '').replace(/\(.*$/u, ''));
        let label = labelOf(k === 0 ? before : beforeOwn);
        if (v[4]) label = `Số ${v[4]} ${labelOf(afterOwn) ? lowerFirst(labelOf(afterOwn)) : ''}`.trim();
        else if (!isLabel(label)) {
          const named = isLabel(fromAfter(after)) ? fromAfter(after) : isLabel(fromAfter(tail)) ? fromAfter(tail) : '';
          label = named ? `Tỷ lệ ${lowerFirst(named)}` : lastLabel;
        }
        if (!label) return;
        lastLabel = label;
        if (unitText === '%' && /^\s*\/năm/u.test(after)) unitText = '%/năm';
        const word = /(dưới|không quá|giảm xuống còn|giảm xuống|tối đa|thấp hơn|đạt tối thiểu|tối thiểu|ít nhất|trên|đạt|chiếm khoảng|chiếm|khoảng|có|từ)\s*(?:mức\s*)?$/iu
          .exec(before.trim())?.[1]
          ?.toLowerCase();
        const falls = decreasing.test(label) && !/bảo hiểm/iu.test(label);
        const comparison: '>=' | '<=' = word && /dưới|không quá|giảm|tối đa|thấp hơn/u.test(word) ? '<=' : !word || /khoảng|có/u.test(word) ? (falls ? '<=' : '>=') : '>=';
        targets.push({ label, value, unit: unitText, comparison, year: y, quote: unit.text, line: unit.line });
      });
    }
  }
  targets.forEach((t, i) => f.cite(`targets[${i}]`, t.quote, t.line));
  if (targets.length === 0) f.warn('no-targets', 'Mục "Mục tiêu cụ thể" không có con số nào nhận ra được.', 'targets');
  return targets;
}

/** The indicator's name: the clause before its comparison word, without "Phấn đấu", years and levels. */
/** The clause's own year, when it states exactly one ("… đến năm 2025 đạt 25,13%"). */
function clauseYearOf(clause: string, _k: number, _n: number): number | undefined {
  const years = [...clause.matchAll(/năm\s+(\d{4})/giu)].map((m) => Number(m[1]));
  return new Set(years).size === 1 ? years[0] : undefined;
}

const isLabel = (s: string) => s.split(' ').length >= 2 && !/^(?:và|Và|năm|Năm)\s/u.test(s);
const lowerFirst = (s: string) => (s ? s[0]!.toLocaleLowerCase('vi') + s.slice(1) : s);

function labelOf(text: string): string {
  let s = text
    .replace(/^\s*[-a-zđ]\)\s*/u, '')
    .replace(/^[\s(,]+/u, '')
    .replace(/(?:^|\s)(?:vào |đến |đến hết |từ )?năm\s+\d{4},?/giu, ' ')
    .replace(/(?:ở mức thấp|ở mức|đạt mức|mức)\s*$/u, '')
    .replace(/(?:dưới|không quá|giảm xuống còn|giảm xuống|tối đa|thấp hơn|đạt tối thiểu|tối thiểu|ít nhất|trên|đạt|chiếm khoảng|chiếm|khoảng|có|từ)\s*(?:mức\s*)?$/iu, '')
    .replace(/\s(?:ở mức thấp|ở mức)\s*$/u, '')
    .replace(/^\s*(?:phấn đấu|duy trì|hoàn thành|hằng năm|trong đó|,)\s*/giu, '')
    .replace(/^\s*(?:phấn đấu|duy trì|hoàn thành|có|giảm)\s+/giu, '')
    .replace(/[\s,:;.”")]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > 160) s = s.slice(s.length - 160).replace(/^\S*\s/u, '');
  return s ? s[0]!.toLocaleUpperCase('vi') + s.slice(1) : '';
}
