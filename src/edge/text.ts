/**
 * Text as it enters dondoc: NFC, and only characters XML 1.0 allows, so no value typed anywhere can
 * make a DOCX, XLSX or HTML file unopenable. Pure (TextEncoder, no Buffer): the workflow bundle uses it.
 */

const encoder = new TextEncoder();

/** UTF-8 length of a string: the unit of every text limit. */
export const utf8Bytes = (s: string): number => encoder.encode(s).length;

/**
 * Characters XML 1.0 forbids (C0 controls but tab, newline and carriage return; U+FFFE and U+FFFF),
 * plus the C1 controls and DEL, which it discourages and no Vietnamese text contains.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
/** A surrogate without its pair is not a character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Bidirectional embeddings, overrides and isolates: they make "exe.pdf" display as "fdp.exe". */
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** NFC, forbidden characters removed, lone surrogates replaced by U+FFFD. Idempotent. */
export function xmlSafe(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(FORBIDDEN, '').normalize('NFC');
}

/** True when `s` may go into an XML document as it is. */
export function isXmlSafe(s: string): boolean {
  FORBIDDEN.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  return !new RegExp(FORBIDDEN.source).test(s) && !new RegExp(LONE_SURROGATE.source).test(s);
}

/** The first position in `s` that XML 1.0 forbids, or -1 (for the renderers' guard). */
export function firstForbiddenChar(s: string): number {
  const m = new RegExp(`${FORBIDDEN.source}|${LONE_SURROGATE.source}`).exec(s);
  return m ? m.index : -1;
}

/** Cuts `s` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateBytes(s: string, maxBytes: number): string {
  if (utf8Bytes(s) <= maxBytes) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = utf8Bytes(ch);
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * A file name as stored and shown: the last path segment, NFC, no controls, no bidi overrides, no
 * characters Windows refuses, at most `maxBytes` with the extension kept. Never empty.
 */
export function safeFileName(name: string, maxBytes: number): string {
  const base =
    xmlSafe(name)
      .replace(BIDI, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
      .split(/[/\\]/)
      .pop() ?? '';
  const cleaned = base
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  const stem = ext ? cleaned.slice(0, dot) : cleaned;
  const kept = truncateBytes(stem, Math.max(1, maxBytes - utf8Bytes(ext))).trim();
  return `${kept || 'tep'}${ext}`;
}
