/**
 * The reporting regime: who reports to whom, how often, by when. Deadline sentences are read wherever they
 * are (a "Chế độ báo cáo" section, or a dash under the standing agency's heading); a sentence whose subject
 * is the standing agency is its consolidated report up, any other binds the agencies. What the text does
 * not date gets the defaults of docs/encoding-seeds.md, marked assumed, with a warning.
 */
import { findAgencies, type AgencyName } from './agencies.js';
import type { Findings } from './evidence.js';
import { walk, type OutlineNode } from './structure.js';
import { sentences } from './text.js';

export interface DraftDeadline {
  period: 'H1' | 'year' | 'review';
  rule: 'before' | 'by';
  day: number;
  month: number;
  year?: number;
  label?: string;
  reviewKind?: 'preliminary' | 'final';
  assumed: boolean;
}

export interface DraftObligation {
  id: string;
  kind: 'agency-report' | 'consolidated-report';
  reporters: 'assigned' | string[];
  to: string[];
  consolidates?: string;
  frequency: 'semiannual' | 'annual' | 'once';
  deadlines: DraftDeadline[];
  statedText: string | null;
  assumed: boolean;
  assumptionNote?: string;
  line: number | null;
}

export interface Reporting {
  standingAgency: string | null;
  obligations: DraftObligation[];
  adHoc?: { statedText: string; to: string; line: number };
  /** "ubnd-tinh" always; "bo-ldtbxh" when the text says the report goes to the Ministry. */
  recipients: ('ubnd-tinh' | 'bo-ldtbxh')[];
  /** The years reviews fall in, for the horizon. */
  reviewYears: number[];
}

interface Sentence {
  text: string;
  line: number;
  /** Agencies of the implementation heading the sentence stands under. */
  owner: string[];
}

export interface ReportingInput {
  root: OutlineNode;
  headings: { node: OutlineNode; agencies: string[] }[];
  known: AgencyName[];
  isLetter: boolean;
  horizon: { from: number; to: number };
  targetYears: number[];
}

const deadlinePattern = /(trước|chậm nhất(?:\s+vào)?|đến)\s+ngày\s+(\d{1,2})(?:\s+tháng\s+|\/)(\d{1,2})(?!\s*\/\s*\d{4}|\d|\s+năm\s+\d{4})/giu;

