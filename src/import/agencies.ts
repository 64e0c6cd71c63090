/**
 * Agency names → one agency each. Documents write the same body several ways ("Sở Lao động - Thương binh
 * và Xã hội", "Sở LĐTBXH", "Sở Lao động-Thương binh và Xã hội"), prefix requests with "Đề nghị", and list
 * several bodies in one heading, some of whose names contain commas ("UBND các huyện, thành phố, thị xã").
 * The id is the name slugged (docs/encoding-seeds.md), after abbreviations are expanded, so every spelling
 * of one body gets one id.
 */
import type { agencyKinds } from '../plan/schema.js';
import { fold, slug } from './text.js';

export type AgencyKind = (typeof agencyKinds)[number];

export interface AgencyName {
  id: string;
  /** As the document writes it, without "Đề nghị" and trailing punctuation. */
  name: string;
  kind: AgencyKind;
}

/** Abbreviations in folded lower case → their expansion (folded). */
const abbreviations: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bldtb\s*(?:&|va)?\s*xh\b/g, 'lao dong thuong binh va xa hoi'],
  [/\bbhxh\b/g, 'bao hiem xa hoi'],
  [/\bnhcsxh\b/g, 'ngan hang chinh sach xa hoi'],
  [/\btt\s*&\s*tt\b|\btttt\b/g, 'thong tin va truyen thong'],
  [/\bkh\s*&\s*dt\b|\bkhdt\b/g, 'ke hoach va dau tu'],
  [/\bnn\s*&\s*ptnt\b|\bnnptnt\b/g, 'nong nghiep va phat trien nong thon'],
  [/\bgd\s*&\s*dt\b|\bgddt\b/g, 'giao duc va dao tao'],
  [/\btn\s*&\s*mt\b|\btnmt\b/g, 'tai nguyen va moi truong'],
  [/\bkh\s*&\s*cn\b|\bkhcn\b/g, 'khoa hoc va cong nghe'],
  [/\bgtvt\b/g, 'giao thong van tai'],
  [/\bmttq(?:vn)?\b/g, 'mat tran to quoc'],
  [/\bpt\s*-?\s*th\b/g, 'phat thanh truyen hinh'],
  [/\blhpn\b/g, 'lien hiep phu nu'],
  [/\bhtx\b/g, 'hop tac xa'],
];

/** Bodies that documents name in several ways; the id the convention gives them. */
const aliases: [RegExp, string][] = [
  [/^uy ban nhan dan (?:cac )?(?:huyen|quan)\b/, 'ubnd-cac-huyen-thanh-pho'],
  // "UBND các xã, phường", "UBND cấp xã", "UBND xã, phường, đặc khu" (communes since 01/07/2025).
  [/^uy ban nhan dan (?:cac )?(?:cap )?(?:xa|phuong|dac khu)\b/, 'ubnd-cac-xa-phuong'],
  // The ministries as one addressee of a national plan ("các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ").
  [/^(?:cac )?bo co quan ngang bo\b|^bo truong thu truong co quan ngang bo\b/, 'cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu'],
  [/^uy ban nhan dan (?:cac )?tinh thanh pho truc thuoc trung uong\b/, 'uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong'],
  [/^(?:tinh doan|doan thanh nien cong san ho chi minh tinh|tinh doan thanh nien)\b/, 'tinh-doan'],
  [/^so lao dong thuong binh(?: va xa hoi)?$/, 'so-lao-dong-thuong-binh-va-xa-hoi'],
  [/^bo lao dong thuong binh(?: va xa hoi)?$/, 'bo-lao-dong-thuong-binh-va-xa-hoi'],
  [/^cac co so giao duc nghe nghiep\b/, 'cac-co-so-giao-duc-nghe-nghiep'],
];

