/**
 * `npm run docs:report`: the picture of the consolidated report in the README. Runs seed 004 (Sơn La)
 * through 2026 on the time-skipping server (Báo Sơn La 2 working days late, Tỉnh Đoàn never reporting),
 * takes the annual report's DOCX as emailed, and has LibreOffice and pdftoppm render its first page, the
 * page with "Nơi nhận" and the signature, and the annex (docs/ and docs/screenshots/).
 */
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlanOrThrow } from '../src/plan/load.js';
import { installRuntimeLogging } from '../src/runtime/logging.js';
import { projectRoot } from '../src/runtime/tools.js';
import { simulate } from '../src/simulate/simulate.js';
import { docxToPdf, pdfInfo, pdfPageToPng, pdfText } from './office.js';
import { readFile } from 'node:fs/promises';

installRuntimeLogging();
const plan = await loadPlanOrThrow(join(projectRoot, 'plans', 'son-la-37-ct-tw-2024.yaml'));
const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-docs-'));
const sim = await simulate({ plan, from: '2026-01-01', to: '2026-12-31', submit: { 'tinh-doan': { kind: 'never' }, 'bao-son-la': { kind: 'late', workingDays: 2 } }, dataDir });
const annual = sim.reports.find((r) => r.period === '2026');
if (!annual?.docx) throw new Error('the simulation produced no annual report');
const docs = join(projectRoot, 'docs');
await copyFile(annual.docx, join(docs, 'report-son-la-2026.docx'));
const pdf = await docxToPdf(await readFile(annual.docx), 'report-son-la-2026');
const { pages } = await pdfInfo(pdf);
await pdfPageToPng(pdf, 1, join(docs, 'report-son-la-2026-page1.png'));
await pdfPageToPng(pdf, pages, join(docs, 'report-son-la-2026-annex.png'));
let signaturePage = pages;
for (let p = 1; p <= pages; p++) if ((await pdfText(pdf, p)).includes('Nơi nhận:')) signaturePage = p;
await pdfPageToPng(pdf, 1, join(docs, 'screenshots', 'report-page-1.png'));
await pdfPageToPng(pdf, signaturePage, join(docs, 'screenshots', 'report-signature.png'));
console.log(
  `docs/report-son-la-2026.docx (${pages} pages) → docs/report-son-la-2026-page1.png, docs/report-son-la-2026-annex.png, docs/screenshots/report-page-1.png, docs/screenshots/report-signature.png (page ${signaturePage})`,
);
