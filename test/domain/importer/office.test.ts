import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPlan } from '../../../src/import/importPlan.js';
import { htmlToText, layoutToText, readSource, SourceError } from '../../../src/import/sources.js';
import { projectRoot } from '../../../src/runtime/tools.js';

// DOCX and PDF made from corpus texts with LibreOffice by scripts/import-fixtures.ts (test/fixtures/import/office/).
const fixtures = join(projectRoot, 'test', 'fixtures', 'import');
const documents = ['09daab284f92e2dd', '86367f2ddb2225cd', 'f1e0981425ec38be'];

describe.each(documents)('corpus document %s as DOCX and as PDF', (name) => {
  it.each(['docx', 'pdf'] as const)('gives the same draft as its text (%s)', async (format) => {
    const text = importPlan(await readFile(join(fixtures, 'corpus', `${name}.md`), 'utf8'), { source: name });
    const source = await readSource(join(fixtures, 'office', `${name}.${format}`));
    expect(source.format).toBe(format);
    const office = importPlan(source.text, { source: name });
    if (!text.ok || !office.ok) throw new Error(`${name}.${format}: import failed`);
    expect(office.plan).toEqual(text.plan);
  });
});

describe('files that are not text', () => {
  it('a scanned PDF with no text layer is refused with a Vietnamese reason that says so', async () => {
    const error = await readSource(join(fixtures, 'office', 'scan-no-text.pdf')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe('no-text-layer');
    expect((error as SourceError).reason).toMatch(/không có lớp chữ.*bản scan/u);
  });

  it('a missing file and a legacy .doc are refused, naming the file and the reason', async () => {
    const missing = await readSource(join(fixtures, 'office', 'khong-co.docx')).catch((e: unknown) => e);
    expect((missing as SourceError).code).toBe('unreadable');
    expect((missing as SourceError).message).toContain('khong-co.docx');
    const dir = await mkdtemp(join(tmpdir(), 'dondoc-import-'));
    await writeFile(join(dir, 'ke-hoach.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const doc = await readSource(join(dir, 'ke-hoach.doc')).catch((e: unknown) => e);
    expect((doc as SourceError).code).toBe('unsupported');
    expect((doc as SourceError).reason).toMatch(/DOCX, PDF/u);
  });
});

describe('DOCX structure kept as text', () => {
  it("writes Word's automatic numbering back as 1. / 1.1. / a) and bullets as - / +", () => {
    const html = '<ol><li><strong>TỔ CHỨC THỰC HIỆN</strong><ol><li>Sở Nội vụ<ol><li>Chủ trì.</li></ol></li></ol></li></ol><ul><li>Một<ul><li>Hai</li></ul></li></ul>';
    expect(htmlToText(html).trim().split('\n')).toEqual(['1. **TỔ CHỨC THỰC HIỆN**', '1.1. Sở Nội vụ', 'a) Chủ trì.', '- Một', '+ Hai']);
  });

  it('writes a table row as one "|" line, cells in order', () => {
    const html =
      '<table><tr><td><p>STT</p></td><td><p>Nhiệm vụ</p></td><td><p>Chủ trì</p></td></tr><tr><td><p>1</p></td><td><p>Tuyên truyền</p></td><td><p>Sở Tư pháp</p></td></tr></table>';
    expect(htmlToText(html).trim().split('\n')).toEqual(['| STT | Nhiệm vụ | Chủ trì |', '| 1 | Tuyên truyền | Sở Tư pháp |']);
  });

  it('undoes the two columns of a PDF header: the issuer first, then the motto', () => {
    const layout =
      'ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n  TỈNH SƠN LA                        Độc lập - Tự do - Hạnh phúc\n\nSố: 1/KH-UBND\n\f2\n';
    expect(layoutToText(layout).trim().split('\n')).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH SƠN LA',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '',
      'Số: 1/KH-UBND',
    ]);
  });
});