/** The usual names of provincial bodies: found in free text ("phối hợp với ...") even when no heading names them. */
export const lexicon: readonly string[] = [
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Nội vụ',
  'Sở Giáo dục và Đào tạo',
  'Sở Kế hoạch và Đầu tư',
  'Sở Tài chính',
  'Sở Thông tin và Truyền thông',
  'Sở Khoa học và Công nghệ',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Tài nguyên và Môi trường',
  'Sở Nông nghiệp và Môi trường',
  'Sở Y tế',
  'Sở Tư pháp',
  'Sở Công Thương',
  'Sở Xây dựng',
  'Sở Giao thông vận tải',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Công an tỉnh',
  'Bảo hiểm xã hội tỉnh',
  'Ngân hàng Chính sách xã hội tỉnh',
  'Liên đoàn Lao động tỉnh',
  'Hội Liên hiệp Phụ nữ tỉnh',
  'Hội Nông dân tỉnh',
  'Cục Thuế tỉnh',
  'Liên minh Hợp tác xã tỉnh',
];

/** Folded, abbreviations expanded, punctuation to spaces: the form names are compared in. */
export function nameKey(name: string): string {
  let s = fold(name.normalize('NFC')).toLowerCase();
  s = s.replace(/^\s*(?:de nghi|giao)\s+/, '');
  for (const [re, to] of abbreviations) s = s.replace(re, to);
  return s
    .replace(/[-–&,.;:()"“”'/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The agency id for a name: the alias when one applies, else the expanded name slugged. */
export function agencyId(name: string, province?: string): string {
  let key = nameKey(name);
  if (province) {
    // "Liên đoàn Lao động tỉnh Thái Bình" → "…-tinh" (docs/encoding-seeds.md: drop "tỉnh <name>").
    const p = nameKey(province);
    key = key.replace(new RegExp(`\\btinh ${p}$`), 'tinh');
  }
  for (const [re, id] of aliases) if (re.test(key)) return id;
  return slug(key);
}

export function kindOf(name: string): AgencyKind {
  const k = nameKey(name).replace(/^cac /, '');
  if (/^so\b/.test(k)) return 'department';
  if (/^bo\b/.test(k)) return 'ministry';
  if (/^ban\b/.test(k)) return 'board';
  if (/^(?:bao (?!hiem)|dai |co quan bao chi|trung tam thong tin)/.test(k)) return 'media';
  if (/^uy ban nhan dan (?:cac )?(?:huyen|quan)\b/.test(k)) return 'district';
  if (/^uy ban nhan dan (?:cac )?(?:cap )?(?:xa|phuong|dac khu)\b/.test(k)) return 'commune';
  if (/^(?:lien doan|tinh doan|doan thanh nien|hoi lien hiep|hoi nong dan|hoi cuu chien binh|uy ban mat tran)\b/.test(k)) return 'mass-organisation';
  if (/^(?:hiep hoi|hoi|lien minh)\b/.test(k)) return 'association';
  if (/^co so giao duc|^truong\b/.test(k)) return 'school';
  if (/^doanh nghiep\b/.test(k)) return 'enterprise';
  return 'other';
}

// JavaScript's \b is ASCII-only even with the u flag: "Sở" has no \b after it. End words explicitly.
const END = '(?=[\\s,.;:)]|$)';

/** Words a body's name starts with. */
const headWord = new RegExp(
  `^(?:các\\s+)?(?:Sở|Ban|Báo|Đài|Liên đoàn|Liên minh|Tỉnh [đĐ]oàn|Đoàn Thanh niên|Đoàn TNCS|Hội(?!\\s+(?:nghị|thảo|thi|chợ|diễn))|Hiệp hội|Công an|Bảo hiểm|Ngân hàng|Chi nhánh|Cục|Ủy ban|Uỷ ban|UBND|Trung tâm|Bộ|Kho bạc|Văn phòng|Thanh tra|cơ quan báo chí|cơ sở giáo dục nghề nghiệp|Chi cục|Viện|Trường|Tòa án|Toà án|Cổng thông tin|Thông tấn xã|Phòng|cơ sở\\s+\\S+|doanh nghiệp\\s+(?!liên quan|có liên quan|trên địa bàn)\\S+)${END}`,
  'iu',
);

/** Collective phrases that name no one body ("các sở, ban, ngành", "các đơn vị liên quan"). */
const groupPhrase =
  /^(?:các\s+)?(?:.*\skhác$|sở,\s*(?:ban|ngành)|sở,\s*ngành|ngành|cơ quan(?:,| liên quan| có liên quan| đơn vị|$)|đơn vị|địa phương|cấp|tổ chức|doanh nghiệp(?:$|,|\s+(?:liên quan|có liên quan|trên địa bàn))|sở$|sở\s+(?:liên quan|có liên quan))/iu;

const protectedNames: RegExp[] = [
  /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:các\s+)?(?:huyện|quận)(?:,\s*(?:thị xã|thị|thành phố|quận|huyện))*(?:,?\s+(?:và\s+)?(?:thị xã|thành phố))?/giu,
  /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:các\s+)?xã,\s*phường(?:,\s*thị trấn)?/giu,
  /các Hội,\s*Hiệp hội doanh nghiệp/giu,
  /Sở Văn hóa,\s*Thể thao và Du lịch/giu,
  /(?:các\s+)?sở,\s*(?:ban,\s*)?ngành(?:,\s*(?:đoàn thể|đơn vị|địa phương|cơ quan|ban|ngành))*/giu,
  /(?:các\s+)?cơ quan,\s*đơn vị/giu,
];

const SEP = '\u0001';

/** Whether the phrase collectively names bodies ("Các Sở, ban, ngành, đơn vị trực thuộc UBND tỉnh"). */
export function isGroup(text: string): boolean {
  return groupPhrase.test(text.trim());
}

export interface ListItem {
  /** The phrase as written, cleaned. */
  text: string;
  agency?: AgencyName;
  group?: boolean;
}

/**
 * Splits a list of bodies as a heading or a "Cơ quan phối hợp:" line writes it. Items that are neither a
 * body nor a collective phrase are dropped (they are the end of the sentence, not names).
 */
export function splitAgencyList(text: string, province?: string): ListItem[] {
  let s = text.normalize('NFC').trim();
  for (const re of protectedNames) s = s.replace(re, (m) => m.replace(/,/g, SEP));
  // "Các sở: Lao động - Thương binh và Xã hội, Thông tin và Truyền thông" → one "Sở …" each.
  const sở = /^(?:-\s*)?Các sở:\s*(.*)$/iu.exec(s);
  let parts: string[];
  if (sở)
    parts = sở[1]!
      .split(/[,;]/)
      .filter((p) => p.trim())
      .map((p) => `Sở ${p.trim()}`);
  else
    parts = glue(
      s.split(
        /\s+(?:chỉ đạo|và|cùng)\s+(?=(?:các\s+)?(?:Sở|Ban|Báo|Đài|Liên đoàn|Hội|Hiệp hội|cơ quan|Công an|Bảo hiểm|UBND|Ủy ban|Uỷ ban|Trung tâm|Tỉnh|Đoàn|Chi cục|Bộ|Văn phòng|Viện|Tòa án|Toà án|Cổng|đơn vị|địa phương)(?=[\s,.;:)]|$))/u,
      ),
    );
  const items: ListItem[] = [];
  for (const raw of parts) {
    const cleaned = cleanName(raw.replace(new RegExp(SEP, 'g'), ','));
    if (!cleaned) continue;
    if (isGroup(cleaned)) items.push({ text: cleaned, group: true });
    else if (headWord.test(cleaned)) items.push({ text: cleaned, agency: toAgency(cleaned, province) });
  }
  return items;
}

