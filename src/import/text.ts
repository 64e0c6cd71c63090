/**
 * Source text → logical blocks. Plans arrive as Markdown exports, Word copies with hard line breaks in
 * mid-sentence (seed 002), tab-indented drafts and table pipes; every later step wants one block per
 * heading, list item or paragraph, NFC, with the source line it starts on (for evidence).
 */

export interface Block {
  /** The block's text: markup removed, broken lines joined, NFC. */
  text: string;
  /** 1-based line of the source where the block starts. */
  line: number;
  /** Markdown heading or bold line: a heading even when it has no number. */
  emphasised: boolean;
  /** A table row ("| 1 | Tuyên truyền | Sở Tư pháp |"): its cells, cleaned. Always a block of its own. */
  cells?: string[];
}

/** The cells of a table row written with pipes (Markdown, a DOCX table, a text export); null for other lines. */
export function tableCells(raw: string): string[] | null {
  const s = raw.trim();
  if (!/^\|?[^|]*\|[^|]*\|/u.test(s) || (s.match(/\|/g) ?? []).length < 3) return null;
  const inner = s.replace(/^\|/u, '').replace(/\|$/u, '');
  if (/^[\s|:-]+$/u.test(inner)) return [];
  return inner.split('|').map((c) => cleanLine(c).text);
}

/** Numbering at the start of a block: "I.", "2.", "2.1.", "a)", "đ)", "-", "+". */
export const markerPattern = /^(?:(?<roman>[IVX]{1,5})\.\s+|(?<num>\d{1,2}(?:\.\d{1,2})*)[.)]\s*(?=\S)|(?<letter>[a-zđ])\)\s+|(?<dash>[-–+•])\s*(?=\S))/u;

/**
 * Glyphs that PDF fonts and web crawls substitute for Vietnamese letters: "kǶ" for "kỳ" (a legacy font's
 * slot read as U+01F6), the Icelandic eth for "Đ/đ" (VNI and TCVN3 text decoded as Latin-1), zero-width and
 * soft hyphens left by justified layouts, and the fi/fl ligatures of PDF text layers.
 */
const glyphNoise: [RegExp, string][] = [
  [/Ƕ/g, 'ỳ'],
  [/ƕ/g, 'ỳ'],
  [/Ð/g, 'Đ'],
  [/ð/g, 'đ'],
  [/[\u200b-\u200d\u2060\ufeff\u00ad]/g, ''],
  [/ﬁ/g, 'fi'],
  [/ﬂ/g, 'fl'],
];

/** NFC and the usual glyph noise repaired: the form every later step reads. */
export function repairText(raw: string): string {
  let s = raw.normalize('NFC');
  for (const [re, to] of glyphNoise) s = s.replace(re, to);
  return s.normalize('NFC');
}

/** Strips Markdown and table markup from one raw line; keeps the words. */
export function cleanLine(raw: string): { text: string; emphasised: boolean } {
  let s = repairText(raw)
    .replace(/\u00a0/g, ' ')
    .replace(/\t/g, ' ');
  let emphasised = false;
  const heading = /^\s*#{1,6}\s+/.exec(s);
  if (heading) {
    emphasised = true;
    s = s.slice(heading[0].length);
  }
  s = s
    .replace(/^\s*\|\s*$/, '')
    .replace(/^\s*\|\s*/, '')
    .replace(/\s*\|\s*$/, '');
  if (/^\s*\*\*.*\*\*\s*$/.test(s) || /^\s*\*\*\*.*\*\*\*\s*$/.test(s)) emphasised = true;
  // Bold and italic markers; "*gung*"-style signature scribbles are dropped with the asterisks.
  s = s.replace(/\*{1,3}/g, '').replace(/_{2,}/g, '');
  s = s.replace(/\s+/g, ' ').trim();
  if (/^-{3,}$/.test(s) || /^={3,}$/.test(s)) s = '';
  return { text: s, emphasised };
}

const endsSentence = /[.;:!?)”"]$/u;
const startsLower = /^\p{Ll}/u;

/**
 * Joins the lines of a text into blocks. A line opens a new block when it carries a numbering marker
 * (and the previous line closed its sentence or was a heading), or after a blank line, unless it starts
 * in lower case (a sentence the export broke across a paragraph).
 */
