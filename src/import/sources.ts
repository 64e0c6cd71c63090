/**
 * The file an officer has → the text the importer reads. This is the importer's only I/O module (the rest of
 * src/import is pure): UTF-8 text and Markdown as they are; DOCX (the e-office export) through mammoth, keeping
 * paragraphs, list numbering and tables; PDF with a text layer through poppler's `pdftotext -layout`. A PDF
 * without text (a scan) is refused with a message that says so, in Vietnamese.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';

const run = promisify(execFile);

export type SourceFormat = 'text' | 'docx' | 'pdf';

/** A file that cannot be turned into text; `reason` is for the person importing it. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly code: 'unreadable' | 'unsupported' | 'no-text-layer' | 'pdftotext-missing',
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface SourceText {
  text: string;
  format: SourceFormat;
}

/** The format from the file's first bytes (a renamed file still reads right), else its extension. */
export function formatOf(bytes: Uint8Array, file: string): SourceFormat | 'other' {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  // A ZIP container: a DOCX unless the name says it is another Office file.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return /\.(?:xlsx|pptx|odt|ods|zip)$/iu.test(file) ? 'other' : 'docx';
  if (/^\.(?:doc|xls|xlsx|odt|rtf)$/iu.test(extname(file))) return 'other';
  return 'text';
}

