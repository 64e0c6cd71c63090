/**
 * The document's identity: issuer and province, number and date, type and title, legal basis, signer.
 * Header layouts vary (two-column tables flattened, Markdown bold, no header at all in seeds 001 and 004),
 * so each field is searched for by its own wording and, when absent, taken from the body or left null.
 */
import { committeeName, ministryAtStart, provinceAtStart, type ProvinceUnit } from './admin.js';
import type { Findings } from './evidence.js';
import type { Block } from './text.js';

/** Who issued the document: a provincial or city People's Committee, the Prime Minister, or a ministry. */
export type IssuerKind = 'province' | 'prime-minister' | 'ministry';

export interface DocumentInfo {
  type: 'ke-hoach' | 'cong-van';
  title: string;
  number: string | null;
  issuedOn: string | null;
  /** The year of the date line even when day and month are blank (a draft). */
  year: number | null;
  issuer: string;
  issuerKind: IssuerKind;
  /** The province or city; "Toàn quốc" for a national plan (Prime Minister, ministry). */
  province: string;
  /** The province unit as the data knows it (null for a national plan or a name the data lacks). */
  unit: ProvinceUnit | null;
  place?: string;
  legalBasis: string[];
  /** Years of the dates of the legal basis, for a horizon when the document has no date. */
  basisYears: number[];
  signer?: { title: string; name?: string };
  draft: boolean;
}

const titleCase = (caps: string) =>
  caps
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((w) => (w ? w[0]!.toLocaleUpperCase('vi') + w.slice(1) : w))
    .join(' ');

const pad = (n: number) => String(n).padStart(2, '0');

