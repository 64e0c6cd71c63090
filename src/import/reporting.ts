/**
 * The reporting regime: who reports to whom, how often, by when. Report sentences are read wherever they
 * stand (a "CHẾ ĐỘ BÁO CÁO" section, a point of "TỔ CHỨC THỰC HIỆN", a paragraph closing a task); the phrases
 * are read by ./deadlines.ts. Two tiers (Decree 09/2019): a sentence whose subject is the standing agency (or
 * that stands under its heading) is its consolidated report up (to the Province, the Ministry, the Prime
 * Minister); any other binds the agencies. What the text does not date gets the defaults below, marked assumed
 * with the reason, and a warning.
 */
import { findAgencies, type AgencyName } from './agencies.js';
import { frequencyOf, readCutoff, readDeadlines, readFrequencies, type Cutoff, type PeriodType } from './deadlines.js';
import type { Findings } from './evidence.js';
import { walk, type OutlineNode } from './structure.js';
import { sentences } from './text.js';

export interface DraftDeadline {
  period: PeriodType | 'review';
  rule: 'before' | 'by';
  day: number;
  month?: number;
  monthsAfter?: number;
  year?: number;
  label?: string;
  reviewKind?: 'preliminary' | 'final';
  assumed: boolean;
}

export type Frequency = 'monthly' | 'quarterly' | 'semiannual' | 'nine-month' | 'annual' | 'periodic' | 'once';

export interface DraftObligation {
  id: string;
  kind: 'agency-report' | 'consolidated-report';
  reporters: 'assigned' | string[];
  to: string[];
  consolidates?: string;
  frequency: Frequency;
  deadlines: DraftDeadline[];
  statedText: string | null;
  assumed: boolean;
  assumptionNote?: string;
  firstYear?: number;
  lastYear?: number;
  line: number | null;
}

export interface Recipient {
  id: string;
  name: string;
  successor?: { from: string; name: string };
}

export interface Reporting {
  standingAgency: string | null;
  obligations: DraftObligation[];
  adHoc?: { statedText: string; to: string; line: number };
  /** Where the consolidated report goes: the Province (or the Prime Minister), ministries, Party and Council. */
  recipients: Recipient[];
  /** The years reviews fall in, for the horizon. */
  reviewYears: number[];
  /** Data cut-off sentences ("thời gian báo cáo tính từ ngày … đến ngày …"): no schema field yet, kept as notes. */
  cutoffs: (Cutoff & { statedText: string; line: number })[];
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
  /** The body the consolidated report goes to by default: the Province's committee, or the Prime Minister. */
  top: Recipient;
  /** Ministries the data knows, to recognise "báo cáo … Bộ X" as a second recipient. */
  ministries: readonly { name: string; successor?: string }[];
}

/** A report verb: deadlines in other sentences are those of tasks ("Thời hạn ban hành: trước ngày …"). */
const reportVerb = /báo cáo|gửi kết quả|kết quả[^.;]{0,80}gửi về|phản ánh/iu;
const adHocPhrase = /đột xuất|khi có yêu cầu|theo yêu cầu|theo đề nghị|phản ánh(?: bằng văn bản)?(?: gửi)? về|khó khăn,? vướng mắc/iu;
const periodicWords = /định kỳ|hằng năm|hàng năm|hằng quý|hàng quý|hằng tháng|hàng tháng|(?:0?6|sáu) tháng|(?:0?9|chín) tháng/iu;

/** Defaults (docs/importer.md): agencies on the 15th, the standing agency on the 20th of the period's last month. */
function defaultDeadline(period: PeriodType, day: number): DraftDeadline {
  switch (period) {
    case 'month':
    case 'quarter':
      return { period, rule: 'before', day, monthsAfter: 0, assumed: true };
    case 'H1':
      return { period, rule: 'before', day, month: 6, assumed: true };
    case '9M':
      return { period, rule: 'before', day, month: 9, assumed: true };
    case 'year':
      return { period, rule: 'before', day, month: 12, assumed: true };
  }
}

const dateLabel = (d: DraftDeadline) => (d.period === 'month' ? `ngày ${d.day} hằng tháng` : d.period === 'quarter' ? `ngày ${d.day} tháng cuối quý` : `${d.day}/${d.month}`);