/**
 * Commas inside a list separate bodies only where the next words start a body ("Sở Nội vụ, Sở Tư pháp") or a
 * group ("…; các cơ quan, đơn vị"); elsewhere they belong to a name ("Bộ Văn hóa, Thể thao và Du lịch", "Báo và
 * Phát thanh, Truyền hình tỉnh", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"). Semicolons
 * always separate.
 */
function glue(chunks: string[]): string[] {
  const out: string[] = [];
  for (const chunk of chunks) {
    chunk.split(';').forEach((semi, si) => {
      semi.split(',').forEach((piece, pi) => {
        const p = piece.trim();
        if (!p) return;
        const starts = headWord.test(cleanName(p)) || /^(?:các|Các)\s/u.test(p) || isGroup(p);
        if (out.length && pi > 0 && !starts) out[out.length - 1] = `${out[out.length - 1]}, ${p}`;
        else if (out.length && pi === 0 && si === 0 && out[out.length - 1]!.endsWith(SEP)) out[out.length - 1] += p;
        else out.push(p);
      });
    });
  }
  return out;
}

export function toAgency(name: string, province?: string): AgencyName {
  const clean = cleanName(name);
  return { id: agencyId(clean, province), name: canonicalDisplay(clean), kind: kindOf(clean) };
}