export async function readSource(file: string): Promise<SourceText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new SourceError(file, 'unreadable', `không đọc được tệp (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  const format = formatOf(bytes, file);
  if (format === 'docx') return { text: await docxText(file, bytes), format };
  if (format === 'pdf') return { text: await pdfText(file), format };
  if (format === 'other') {
    throw new SourceError(file, 'unsupported', `định dạng ${extname(file) || 'này'} chưa được hỗ trợ: hãy lưu văn bản thành DOCX, PDF (có lớp chữ) hoặc TXT/MD (UTF-8).`);
  }
  const text = bytes.toString('utf8');
  if (text.includes('\ufffd')) throw new SourceError(file, 'unreadable', 'tệp văn bản không phải UTF-8 (có ký tự không giải mã được): hãy lưu lại với mã UTF-8.');
  return { text, format };
}

async function docxText(file: string, buffer: Buffer): Promise<string> {
  try {
    const { value } = await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: false });
    return htmlToText(value);
  } catch (err) {
    throw new SourceError(file, 'unreadable', `không đọc được tệp DOCX (${(err as Error).message}).`);
  }
}

async function pdfText(file: string): Promise<string> {
  let stdout: string;
  try {
    ({ stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new SourceError(file, 'pdftotext-missing', 'cần chương trình pdftotext (gói poppler-utils) để đọc PDF: apt-get install poppler-utils.');
    throw new SourceError(file, 'unreadable', `không đọc được tệp PDF (${(e.stderr ?? e.message).trim()}).`);
  }
  const text = layoutToText(stdout);
  if (text.replace(/\s+/g, '').length < 40) {
    throw new SourceError(
      file,
      'no-text-layer',
      'tệp PDF không có lớp chữ (có thể là bản scan/ảnh chụp), nên không đọc được nội dung. Hãy dùng bản DOCX hoặc PDF xuất trực tiếp từ Word, hoặc nhận dạng chữ (OCR, ví dụ "ocrmypdf -l vie") rồi nhập lại.',
    );
  }
  return text;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(#x?[0-9a-f]+|\w+);/giu, (m, e: string) =>
    e.startsWith('#') ? String.fromCodePoint(Number.parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10)) : (entities[e] ?? m),
  );

/**
 * mammoth's HTML → the lines the importer reads. Paragraphs stay lines (empty ones too: they separate blocks);
 * bold runs keep their Markdown markers (a bold line is a heading); Word's automatic numbering, which the HTML
 * carries only as <ol>/<ul> nesting, is written back in the Decree 30 order of styles (1. → 1.1. → a) for
 * ordered lists, - → + for bullets); a table row becomes one "| cell | cell |" line.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const lists: { ordered: boolean; n: number; prefix: string }[] = [];
  const inline = (s: string) =>
    decode(
      s
        .replace(/<br\s*\/?>/giu, '\n')
        .replace(/<\/?(?:strong|b)>/giu, '**')
        .replace(/<\/?(?:em|i)>/giu, '*')
        .replace(/<[^>]+>/gu, ''),
    )
      // Adjacent bold runs ("<b>KẾ </b><b>HOẠCH</b>") are one.
      .replace(/\*\*\*\*/gu, '')
      .replace(/\u00a0/gu, ' ');
  const structural = /^<(\/?)(p|h[1-6]|ol|ul|li|table|tr|td|th)\b[^>]*>$/iu;
  const markerOf = (l: { ordered: boolean; n: number; prefix: string }) => {
    const depth = lists.filter((x) => x.ordered === l.ordered).length;
    if (l.ordered) return depth >= 3 ? `${String.fromCharCode(96 + l.n)}) ` : `${l.prefix}${l.n}. `;
    return depth >= 2 ? '+ ' : '- ';
  };
  const tokens = html.split(/(<\/?(?:p|h[1-6]|ol|ul|li|table|tr|td|th)\b[^>]*>)/iu);
  let buffer = '';
  let cells: string[] | null = null;
  let cell = '';
  let inCell = false;
  const flushPara = (prefix = '') => {
    const text = inline(buffer).trim();
    buffer = '';
    if (inCell) {
      cell += (cell ? ' ' : '') + text.replace(/\n/g, ' ');
      return;
    }
    for (const [i, line] of text.split('\n').entries()) out.push(i === 0 ? `${prefix}${line}` : line);
  };
  for (const t of tokens) {
    const tag = structural.exec(t);
    if (!tag) {
      buffer += t;
      continue;
    }
    const [, close, nameRaw] = tag;
    const name = nameRaw!.toLowerCase();
    if (name === 'ol' || name === 'ul') {
      if (!close) {
        const parent = lists[lists.length - 1];
        // The item that holds a nested list is written (with its number) before the nested items.
        if (parent && buffer.trim()) flushPara(markerOf(parent));
        lists.push({ ordered: name === 'ol', n: 0, prefix: parent?.ordered && name === 'ol' ? `${parent.prefix}${parent.n}.` : '' });
      } else lists.pop();
    } else if (name === 'li') {
      const l = lists[lists.length - 1];
      if (!close) {
        if (l) l.n++;
        buffer = '';
      } else if (l && buffer.trim()) flushPara(markerOf(l));
    } else if (name === 'p' || /^h[1-6]$/u.test(name)) {
      if (close) {
        const inList = lists.length > 0 && !inCell;
        // A paragraph's end is a block's end: written as the blank line a text export has there.
        if (!inList) {
          flushPara();
          if (!inCell) out.push('');
        } else {
          // A paragraph inside a list item: written with the item's marker when the </li> comes.
          const text = inline(buffer).trim();
          buffer = text;
        }
      } else if (!inCell && lists.length === 0) buffer = '';
    } else if (name === 'table') {
      if (close) cells = null;
    } else if (name === 'tr') {
      if (!close) cells = [];
      else if (cells) {
        out.push(`| ${cells.join(' | ')} |`);
        cells = [];
      }
    } else if (name === 'td' || name === 'th') {
      if (!close) {
        inCell = true;
        cell = '';
        buffer = '';
      } else {
        if (buffer.trim()) flushPara();
        inCell = false;
        cells?.push(cell.trim());
        cell = '';
      }
    }
  }
  if (buffer.trim()) flushPara();
  return `${out.join('\n')}\n`;
}

/**
 * `pdftotext -layout` keeps the page's geometry: a two-column block (the header's issuer and motto, the
 * distribution list beside the signature) comes out as one line per row with a wide gap. Such rows are split and
 * each column written out in turn, so the issuer reads "ỦY BAN NHÂN DÂN / TỈNH …" as the DOCX does. Form feeds
 * and lone page numbers go; justified spacing inside a line becomes one space.
 */
export function layoutToText(layout: string): string {
  const lines = layout.replace(/\r\n?/gu, '\n').replace(/\f/gu, '\n').split('\n');
  const out: string[] = [];
  let left: string[] = [];
  let right: string[] = [];
  const flush = () => {
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/u, '');
    if (/^\s*\d{1,3}\s*$/u.test(line)) continue;
    const gap = /^(\s*\S.*?)\s{6,}(\S.*)$/u.exec(line);
    if (gap && !/^\s*\|/u.test(line)) {
      left.push(gap[1]!.trim());
      right.push(gap[2]!.replace(/\s{2,}/gu, ' ').trim());
      continue;
    }
    // A line of the right column alone (indented far) continues it; anything else ends the block.
    if ((left.length || right.length) && /^\s{20,}\S/u.test(line)) {
      right.push(line.trim());
      continue;
    }
    flush();
    out.push(line.trim().replace(/\s{2,}/gu, ' '));
  }
  flush();
  return `${out.join('\n')}\n`;
}
