/** LibreOffice (headless) and poppler, from Debian's packages: DOCX → PDF → text or PNG. */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function docxToPdf(docx: Buffer, name = 'report'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-office-'));
  const input = join(dir, `${name}.docx`);
  await writeFile(input, docx);
  // A profile of its own: two conversions at once must not share LibreOffice's user directory lock.
  await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], { timeout: 120_000 });
  return join(dir, `${name}.pdf`);
}

export async function pdfText(pdf: string, page?: number): Promise<string> {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  const { stdout } = await run('pdftotext', ['-layout', ...range, pdf, '-']);
  return stdout;
}

export async function pdfInfo(pdf: string): Promise<{ pages: number; pageSize: string }> {
  const { stdout } = await run('pdfinfo', [pdf]);
  return { pages: Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]), pageSize: /Page size:\s+(.*)/.exec(stdout)?.[1] ?? '' };
}

export async function pdfPageToPng(pdf: string, page: number, out: string, dpi = 110): Promise<void> {
  await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, out.replace(/\.png$/, '')]);
}