/** An abbreviated name is shown in full when the lexicon knows it ("Sở LĐTBXH" → "Sở Lao động - …"). */
function canonicalDisplay(name: string): string {
  const key = nameKey(name);
  if (key === nameKey(name.replace(/[^\p{L}\p{N} ]/gu, ' ')) && !/[A-ZĐ]{3,}/u.test(name.replace(/^UBND\b/u, ''))) return name;
  return lexicon.find((l) => nameKey(l) === key) ?? name;
}

/** The predicate that follows a body's name in a heading or sentence ("Sở Tài chính chủ trì, …"). */
export const predicateWords =
  /\s+(?:chủ trì|phối hợp|theo dõi|chỉ đạo|thực hiện|tổ chức|triển khai|có trách nhiệm|chịu trách nhiệm|tham mưu|tăng cường|tiếp tục|căn cứ|xây dựng|bố trí|hướng dẫn|kiểm tra|tổng hợp|tiến hành|rà soát|gửi|báo cáo|đôn đốc|nghiên cứu|kiện toàn|chủ động|quan tâm|ưu tiên|là cơ quan|làm đầu mối)(?=[\s,.;:]|$).*$/u;

export function cleanName(raw: string): string {
  return (
    raw
      .normalize('NFC')
      .replace(/^\s*[-+]\s*/, '')
      .replace(/^\s*(?:Đề nghị|Giao|Yêu cầu)\s+/u, '')
      // A title before the body ("Bộ trưởng Bộ Công an", "Chủ tịch Ủy ban nhân dân …", "Giám đốc Sở …").
      .replace(/^(?:Bộ trưởng|Thủ trưởng|Giám đốc|Chủ tịch|Chánh Văn phòng|Trưởng ban)\s+(?=(?:các\s+)?(?:Bộ|Sở|Ủy ban|Uỷ ban|UBND|Ban|Văn phòng|Cơ quan|cơ quan)\s)/u, '')
      .replace(new RegExp(`\\s+(?:và|cùng)\\s+(?:các\\s+)?(?:đơn vị|cơ quan|địa phương|ngành|sở|tổ chức)${END}.*$`, 'iu'), '')
      .replace(predicateWords, '')
      .replace(/\s*\((?:báo cáo|để báo cáo|b\/c)\)\s*$/iu, '')
      .replace(/[\s.:;,]+$/u, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Every known body named in free text, in order of appearance. `known` are names the document itself
 * uses (headings, lists) plus the lexicon; matching is on the folded, expanded form so abbreviations and
 * hyphen spacing do not matter.
 */
export function findAgencies(text: string, known: readonly AgencyName[]): { agency: AgencyName; index: number }[] {
  const hay = ` ${nameKey(text)} `;
  const hits: { agency: AgencyName; index: number; length: number }[] = [];
  const seen = new Set<string>();
  const candidates = [...known].sort((a, b) => nameKey(b.name).length - nameKey(a.name).length);
  const taken: [number, number][] = [];
  for (const a of candidates) {
    const needle = nameKey(a.name);
    if (!needle) continue;
    let from = 0;
    for (;;) {
      const i = hay.indexOf(` ${needle} `, from);
      if (i < 0) break;
      from = i + 1;
      const end = i + needle.length + 1;
      if (taken.some(([s, e]) => i < e && end > s)) continue;
      taken.push([i, end]);
      if (!seen.has(a.id)) {
        seen.add(a.id);
        hits.push({ agency: a, index: i, length: needle.length });
      }
    }
  }
  // Group names the document spells its own way ("UBND các huyện, thị xã, thành phố"): found by pattern.
  for (const re of protectedNames.slice(0, 2)) {
    for (const m of text.matchAll(re)) {
      const agency = toAgency(m[0]);
      if (!seen.has(agency.id)) {
        seen.add(agency.id);
        hits.push({ agency, index: m.index ?? 0, length: m[0].length });
      }
    }
  }
  return hits.sort((x, y) => x.index - y.index).map(({ agency, index }) => ({ agency, index }));
}