export function toBlocks(source: string): Block[] {
  const lines = repairText(source).replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let current: Block | null = null;
  let blank = false;
  let currentIsHeading = false;
  // Markdown exports wrap a bold heading over several lines ("**II. NỘI DUNG" / "KẾ HOẠCH**").
  let inBold = false;
  // "2.10." alone on its line (the number of a heading whose words the export put on the next line).
  let bareMarker = false;
  lines.forEach((raw, i) => {
    const cells = tableCells(repairText(raw));
    if (cells) {
      // A table row stands alone: the separator row ("|---|---|") only ends what came before.
      if (cells.length) {
        current = { text: cells.join(' | '), line: i + 1, emphasised: false, cells };
        blocks.push(current);
      }
      current = cells.length ? current : null;
      currentIsHeading = false;
      blank = true;
      return;
    }
    const cleaned = cleanLine(raw);
    const { text } = cleaned;
    const body = raw.replace(/^\s*\|?\s*/u, '');
    const stars = (body.match(/\*\*/g) ?? []).length;
    // A bold span that starts a line and closes on a later one is a heading wrapped by the export.
    const continuesBold = inBold;
    if (!inBold && stars % 2 === 1 && /^\*\*/u.test(body)) inBold = true;
    else if (inBold && stars % 2 === 1) inBold = false;
    const emphasised = cleaned.emphasised || (text !== '' && (continuesBold || inBold));
    if (!text) {
      if (!bareMarker) blank = true;
      return;
    }
    const marker = markerPattern.exec(text);
    const prev = current?.text ?? '';
    const continuesName = /\sLao động$/u.test(prev) && /^- ?Thương binh/u.test(text);
    // An open parenthesis or a line ending on a function word ("(qua", "… của") cannot end a block.
    const trailsOff =
      (prev.split('(').length > prev.split(')').length ||
        /\s(?:qua|của|với|và|các|cho|về|tại|theo|để|thuộc|trên|trong|từ|là)$/u.test(prev) ||
        // A heading cut after the head word of a body's name ("2.2. Sở" / "Nội vụ"; "Đề nghị" / "Liên đoàn …").
        (currentIsHeading && /(?:^|\s)(?:Sở|Bộ|Ban|Ủy ban|Uỷ ban|UBND|Hội|Đề nghị|Chi cục|Trung tâm|Công an|Liên đoàn|nhân dân)$/u.test(prev))) &&
      !marker;
    const isLetterMarker = marker?.groups?.letter !== undefined;
    let opens: boolean;
    if (!current) opens = true;
    else if (bareMarker) opens = false;
    // "… chậm nhất ngày 17 tháng" / "12.": a number after a word that needs one is not a heading's number.
    else if (/\d/u.test(text[0] ?? '') && /(?:^|\s)(?:ngày|tháng|năm|số|Điều|khoản|điểm|quý|Quý|Số)$/u.test(prev)) opens = false;
    else if (continuesBold && current.emphasised && !marker) opens = false;
    else if (startsLower.test(text) && !isLetterMarker) opens = false;
    else if (continuesName || trailsOff) opens = false;
    else if (emphasised || current.emphasised) opens = true;
    else if (blank) opens = true;
    else if (marker?.groups?.dash !== undefined) opens = endsSentence.test(prev) || currentIsHeading;
    else if (marker) opens = endsSentence.test(prev) || currentIsHeading || /^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s/u.test(text);
    // A capitalised line after a heading that does not trail off ("…Xã hội" / "Chủ trì, …") is its body.
    // A word or two left alone on a line after a heading ("6. Sở Ngoại" / "Vụ") ends the heading, not its body.
    else opens = currentIsHeading && !/[,\-–]$/u.test(prev) && !(isCaps(prev) && isCaps(text)) && !/^[\p{L}\d]+(?:\s[\p{L}\d]+)?$/u.test(text);
    bareMarker = /^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.$/u.test(opens ? text : '');
    if (opens) {
      current = { text, line: i + 1, emphasised };
      currentIsHeading = isHeadingLike(text);
      blocks.push(current);
    } else if (current) {
      current.text = joinText(current.text, text);
      current.emphasised = current.emphasised || emphasised;
      currentIsHeading = isHeadingLike(current.text);
    }
    blank = false;
  });
  return blocks;
}

/** A short numbered line without closing punctuation, or an all-capitals line: a heading. */
function isHeadingLike(text: string): boolean {
  if (isCaps(text)) return true;
  return markerPattern.test(text) && !/^[-–+•]/u.test(text) && !endsSentence.test(text) && text.length < 200;
}

function isCaps(text: string): boolean {
  return text === text.toUpperCase() && /\p{Lu}/u.test(text);
}

function joinText(a: string, b: string): string {
  // "Lao động -" + "Thương binh": keep the hyphen's spacing as the document wrote it.
  return `${a} ${b}`.replace(/\s+/g, ' ');
}

/** Splits text into sentences at ". " or "./." before a capital, keeping the full stop. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-ZÀ-ỸĐ(“"])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Removes diacritics and đ for ids and loose comparisons. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** ASCII slug: "Sở Lao động - Thương binh và Xã hội" → "so-lao-dong-thuong-binh-va-xa-hoi". */
export function slug(text: string): string {
  return fold(text)
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