interface Found {
  d: DraftDeadline;
  s: Sentence;
  quote: string;
  reporters: 'assigned' | string[];
}

export function extractReporting(input: ReportingInput, f: Findings): Reporting {
  const all = collectSentences(input.root, input.headings);
  const standing = findStanding(all, input, f);
  const S = standing?.id ?? null;
  const opening = (s: Sentence) => findAgencies(s.text.slice(0, 80), input.known);
  const isStandingSentence = (s: Sentence) =>
    S !== null && (s.owner.includes(S) || opening(s).some((h) => h.index < 12 && h.agency.id === S) || (/^(?:[-+]\s*)?Giao\s/u.test(s.text) && opening(s)[0]?.agency.id === S));
  // A sentence that names no subject at all ("Kết quả quan trắc … báo cáo tổng hợp hàng quý và hàng năm") states
  // the regime of the whole plan.
  const isRegimeWide = (s: Sentence) => s.owner.length === 0 && opening(s).length === 0 && !/^(?:[-+]\s*)?(?:Các|các|Căn cứ|Giao|Đề nghị|Yêu cầu)\s/u.test(s.text);

  const recipients = new Map<string, Recipient>([[input.top.id, input.top]]);
  const agencyFound: Found[] = [];
  const ownFound: Found[] = [];
  let periodicAgency: Sentence | undefined;
  let periodicOwn: Sentence | undefined;
  let agencyToStanding: Sentence | undefined;
  let agencyFrequencies: PeriodType[] = [];
  let ownFrequencies: PeriodType[] = [];
  let regimeFrequencies: PeriodType[] = [];
  let regimeSentence: Sentence | undefined;
  let adHoc: Reporting['adHoc'];
  const cutoffs: Reporting['cutoffs'] = [];
  const reviews: { s: Sentence; prelimSpan?: number; finalSpan?: number; prelimYear?: number; finalYear?: number; prelim: boolean; final: boolean }[] = [];

  for (const s of all) {
    const cut = readCutoff(s.text);
    if (cut) cutoffs.push({ ...cut, statedText: s.text, line: s.line });
    if (!reportVerb.test(s.text) && !/sơ kết|tổng kết/iu.test(s.text)) continue;
    const mine = isStandingSentence(s);
    addRecipients(s.text, input, recipients);
    const phrases = reportVerb.test(s.text) ? readDeadlines(s.text) : [];
    // Two tiers in one sentence: "… báo cáo về Sở X trước ngày 10/12 để tổng hợp, báo cáo UBND tỉnh trước ngày
    // 20/12": a date after "để (Sở X) tổng hợp" is the standing agency's own.
    const handover = mine ? -1 : s.text.search(/để\s+(?:[^,;.]{0,60}?\s)?tổng hợp/iu);
    for (const p of phrases) {
      const own = mine || (handover >= 0 && p.index > handover);
      const clauseStart = Math.max(0, ...[',', ';', '('].map((c) => s.text.lastIndexOf(c, p.index - 1) + 1));
      const ends = [',', ';', ')'].map((c) => s.text.indexOf(c, p.index + p.quote.length)).filter((i) => i >= 0);
      const quote = s.text.slice(clauseStart, ends.length ? Math.min(...ends) : undefined).trim();
      const { index: _i, quote: _q, ...d } = p;
      // A one-off asked of the agencies of one heading binds those agencies, not every assigned one.
      const reporters = !own && p.year !== undefined && s.owner.length ? s.owner : 'assigned';
      (own ? ownFound : agencyFound).push({ d: { ...d, assumed: false }, s, quote, reporters });
    }
    const undated = phrases.length === 0 && reportVerb.test(s.text);
    // An undated report of the agencies to the standing agency ("… và báo cáo về Sở X (qua …)"): its words back
    // the assumed agency obligation.
    if (undated && !mine && S && !agencyToStanding) {
      const after = s.text.slice(s.text.search(/báo cáo|gửi/iu));
      if (findAgencies(after.slice(0, 120), input.known).some((h) => h.agency.id === S)) agencyToStanding = s;
    }
    // The standing agency's own report of the plan's results ("báo cáo Thủ tướng Chính phủ kết quả thực hiện Kế hoạch").
    const ownResults =
      mine &&
      /kết quả (?:thực hiện|triển khai)|tình hình (?:thực hiện|triển khai)/iu.test(s.text) &&
      !adHocPhrase.test(s.text.replace(/hoặc\s+(?:đột xuất|khi có yêu cầu|theo đề nghị).*/iu, ''));
    if (undated && (periodicWords.test(s.text) || ownResults)) {
      const freq = readFrequencies(s.text);
      if (mine) {
        periodicOwn ??= s;
        if (!ownFrequencies.length) ownFrequencies = freq;
      } else if (isRegimeWide(s) && freq.length) {
        regimeSentence ??= s;
        if (!regimeFrequencies.length) regimeFrequencies = freq;
      } else if (periodicWords.test(s.text)) {
        periodicAgency ??= s;
        if (!agencyFrequencies.length) agencyFrequencies = freq;
      }
    }
    if (S && !adHoc && adHocPhrase.test(s.text) && /báo cáo|phản ánh/iu.test(s.text)) adHoc = { statedText: s.text, to: S, line: s.line };
    const sk = /sơ kết(?:\s+(\d+)\s+năm)?/iu.exec(s.text);
    const tk = /tổng kết(?:\s+(\d+)\s+năm)?/iu.exec(s.text);
    if ((sk || tk) && !/tổng kết năm/iu.test(s.text) && (mine || /tổ chức|đánh giá|tham mưu/iu.test(s.text))) {
      // "sơ kết (giữa kỳ) vào năm 2028", "tổng kết vào (cuối) năm 2030": the years stated.
      const skYear = /sơ kết[^.;]{0,40}?năm\s+(20\d{2})/iu.exec(s.text)?.[1];
      const tkYear = /tổng kết[^.;]{0,40}?năm\s+(20\d{2})/iu.exec(s.text)?.[1];
      reviews.push({
        s,
        prelim: !!sk,
        final: !!tk,
        ...(sk?.[1] ? { prelimSpan: Number(sk[1]) } : {}),
        ...(tk?.[1] ? { finalSpan: Number(tk[1]) } : {}),
        ...(skYear ? { prelimYear: Number(skYear) } : {}),
        ...(tkYear ? { finalYear: Number(tkYear) } : {}),
      });
    }
  }

  const obligations: DraftObligation[] = [];
  const reviewYears: number[] = [];
  const to = [...recipients.keys()];
  const recurring = (list: Found[]) => uniqueDeadlines(list.filter((x) => x.d.year === undefined).map((x) => x.d));
  const onceGroups = (list: Found[]) => {
    const groups = new Map<string, Found[]>();
    for (const x of list.filter((y) => y.d.year !== undefined)) {
      const k = `${x.d.year}-${x.d.month}-${x.d.day}|${x.reporters === 'assigned' ? '' : x.reporters.join(',')}`;
      groups.set(k, [...(groups.get(k) ?? []), x]);
    }
    return [...groups.values()];
  };
  const needsPeriodic = !input.isLetter || agencyFound.length > 0 || ownFound.length > 0 || periodicAgency || periodicOwn;

  if (S && needsPeriodic) {
    const ownStated = recurring(ownFound);
    const ownOnce = onceGroups(ownFound);
    // Agencies → the standing agency, periodically.
    const stated = recurring(agencyFound);
    const agencyPeriods = stated.length ? [] : agencyFrequencies.length ? agencyFrequencies : regimeFrequencies.length ? regimeFrequencies : ['year' as const];
    // With no date of their own, agencies report five days before the standing agency's stated annual date.
    // (A one-off date counts only when it is the standing agency's sole report: else its own periodic report,
    // stated or assumed, follows the agencies'.)
    const ownYear = [...ownStated, ...(periodicOwn ? [] : ownOnce.map((g) => g[0]!.d))].find((d) => d.period === 'year');
    const agencyDefaults = agencyPeriods.map((p) =>
      p === 'year' && ownYear && ownYear.day > 5 ? { ...defaultDeadline('year', ownYear.day - 5), month: ownYear.month! } : defaultDeadline(p, 15),
    );
    const agencySentence = agencyFound.find((x) => x.d.year === undefined)?.s ?? periodicAgency ?? agencyToStanding ?? regimeSentence ?? periodicOwn;
    const agency: DraftObligation = {
      id: 'bao-cao-dinh-ky',
      kind: 'agency-report',
      reporters: 'assigned',
      to: [S],
      frequency: frequencyOf(stated.length ? stated.map((d) => d.period as PeriodType) : agencyPeriods),
      deadlines: stated.length ? stated : agencyDefaults,
      statedText: stated.length ? joinSentences(agencyFound.filter((x) => x.d.year === undefined).map((x) => x.s)) : (agencySentence?.text ?? null),
      assumed: stated.length === 0,
      line: agencySentence?.line ?? null,
    };
    if (agency.assumed) {
      const why = periodicAgency ? 'yêu cầu báo cáo định kỳ nhưng không nêu hạn' : regimeSentence ? 'nêu kỳ báo cáo nhưng không nêu hạn' : 'không nêu hạn báo cáo của các cơ quan';
      agency.assumptionNote = `Văn bản ${why}: giả định các cơ quan báo cáo ${agencyDefaults.map((d) => `${periodName(d.period as PeriodType)} trước ${dateLabel(d)}`).join(', ')} (mặc định, docs/importer.md).`;
      f.warn('deadline-assumed', agency.assumptionNote, 'reporting.obligations[0].deadlines');
    }
    obligations.push(agency);

    // One-off reports the agencies owe ("gửi kết quả … trước ngày 15 tháng 12 năm 2025").
    const agencyOnceIds: { id: string; date: string }[] = [];
    for (const g of onceGroups(agencyFound)) {
      const d = g[0]!.d;
      const id = `bao-cao-${d.year}-${pad(d.month!)}-${pad(d.day)}${g[0]!.reporters === 'assigned' ? '' : `-${agencyOnceIds.length + 1}`}`;
      agencyOnceIds.push({ id, date: `${d.year}-${pad(d.month!)}-${pad(d.day)}` });
      obligations.push({
        id,
        kind: 'agency-report',
        reporters: g[0]!.reporters,
        to: [S],
        frequency: 'once',
        deadlines: [d],
        statedText: joinSentences(g.map((x) => x.s)),
        assumed: false,
        firstYear: d.year!,
        lastYear: d.year!,
        line: g[0]!.s.line,
      });
    }

    // The standing agency → the Province (the Prime Minister), the Ministry: periodically unless it only
    // reports once, on a stated date.
    if (ownStated.length || ownOnce.length === 0 || periodicOwn) {
      const ownPeriods = ownStated.length
        ? []
        : ownFrequencies.length
          ? ownFrequencies
          : regimeFrequencies.length
            ? regimeFrequencies
            : stated.length
              ? [...new Set(stated.map((d) => d.period as PeriodType))]
              : agencyPeriods;
      const defaults = ownPeriods.map((p) => defaultDeadline(p, 20));
      const finalDeadlines = ownStated.length ? ownStated : defaults;
      const consolidated: DraftObligation = {
        id: 'tong-hop-bao-cao',
        kind: 'consolidated-report',
        reporters: [S],
        to,
        consolidates: agency.id,
        frequency: frequencyOf(finalDeadlines.map((d) => d.period as PeriodType)),
        deadlines: finalDeadlines,
        statedText: ownStated.length ? joinSentences(ownFound.filter((x) => x.d.year === undefined).map((x) => x.s)) : (periodicOwn?.text ?? null),
        assumed: ownStated.length === 0,
        line: ownFound.find((x) => x.d.year === undefined)?.s.line ?? periodicOwn?.line ?? null,
      };
      if (consolidated.assumed) {
        consolidated.assumptionNote = `Văn bản ${periodicOwn ? 'giao cơ quan thường trực báo cáo nhưng không nêu kỳ, hạn' : 'không nêu hạn báo cáo tổng hợp'}: giả định cơ quan thường trực báo cáo ${defaults.map((d) => `${periodName(d.period as PeriodType)} trước ${dateLabel(d)}`).join(', ')} (mặc định, sau hạn của các cơ quan).`;
        f.warn('deadline-assumed', consolidated.assumptionNote, `reporting.obligations[${obligations.length}].deadlines`);
      }
      obligations.push(consolidated);
    }
    for (const g of ownOnce) {
      const d = g[0]!.d;
      const date = `${d.year}-${pad(d.month!)}-${pad(d.day)}`;
      const source = agencyOnceIds.filter((a) => a.date <= date).pop()?.id ?? agency.id;
      obligations.push({
        id: `tong-hop-bao-cao-${date}`,
        kind: 'consolidated-report',
        reporters: [S],
        to,
        consolidates: source,
        frequency: 'once',
        deadlines: [d],
        statedText: joinSentences(g.map((x) => x.s)),
        assumed: false,
        firstYear: d.year!,
        lastYear: d.year!,
        line: g[0]!.s.line,
      });
    }

    // Reviews (sơ kết, tổng kết): "sơ kết 05 năm, tổng kết 10 năm" counts from the start; with no span,
    // the preliminary review falls in the first target year before the end, the final one in the last year.
    const review = reviews[0];
    if (review) {
      const spans = review.prelimSpan !== undefined || review.finalSpan !== undefined;
      const mid =
        input.targetYears.filter((y) => y > input.horizon.from && y < input.horizon.to).sort()[0] ?? input.horizon.from + Math.floor((input.horizon.to - input.horizon.from) / 2);
      const prelimYear = review.prelimYear ?? (review.prelimSpan !== undefined ? input.horizon.from + review.prelimSpan : mid);
      const finalYear = review.finalYear ?? (review.finalSpan !== undefined ? input.horizon.from + review.finalSpan : input.horizon.to);
      const label = (kind: 'sơ kết' | 'tổng kết', span?: number) => {
        const word = kind === 'sơ kết' ? 'Sơ kết' : 'Tổng kết';
        const m = new RegExp(`${kind}\\s+(\\d+\\s+năm)`, 'iu').exec(review.s.text);
        return span !== undefined && m ? `${word} ${m[1]}` : `${word} việc thực hiện Kế hoạch`;
      };
      const make = (day: number, month: number): DraftDeadline[] => [
        ...(review.prelim
          ? [
              {
                period: 'review' as const,
                rule: 'before' as const,
                day,
                month,
                year: prelimYear,
                reviewKind: 'preliminary' as const,
                label: label('sơ kết', review.prelimSpan),
                assumed: true,
              },
            ]
          : []),
        ...(review.final
          ? [
              {
                period: 'review' as const,
                rule: 'before' as const,
                day,
                month,
                year: finalYear,
                reviewKind: 'final' as const,
                label: label('tổng kết', review.finalSpan),
                assumed: true,
              },
            ]
          : []),
      ];
      const note = 'Văn bản không nêu hạn sơ kết / tổng kết: giả định trước ngày 10/12 năm đến hạn cho các cơ quan';
      // A review over a stated span of years asks every agency for its own review first (agencies by 10/12,
      // the standing agency by 20/12); an undated "tổ chức sơ kết, tổng kết" is the standing agency's (10/12).
      if (spans) {
        obligations.push({
          id: 'so-ket-tong-ket-cac-co-quan',
          kind: 'agency-report',
          reporters: 'assigned',
          to: [S],
          frequency: 'once',
          deadlines: make(10, 12),
          statedText: review.s.text,
          assumed: true,
          assumptionNote: `${note}, 20/12 cho cơ quan thường trực.`,
          line: review.s.line,
        });
        obligations.push({
          id: 'so-ket-tong-ket',
          kind: 'consolidated-report',
          reporters: [S],
          to,
          consolidates: 'so-ket-tong-ket-cac-co-quan',
          frequency: 'once',
          deadlines: make(20, 12),
          statedText: review.s.text,
          assumed: true,
          assumptionNote: `${note}, 20/12 cho cơ quan thường trực.`,
          line: review.s.line,
        });
      } else {
        obligations.push({
          id: 'so-ket-tong-ket',
          kind: 'consolidated-report',
          reporters: [S],
          to,
          consolidates: agency.id,
          frequency: 'once',
          deadlines: make(10, 12),
          statedText: review.s.text,
          assumed: true,
          assumptionNote: `${note}${review.prelimYear !== undefined || review.finalYear !== undefined ? ' (năm theo văn bản).' : ' (năm sơ kết, tổng kết cũng là giả định).'}`,
          line: review.s.line,
        });
      }
      if (review.prelim) reviewYears.push(prelimYear);
      if (review.final) reviewYears.push(finalYear);
      f.warn(
        'deadline-assumed',
        `Sơ kết / tổng kết không có ngày: giả định năm ${[review.prelim ? prelimYear : null, review.final ? finalYear : null].filter(Boolean).join(', ')}, trước ngày 10/12.`,
        'reporting.obligations',
      );
    }
  } else if (!S) {
    f.warn('no-standing-agency', 'Không xác định được cơ quan thường trực (nơi nhận báo cáo): không lập nghĩa vụ báo cáo.', 'standingAgency');
  } else if (!adHoc) {
    f.warn('no-reporting', 'Văn bản không đặt chế độ báo cáo định kỳ và không yêu cầu phản ánh: không có nghĩa vụ báo cáo.', 'reporting');
  }

  obligations.forEach((o, i) => {
    if (o.statedText) f.cite(`reporting.obligations[${i}].statedText`, o.statedText, o.line);
    const sources = o.kind === 'agency-report' ? agencyFound : ownFound;
    o.deadlines.forEach((d, j) => {
      const src = sources.find((x) => !d.assumed && x.d.day === d.day && x.d.month === d.month && x.d.period === d.period && x.d.year === d.year);
      if (src) f.cite(`reporting.obligations[${i}].deadlines[${j}]`, src.quote, src.s.line);
    });
  });
  if (adHoc) f.cite('reporting.adHoc', adHoc.statedText, adHoc.line);
  cutoffs.forEach((c, i) => f.cite(`reporting.cutoffs[${i}]`, c.statedText, c.line));
  return { standingAgency: S, obligations, ...(adHoc ? { adHoc } : {}), recipients: [...recipients.values()], reviewYears, cutoffs };
}