export function extractReporting(input: ReportingInput, f: Findings): Reporting {
  const all = collectSentences(input.root, input.headings);
  const standing = findStanding(all, input, f);
  const S = standing?.id ?? null;
  const isStandingSentence = (s: Sentence) =>
    S !== null && (s.owner.includes(S) || findAgencies(s.text.slice(0, 80), input.known).some((h) => h.index < 12 && h.agency.id === S) || /^Giao\s/u.test(s.text) && findAgencies(s.text.slice(0, 80), input.known)[0]?.agency.id === S);

  const recipients = new Set<'ubnd-tinh' | 'bo-ldtbxh'>(['ubnd-tinh']);
  const agencyDeadlines: { d: DraftDeadline; s: Sentence; quote: string }[] = [];
  const ownDeadlines: { d: DraftDeadline; s: Sentence; quote: string }[] = [];
  let periodicAgency: Sentence | undefined;
  let periodicOwn: Sentence | undefined;
  let adHoc: Reporting['adHoc'];
  const reviews: { s: Sentence; prelimSpan?: number; finalSpan?: number; prelim: boolean; final: boolean }[] = [];

  for (const s of all) {
    if (!/báo cáo|phản ánh|sơ kết|tổng kết/iu.test(s.text)) continue;
    const mine = isStandingSentence(s);
    if (/báo cáo|phản ánh/iu.test(s.text) && /Bộ Lao động\s*-?\s*Thương binh|Bộ LĐTB/iu.test(s.text) && !/^Bộ/u.test(s.text)) recipients.add('bo-ldtbxh');
    const found = [...s.text.matchAll(deadlinePattern)];
    for (const m of found) {
      const rule = m[1]!.toLowerCase().startsWith('trước') ? 'before' : 'by';
      const day = Number(m[2]);
      const month = Number(m[3]);
      const around = s.text.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + m[0].length + 20);
      const near = s.text.slice(Math.max(0, (m.index ?? 0) - 25), m.index);
      const period: DraftDeadline['period'] = /6 tháng/u.test(near) || (!/năm/u.test(near) && month <= 7) ? 'H1' : /năm/u.test(around) || month >= 10 ? 'year' : 'year';
      const clauseStart = Math.max(0, ...[',', ';', '('].map((c) => s.text.lastIndexOf(c, (m.index ?? 0) - 1) + 1));
      const ends = [',', ';', ')'].map((c) => s.text.indexOf(c, (m.index ?? 0) + m[0].length)).filter((i) => i >= 0);
      const quote = s.text.slice(clauseStart, ends.length ? Math.min(...ends) : undefined).trim();
      (mine ? ownDeadlines : agencyDeadlines).push({ d: { period, rule, day, month, assumed: false }, s, quote });
    }
    if (found.length === 0 && /định kỳ[^.;]*báo cáo|báo cáo định kỳ/iu.test(s.text)) {
      if (mine) periodicOwn ??= s;
      else periodicAgency ??= s;
    }
    if (/phản ánh(?: bằng văn bản)?(?: gửi)? về/iu.test(s.text) && S && !adHoc) {
      const to = findAgencies(s.text.slice(s.text.search(/phản ánh/iu)), input.known)[0]?.agency.id;
      if (to === S || (!to && S)) adHoc = { statedText: s.text, to: S, line: s.line };
    }
    const sk = /sơ kết(?:\s+(\d+)\s+năm)?/iu.exec(s.text);
    const tk = /tổng kết(?:\s+(\d+)\s+năm)?/iu.exec(s.text);
    if ((sk || tk) && (mine || /tổ chức|đánh giá/iu.test(s.text))) {
      reviews.push({ s, prelim: !!sk, final: !!tk, ...(sk?.[1] ? { prelimSpan: Number(sk[1]) } : {}), ...(tk?.[1] ? { finalSpan: Number(tk[1]) } : {}) });
    }
  }

  const obligations: DraftObligation[] = [];
  const reviewYears: number[] = [];
  const to = [...recipients];
  const needsPeriodic = !input.isLetter || agencyDeadlines.length > 0 || ownDeadlines.length > 0 || periodicAgency || periodicOwn;

  if (S && needsPeriodic) {
    // Agencies → the standing agency.
    const stated = uniqueDeadlines(agencyDeadlines.map((x) => x.d));
    const agencyFrequency = stated.some((d) => d.period === 'H1') ? 'semiannual' : 'annual';
    const agencyText = agencyDeadlines.length ? joinSentences(agencyDeadlines.map((x) => x.s)) : (periodicAgency ?? periodicOwn)?.text ?? null;
    const agency: DraftObligation = {
      id: 'bao-cao-dinh-ky',
      kind: 'agency-report',
      reporters: 'assigned',
      to: [S],
      frequency: agencyFrequency,
      deadlines: stated.length ? stated : [{ period: 'year', rule: 'before', day: 15, month: 12, assumed: true }],
      statedText: agencyText,
      assumed: stated.length === 0,
      line: agencyDeadlines[0]?.s.line ?? (periodicAgency ?? periodicOwn)?.line ?? null,
    };
    if (agency.assumed) {
      agency.assumptionNote = 'Văn bản không nêu hạn báo cáo của các cơ quan: giả định báo cáo năm trước ngày 15/12 (mặc định, docs/encoding-seeds.md).';
      f.warn('deadline-assumed', agency.assumptionNote, 'reporting.obligations[0].deadlines');
    }
    obligations.push(agency);

    // The standing agency → the Province (and the Ministry).
    const own = uniqueDeadlines(ownDeadlines.map((x) => x.d));
    const defaults: DraftDeadline[] = [
      ...(agencyFrequency === 'semiannual' ? [{ period: 'H1' as const, rule: 'before' as const, day: 20, month: 6, assumed: true }] : []),
      { period: 'year', rule: 'before', day: 20, month: 12, assumed: true },
    ];
    const ownDeadlinesFinal = own.length ? own : defaults;
    const consolidated: DraftObligation = {
      id: 'tong-hop-bao-cao',
      kind: 'consolidated-report',
      reporters: [S],
      to,
      consolidates: agency.id,
      frequency: ownDeadlinesFinal.some((d) => d.period === 'H1') ? 'semiannual' : 'annual',
      deadlines: ownDeadlinesFinal,
      statedText: ownDeadlines.length ? joinSentences(ownDeadlines.map((x) => x.s)) : (periodicOwn?.text ?? null),
      assumed: own.length === 0,
      line: ownDeadlines[0]?.s.line ?? periodicOwn?.line ?? null,
    };
    if (consolidated.assumed) {
      consolidated.assumptionNote = `Văn bản không nêu hạn báo cáo tổng hợp của cơ quan thường trực: giả định trước ngày ${defaults.map((d) => `${d.day}/${d.month}`).join(' và ')} (mặc định).`;
      f.warn('deadline-assumed', consolidated.assumptionNote, 'reporting.obligations[1].deadlines');
    }
    obligations.push(consolidated);

    // Reviews (sơ kết, tổng kết): "sơ kết 05 năm, tổng kết 10 năm" counts from the start; with no span,
    // the preliminary review falls in the first target year before the end, the final one in the last year.
    const review = reviews[0];
    if (review) {
      const spans = review.prelimSpan !== undefined || review.finalSpan !== undefined;
      const mid = input.targetYears.filter((y) => y > input.horizon.from && y < input.horizon.to).sort()[0] ?? input.horizon.from + Math.floor((input.horizon.to - input.horizon.from) / 2);
      const prelimYear = review.prelimSpan !== undefined ? input.horizon.from + review.prelimSpan : mid;
      const finalYear = review.finalSpan !== undefined ? input.horizon.from + review.finalSpan : input.horizon.to;
      const label = (kind: 'sơ kết' | 'tổng kết', span?: number) => {
        const word = kind === 'sơ kết' ? 'Sơ kết' : 'Tổng kết';
        const m = new RegExp(`${kind}\\s+(\\d+\\s+năm)`, 'iu').exec(review.s.text);
        return span !== undefined && m ? `${word} ${m[1]}` : `${word} việc thực hiện Kế hoạch`;
      };
      const make = (day: number, month: number): DraftDeadline[] => [
        ...(review.prelim ? [{ period: 'review' as const, rule: 'before' as const, day, month, year: prelimYear, reviewKind: 'preliminary' as const, label: label('sơ kết', review.prelimSpan), assumed: true }] : []),
        ...(review.final ? [{ period: 'review' as const, rule: 'before' as const, day, month, year: finalYear, reviewKind: 'final' as const, label: label('tổng kết', review.finalSpan), assumed: true }] : []),
      ];
      const note = 'Văn bản không nêu hạn sơ kết / tổng kết: giả định trước ngày 10/12 năm đến hạn cho các cơ quan';
      // A review over a stated span of years asks every agency for its own review first (agencies by 10/12,
      // the standing agency by 20/12); an undated "tổ chức sơ kết, tổng kết" is the standing agency's (10/12).
      if (spans) {
        obligations.push({ id: 'so-ket-tong-ket-cac-co-quan', kind: 'agency-report', reporters: 'assigned', to: [S], frequency: 'once', deadlines: make(10, 12), statedText: review.s.text, assumed: true, assumptionNote: `${note}, 20/12 cho cơ quan thường trực.`, line: review.s.line });
        obligations.push({ id: 'so-ket-tong-ket', kind: 'consolidated-report', reporters: [S], to, consolidates: 'so-ket-tong-ket-cac-co-quan', frequency: 'once', deadlines: make(20, 12), statedText: review.s.text, assumed: true, assumptionNote: `${note}, 20/12 cho cơ quan thường trực.`, line: review.s.line });
      } else {
        obligations.push({ id: 'so-ket-tong-ket', kind: 'consolidated-report', reporters: [S], to, consolidates: agency.id, frequency: 'once', deadlines: make(10, 12), statedText: review.s.text, assumed: true, assumptionNote: `${note} (năm sơ kết, tổng kết cũng là giả định).`, line: review.s.line });
      }
      if (review.prelim) reviewYears.push(prelimYear);
      if (review.final) reviewYears.push(finalYear);
      f.warn('deadline-assumed', `Sơ kết / tổng kết không có ngày: giả định năm ${[review.prelim ? prelimYear : null, review.final ? finalYear : null].filter(Boolean).join(', ')}, trước ngày 10/12.`, 'reporting.obligations');
    }
  } else if (!S) {
    f.warn('no-standing-agency', 'Không xác định được cơ quan thường trực (nơi nhận báo cáo): không lập nghĩa vụ báo cáo.', 'standingAgency');
  } else if (!adHoc) {
    f.warn('no-reporting', 'Văn bản không đặt chế độ báo cáo định kỳ và không yêu cầu phản ánh: không có nghĩa vụ báo cáo.', 'reporting');
  }

  obligations.forEach((o, i) => {
    if (o.statedText) f.cite(`reporting.obligations[${i}].statedText`, o.statedText, o.line);
    const sources = o.kind === 'agency-report' ? agencyDeadlines : ownDeadlines;
    o.deadlines.forEach((d, j) => {
      const src = sources.find((x) => !d.assumed && x.d.day === d.day && x.d.month === d.month && x.d.period === d.period);
      if (src) f.cite(`reporting.obligations[${i}].deadlines[${j}]`, src.quote, src.s.line);
    });
  });
  if (adHoc) f.cite('reporting.adHoc', adHoc.statedText, adHoc.line);
  return { standingAgency: S, obligations, ...(adHoc ? { adHoc } : {}), recipients: [...recipients], reviewYears };
}

