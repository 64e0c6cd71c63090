/**
 * Makes the DOCX and PDF fixtures of test/fixtures/import/office/ from corpus texts, with LibreOffice
 * (`soffice --headless`), as an officer's e-office export would be: one Word paragraph per paragraph of the
 * text (its line breaks kept as breaks), bold and italic runs, Liberation Serif. Then the PDF is printed from
 * that DOCX, and a "scan" (the PDF's first page as an image, no text layer) from pdftoppm + LibreOffice.
 * `node --import tsx scripts/import-fixtures.ts`; the files are checked in, so tests do not need LibreOffice.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { projectRoot } from '../src/runtime/tools.js';

const run = promisify(execFile);
const corpus = join(projectRoot, 'test', 'fixtures', 'import', 'corpus');
const office = join(projectRoot, 'test', 'fixtures', 'import', 'office');
export const officeFixtures = ['09daab284f92e2dd', '86367f2ddb2225cd', 'f1e0981425ec38be'];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Markdown export → HTML: a paragraph per blank-line-separated group, lines joined by <br>, ** and * as runs. */
export function markdownToHtml(md: string): string {
  const paragraphs = md.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const body = paragraphs.map((p) => {
    let html = escape(p).replace(/\n/g, '<br/>');
    let bold = false;
    let italic = false;
    html = html.replace(/\*\*|\*/g, (m) => {
      if (m === '**') {
        bold = !bold;
        return bold ? '<b>' : '</b>';
      }
      italic = !italic;
      return italic ? '<i>' : '</i>';
    });
    if (italic) html += '</i>';
    if (bold) html += '</b>';
    return `<p>${html}</p>`;
  });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:'Liberation Serif';font-size:10pt} p{margin:0 0 12pt 0}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}

/** A one-page PDF whose only content is a grey image (a binary PGM, as pdftoppm -gray writes it). */
export function imagePdf(pgm: Buffer): Buffer {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/u.exec(pgm.toString('latin1', 0, 40))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = deflateSync(pgm.subarray(header[0].length));
  const content = `q ${width} 0 0 ${height} 0 0 cm /Im1 Do Q`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>`,
    null,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  objects.forEach((o, i) => {
    offsets.push(size);
    const body =
      o === null
        ? Buffer.concat([
            Buffer.from(
              `${i + 1} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`,
            ),
            pixels,
            Buffer.from('\nendstream\nendobj\n'),
          ])
        : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`);
    parts.push(body);
    size += body.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(xref)]);
}

async function soffice(args: string[], cwd: string): Promise<void> {
  await run('soffice', ['--headless', `-env:UserInstallation=file://${join(cwd, 'profile')}`, ...args], { cwd, timeout: 120_000 });
}

async function main(): Promise<void> {
  await mkdir(office, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'dondoc-fixtures-'));
  try {
    for (const name of process.argv.includes('--scan-only') ? [] : officeFixtures) {
      await writeFile(join(work, `${name}.html`), markdownToHtml(await readFile(join(corpus, `${name}.md`), 'utf8')));
      await soffice(['--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, join(work, `${name}.html`)], work);
      await soffice(['--convert-to', 'pdf', '--outdir', join(work, 'pdf'), join(work, `${name}.docx`)], work);
      await copyFile(join(work, `${name}.docx`), join(office, `${name}.docx`));
      await copyFile(join(work, 'pdf', `${name}.pdf`), join(office, `${name}.pdf`));
      process.stdout.write(`${name}: docx, pdf\n`);
    }
    // A scan: the first page as a grey picture (pdftoppm), wrapped in a PDF with no text layer.
    const first = officeFixtures[0]!;
    await run('pdftoppm', ['-gray', '-r', '72', '-f', '1', '-l', '1', '-singlefile', join(office, `${first}.pdf`), join(work, 'scan')]);
    await writeFile(join(office, 'scan-no-text.pdf'), imagePdf(await readFile(join(work, 'scan.pgm'))));
    process.stdout.write('scan-no-text.pdf\n');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
