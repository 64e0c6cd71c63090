/**
 * The renderers' last check: a document dondoc sends must open. Every XML part of a DOCX or XLSX
 * (and the HTML report, as text) is parsed by a strict XML parser (saxes) and searched for characters
 * XML 1.0 forbids; a file that fails is not produced: the renderer throws MalformedDocumentError.
 * Text is cleaned at the edge (src/edge/text.ts), so this guard firing means a bug, not bad input.
 */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { firstForbiddenChar } from '../edge/text.js';

export class MalformedDocumentError extends Error {
  constructor(
    readonly file: string,
    readonly part: string,
    reason: string,
  ) {
    super(`${file}: ${part} is not well-formed XML: ${reason}`);
    this.name = 'MalformedDocumentError';
  }
}

/** Throws unless `xml` is a well-formed XML document. */
export function assertWellFormedXml(xml: string, file: string, part: string): void {
  const at = firstForbiddenChar(xml);
  if (at >= 0) throw new MalformedDocumentError(file, part, `character U+${xml.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} at offset ${at}`);
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.write(xml).close();
  if (failure) throw new MalformedDocumentError(file, part, (failure as Error).message);
}

/** Every `.xml` and `.rels` part of an OOXML package, well-formed; returns the package unchanged. */
export async function assertWellFormedPackage(bytes: Buffer, file: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue;
    assertWellFormedXml(await entry.async('string'), file, name);
  }
  return bytes;
}

/** The HTML report carries no characters XML forbids (it is also sent as a mail body); returns it unchanged. */
export function assertCleanHtml(html: string, file: string): string {
  const at = firstForbiddenChar(html);
  if (at >= 0) throw new MalformedDocumentError(file, 'html', `character U+${html.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} at offset ${at}`);
  return html;
}