export function extractDocument(blocks: readonly Block[], f: Findings): DocumentInfo | null {
  if (blocks.length === 0) return null;
  const head = blocks.slice(0, 14);

  // Issuer (Decree 30/2020, Annex I: the issuing body stands top left, above "Số: …", often split over
  // two lines or table cells): "ỦY BAN NHÂN DÂN TỈNH …" / "… THÀNH PHỐ …", "THỦ TƯỚNG CHÍNH PHỦ", "BỘ …".
  const headerEnd = head.findIndex((b) => /CỘNG HÒA XÃ HỘI|Số:\s/u.test(b.text));
  const header = head.slice(0, headerEnd > 0 ? Math.min(headerEnd + 1, 6) : 4);
  const headerText = header
    .map((b) => b.text)
    .join(' ')
    .replace(/\s+/g, ' ');
  const headerLine = header[0]?.line ?? 1;
  let province: string | null = null;
  let issuer: string | null = null;
  let issuerKind: IssuerKind = 'province';
  let unit: ProvinceUnit | null = null;
  const committee = /(?:ỦY|UỶ) BAN NHÂN DÂN\s+(TỈNH|THÀNH PHỐ|TP\.?)\s+(.+)/u.exec(headerText);
  const primeMinister = /THỦ TƯỚNG\s+CHÍNH PHỦ/u.exec(headerText);
  const ministry = /^(?:\S+\s+){0,2}?(BỘ\s.+)/u.exec(headerText);
  if (committee) {
    const known = provinceAtStart(committee[2]!);
    if (known) {
      unit = known;
      province = known.name;
    } else {
      province = titleCase(/^((?:\p{Lu}+\s?){1,4}?)(?=\s+CỘNG|\s+Số|\s*$)/u.exec(committee[2]!)?.[1]?.trim() ?? committee[2]!.split(/\s+/).slice(0, 2).join(' '));
      f.warn('province-unknown', `"${province}" không có trong danh sách 34 tỉnh, thành phố (và tên trước 01/07/2025): kiểm tra tên tỉnh.`, 'document.province');
    }
    const kind = /^TỈNH$/u.test(committee[1]!) ? 'tỉnh' : 'thành phố';
    issuer = committeeName({ name: province, kind: unit?.kind ?? kind });
    f.cite('document.issuer', committee[0].slice(0, committee[1]!.length + province.length + 20), headerLine);
  } else if (primeMinister) {
    issuer = 'Thủ tướng Chính phủ';
    issuerKind = 'prime-minister';
    province = 'Toàn quốc';
    f.cite('document.issuer', primeMinister[0], headerLine);
  } else if (ministry && ministryAtStart(ministry[1]!)) {
    issuer = ministryAtStart(ministry[1]!)!.name;
    issuerKind = 'ministry';
    province = 'Toàn quốc';
    f.cite('document.issuer', ministry[1]!.slice(0, issuer.length), headerLine);
  }
  if (!province) {
    // No header (seeds 001, 004): the province or city the body names most, among the known names.
    const counts = new Map<string, { n: number; line: number; quote: string; unit?: ProvinceUnit }>();
    for (const b of blocks) {
      for (const m of b.text.matchAll(/(?<![\p{L}])(tỉnh|thành phố)\s+((?:\p{Lu}\p{Ll}*)(?:\s-?\s?\p{Lu}\p{Ll}*){0,3})/gu)) {
        const u = provinceAtStart(m[2]!);
        // Only names the province list knows: "tỉnh Ban hành …" is a sentence, not a province.
        const name = u?.name;
        if (!name) continue;
        const c = counts.get(name) ?? { n: 0, line: b.line, quote: m[0], ...(u ? { unit: u } : {}) };
        c.n++;
        counts.set(name, c);
      }
    }
    const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
    if (best) {
      province = best[0];
      unit = best[1].unit ?? null;
      issuer = committeeName({ name: province, kind: unit?.kind ?? 'tỉnh' });
      f.cite('document.province', best[1].quote, best[1].line);
      f.warn('issuer-assumed', `Văn bản không có phần tiêu đề cơ quan ban hành: giả định "${issuer}" (tỉnh được nhắc nhiều nhất).`, 'document.issuer');
    }
  }
  if (!province || !issuer) return null;
  if (unit?.merged) {
    f.warn(
      'province-merged',
      `Tỉnh ${unit.name} đã sắp xếp vào ${unit.currentKind} ${unit.current} từ 01/07/2025 (Nghị quyết 202/2025/QH15): kiểm tra nơi nhận và cơ quan kế thừa.`,
      'document.province',
    );
  }

  // Number: "Số: 227/KH-UBND"; a draft leaves the digits blank ("Số:      /KH-UBND").
  let number: string | null = null;
  let draft = false;
  const numberBlock = head.find((b) => /Số:\s*\d*\s*\/\s*[\p{Lu}Đ][\p{L}\d-]*/u.test(b.text));
  if (numberBlock) {
    const m = /Số:\s*(\d*)\s*\/\s*([\p{Lu}Đ][\p{L}\d-]*)/u.exec(numberBlock.text)!;
    if (m[1]) {
      number = `${m[1]}/${m[2]}`;
      f.cite('document.number', m[0], numberBlock.line);
    } else {
      draft = true;
      f.cite('document.draft', m[0], numberBlock.line);
      f.warn('no-number', 'Số ký hiệu để trống (dự thảo): number = null, draft = true.', 'document.number');
    }
  } else f.warn('no-number', 'Không tìm thấy số ký hiệu văn bản ("Số: …"): number = null.', 'document.number');

  // Date line: "Thái Nguyên, ngày 14 tháng 12 năm 2021"; blank in a draft ("ngày   tháng   năm 2023").
  let issuedOn: string | null = null;
  let year: number | null = null;
  let place: string | undefined;
  for (const b of head) {
    const full = /((?:\p{Lu}\p{Ll}+\s?){1,3}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(b.text);
    if (full) {
      place = full[1]!.trim();
      year = Number(full[4]);
      issuedOn = `${year}-${pad(Number(full[3]))}-${pad(Number(full[2]))}`;
      f.cite('document.issuedOn', full[0], b.line);
      break;
    }
    const blank = /((?:\p{Lu}\p{Ll}+\s?){1,3}),\s*ngày\s+tháng\s+năm\s+(\d{4})/u.exec(b.text);
    if (blank) {
      place = blank[1]!.trim();
      year = Number(blank[2]);
      draft = true;
      f.cite('document.draft', blank[0], b.line);
      f.warn('no-date', `Ngày ban hành để trống (dự thảo, năm ${year}): issuedOn = null.`, 'document.issuedOn');
      break;
    }
  }
  if (!issuedOn && year === null) f.warn('no-date', 'Không tìm thấy ngày ban hành: issuedOn = null.', 'document.issuedOn');

  // Type and title: "V/v …" makes an official letter; "KẾ HOẠCH" a plan, its title on the same or next block.
  let type: DocumentInfo['type'] = 'ke-hoach';
  let title: string | null = null;
  const vv = head.find((b) => /^V\/v\s/u.test(b.text));
  const kh = blocks.findIndex((b) => /^KẾ HOẠCH\b/u.test(b.text));
  if (vv) {
    type = 'cong-van';
    title = vv.text;
    f.cite('document.title', vv.text, vv.line);
  } else if (kh >= 0) {
    const b = blocks[kh]!;
    const rest = b.text.replace(/^KẾ HOẠCH\s*/u, '').trim();
    const next = blocks[kh + 1];
    if (rest) {
      title = rest;
      f.cite('document.title', b.text, b.line);
    } else if (next && !/^(?:Căn cứ|Thực hiện|I\.)/u.test(next.text)) {
      title = next.text;
      f.cite('document.title', next.text, next.line);
    }
  }
  if (!title) {
    title = blocks[0]!.text.slice(0, 200);
    f.warn('no-title', 'Không nhận ra tiêu đề / trích yếu: lấy đoạn đầu tiên.', 'document.title');
  }
  if (type === 'ke-hoach' && kh < 0 && !vv) f.warn('type-assumed', 'Không thấy chữ "KẾ HOẠCH" hay "V/v": giả định là kế hoạch.', 'document.type');

  const { legalBasis, basisYears } = extractLegalBasis(blocks, number, f);
  const signer = extractSigner(blocks);
  return { type, title, number, issuedOn, year, issuer, issuerKind, province, unit, ...(place ? { place } : {}), legalBasis, basisYears, ...(signer ? { signer } : {}), draft };
}

const citation =
  /(Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Nghị định|Thông tư|Luật|Tờ trình|Công văn|Kết luận|Chương trình)\s+số\s+(\d+[\w/-]*[/-][\p{Lu}Đ][\p{Lu}Đ\d/-]*)(\s+ngày\s+(?:\d{1,2}\/\d{1,2}\/(\d{4})|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(\d{4})))?(\s+của\s+.+?(?=\s+(?:về|ban hành|thực hiện|phê duyệt|trên|tại|để|nhằm|đến|sửa đổi|bổ sung)\s|\s+và\s+(?:Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Nghị định|Thông tư|Luật|Tờ trình|Công văn)|\s+\(|[,;.:()”]|$))?/giu;

/** Every document the text cites ("Nghị quyết số 06/NQ-CP ngày … của Chính phủ"), once each, in order. */
function extractLegalBasis(blocks: readonly Block[], ownNumber: string | null, f: Findings): { legalBasis: string[]; basisYears: number[] } {
  const byNumber = new Map<string, { quote: string; line: number; year: number | null }>();
  for (const b of blocks) {
    if (/^(?:Nơi nhận|Lưu)/u.test(b.text)) break;
    for (const m of b.text.matchAll(citation)) {
      const num = m[2]!.toUpperCase();
      if (num === ownNumber) continue;
      const quote = m[0].trim();
      const caps = quote === quote.toUpperCase();
      const known = byNumber.get(num);
      const yr = m[4] ?? m[5];
      // Prefer the fullest, non-capitalised wording of a citation; keep the place it first appears.
      if (!known) byNumber.set(num, { quote, line: b.line, year: yr ? Number(yr) : null });
      else if ((known.quote === known.quote.toUpperCase() && !caps) || (!caps && quote.length > known.quote.length)) {
        byNumber.set(num, { quote, line: b.line, year: known.year ?? (yr ? Number(yr) : null) });
      }
    }
  }
  const legalBasis: string[] = [];
  const basisYears: number[] = [];
  [...byNumber.values()].forEach((v, i) => {
    legalBasis.push(v.quote);
    if (v.year) basisYears.push(v.year);
    f.cite(`document.legalBasis[${i}]`, v.quote, v.line);
  });
  return { legalBasis, basisYears };
}

function extractSigner(blocks: readonly Block[]): DocumentInfo['signer'] | undefined {
  let idx = blocks.findIndex((b) => /KT\.\s*CHỦ TỊCH/u.test(b.text));
  let title = 'KT. Chủ tịch, Phó Chủ tịch';
  if (idx < 0) {
    idx = blocks.findIndex((b, i) => i > 5 && /^(?:KT\.\s*)?(?:THỦ TƯỚNG|BỘ TRƯỞNG|CHỦ TỊCH)\b/u.test(b.text));
    if (idx < 0) return undefined;
    title = titleCase(blocks[idx]!.text.split(/\s+(?=\p{Lu}\p{Ll})/u)[0]!);
    const inline = /^(?:KT\.\s*)?(?:THỦ TƯỚNG|BỘ TRƯỞNG|CHỦ TỊCH)\s+((?:\p{Lu}\p{Ll}*\s?){2,5})$/u.exec(blocks[idx]!.text);
    if (inline) return { title, name: inline[1]!.trim() };
  }
  const name = blocks
    .slice(idx + 1)
    .map((b) => b.text)
    .reverse()
    .find((t) => /^(?:\p{Lu}\p{Ll}*\s){1,4}\p{Lu}\p{Ll}*$/u.test(t));
  return name ? { title, name } : { title };
}