const pad = (n: number) => String(n).padStart(2, '0');

function periodName(p: PeriodType): string {
  return { month: 'hằng tháng', quarter: 'hằng quý', H1: '6 tháng', '9M': '9 tháng', year: 'hằng năm' }[p];
}

/** Second-tier recipients a report sentence names: a ministry, the Provincial Party Committee, the Council. */
function addRecipients(text: string, input: ReportingInput, out: Map<string, Recipient>): void {
  if (!/báo cáo|phản ánh/iu.test(text)) return;
  // "Bộ trưởng Bộ Công an có trách nhiệm …" names the ministry as a subject, not a recipient.
  const body = text.replace(/^(?:[-+]\s*)?(?:Bộ trưởng\s+)?Bộ\s[^,;:]*?(?=\s(?:có trách nhiệm|chủ trì|tổng hợp|tiến hành))/u, '');
  for (const m of input.ministries) {
    if (!body.includes(m.name) || /^(?:[-+]\s*)?Bộ/u.test(body)) continue;
    if (/Lao động\s*-\s*Thương binh/u.test(m.name)) {
      out.set('bo-ldtbxh', { id: 'bo-ldtbxh', name: m.name, successor: { from: '2025-03-01', name: 'Bộ Nội vụ' } });
    } else {
      const id = `bo-${slugLite(m.name.replace(/^Bộ\s+/u, ''))}`;
      out.set(id, { id, name: m.name, ...(m.successor ? { successor: { from: '2025-03-01', name: m.successor } } : {}) });
    }
  }
  if (/Tỉnh ủy|Tỉnh uỷ/u.test(text)) out.set('tinh-uy', { id: 'tinh-uy', name: 'Ban Thường vụ Tỉnh ủy' });
  if (/HĐND(?: tỉnh)?|Hội đồng nhân dân tỉnh/u.test(text) && /báo cáo[^.;]{0,40}(?:HĐND|Hội đồng nhân dân)/u.test(text))
    out.set('hdnd-tinh', { id: 'hdnd-tinh', name: 'Thường trực Hội đồng nhân dân tỉnh' });
}