function uniqueDeadlines(list: DraftDeadline[]): DraftDeadline[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.period}|${d.rule}|${d.day}|${d.month}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function joinSentences(list: Sentence[]): string {
  return [...new Set(list.map((s) => s.text))].join(' ');
}

/** Every sentence of the body with its line and the implementation heading it stands under. */
function collectSentences(root: OutlineNode, headings: { node: OutlineNode; agencies: string[] }[]): Sentence[] {
  const ownerOf = (n: OutlineNode): string[] => {
    for (let p: OutlineNode | undefined = n; p; p = p.parent) {
      const h = headings.find((x) => x.node === p);
      if (h) return h.agencies;
    }
    return [];
  };
  const out: Sentence[] = [];
  const push = (text: string, line: number, owner: string[]) => {
    for (const s of sentences(text.replace(/\.?\/\.?$/u, '.'))) out.push({ text: s, line, owner });
  };
  root.body.forEach((b) => push(b, root.line, []));
  for (const n of walk(root)) {
    const owner = ownerOf(n);
    push(n.title, n.line, owner);
    n.body.forEach((b) => push(b, n.line, owner));
  }
  return out;
}

/** The standing agency: "Là cơ quan thường trực", else where reports go ("(qua X)", "gửi về X", "phản ánh về X"). */
function findStanding(all: Sentence[], input: ReportingInput, f: Findings): { id: string } | null {
  for (const s of all) {
    if (/cơ quan thường trực|cơ quan đầu mối/iu.test(s.text) && s.owner.length) {
      f.cite('standingAgency', s.text, s.line);
      return { id: s.owner[0]! };
    }
  }
  for (const s of all) {
    const m = /(?:\(qua|gửi về|phản ánh(?: bằng văn bản)?(?: gửi)? về|đơn vị chủ trì \(|tổng hợp, báo cáo qua)\s*/iu.exec(s.text);
    if (!m) continue;
    const hit = findAgencies(s.text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 90), input.known)[0];
    if (hit) {
      f.cite('standingAgency', s.text, s.line);
      return { id: hit.agency.id };
    }
  }
  const first = input.headings.find((h) => h.agencies.length)?.agencies[0];
  if (first) {
    f.warn('standing-assumed', 'Văn bản không nói rõ cơ quan thường trực: lấy cơ quan được phân công đầu tiên.', 'standingAgency');
    return { id: first };
  }
  return null;
}

