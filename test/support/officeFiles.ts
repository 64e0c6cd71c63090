/**
 * Reading generated office files back, for tests: the paragraphs and tables of a DOCX (WordprocessingML
 * in its zip), and an XLSX through exceljs. Only what the report uses: no nested tables.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
/** The text of runs in order; a line break (<w:br/>) reads as "\n". */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[1] === undefined ? '\n' : decode(m[1]))).join('');

export interface DocxContent {
  /** Every paragraph's text outside tables, in order. */
  paragraphs: string[];
  /** Every table: rows of cell texts. */
  tables: string[][][];
  /** The raw parts, for layout checks. */
  documentXml: string;
  stylesXml: string;
  headers: string[];
}

export async function readDocx(bytes: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(bytes);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  const headers = await Promise.all(zip.file(/^word\/header\d*\.xml$/).map((f) => f.async('string')));
  const tables: string[][][] = [];
  const withoutTables = documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tbl) => {
    tables.push([...tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => paragraphsOf(tc[0]).join('\n'))));
    return '';
  });
  return { paragraphs: paragraphsOf(withoutTables), tables, documentXml, stylesXml, headers };
}

function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => textOf(p[0]));
}

export async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