function slugLite(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function uniqueDeadlines(list: DraftDeadline[]): DraftDeadline[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.period}|${d.rule}|${d.day}|${d.month}|${d.monthsAfter ?? 0}|${d.year}`;
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

/**
 * The standing agency (cơ quan thường trực / đầu mối), by the usual phrasings, strongest first:
 * 1. "<X>: … Là cơ quan thường trực / đầu mối …", "Giao X làm cơ quan đầu mối";
 * 2. "Giao X (chủ trì, …) theo dõi, (kiểm tra,) đôn đốc …", "X có trách nhiệm (giúp …) theo dõi, … đôn đốc";
 * 3. where reports go: "báo cáo UBND tỉnh (qua X)" (X is the channel to the Province), "báo cáo về X (qua Y)"
 *    (X itself, Y is its unit), "gửi (về) X (để) tổng hợp", "phản ánh về X";
 * 4. else the first assigned agency, with a warning.
 */
function findStanding(all: Sentence[], input: ReportingInput, f: Findings): { id: string } | null {
  const first = (text: string) => findAgencies(text, input.known)[0]?.agency.id;
  const top = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Chủ tịch|Tỉnh ủy|Tỉnh uỷ|HĐND|Hội đồng nhân dân|Thủ tướng|Chính phủ|cấp có thẩm quyền|Ban Thường vụ)/u;
  for (const s of all) {
    if (!/(?:^|[\s,;])(?:[Ll]à|làm)\s+(?:cơ quan|đơn vị)\s+(?:thường trực|đầu mối)/u.test(s.text)) continue;
    const named = /Giao\s+(.+?)\s+(?:là|làm)\s+(?:cơ quan|đơn vị)/u.exec(s.text);
    const id = named ? first(named[1]!) : s.owner[0];
    if (id) {
      f.cite('standingAgency', s.text, s.line);
      return { id };
    }
  }
  for (const s of all) {
    const m =
      /^(?:[-+]\s*)?(?:Giao\s+)?(.{3,120}?)\s+(?:chủ trì[^.;]{0,120}?\s)?(?:có trách nhiệm\s+(?:giúp[^.;]{0,60}?\s)?)?theo dõi,\s*(?:kiểm tra,\s*)?(?:hướng dẫn,\s*)?đôn đốc/u.exec(
        s.text,
      );
    const id = m ? first(m[1]!) : undefined;
    if (id && findAgencies(m![1]!, input.known)[0]!.index < 20) {
      f.cite('standingAgency', s.text, s.line);
      return { id };
    }
  }
  for (const s of all) {
    const via = /(?:báo cáo|gửi(?: kết quả)?|phản ánh)(?:\s+(?:kết quả[^()]{0,60}?|về))?\s+([^();]{0,80}?)\s*\(\s*qua\s+([^)]+)\)/iu.exec(s.text);
    if (via) {
      const to = via[1]!.trim();
      const id = !to || top.test(to) || !first(to) ? first(via[2]!) : first(to);
      if (id) {
        f.cite('standingAgency', s.text, s.line);
        return { id };
      }
    }
    const m = /(?:gửi(?: về)?|về)\s+(.{3,90}?)\s+(?:để\s+)?tổng hợp|(?:gửi về|phản ánh(?: bằng văn bản)?(?: gửi)? về|đơn vị chủ trì \(|tổng hợp, báo cáo qua)\s*(.{3,90})/iu.exec(
      s.text,
    );
    const hit = m ? first((m[1] ?? m[2])!) : undefined;
    if (hit && !top.test((m![1] ?? m![2])!.trim())) {
      f.cite('standingAgency', s.text, s.line);
      return { id: hit };
    }
  }
  const firstAssigned = input.headings.find((h) => h.agencies.length)?.agencies[0];
  if (firstAssigned) {
    f.warn('standing-assumed', 'Văn bản không nói rõ cơ quan thường trực: lấy cơ quan được phân công đầu tiên.', 'standingAgency');
    return { id: firstAssigned };
  }
  return null;
}
