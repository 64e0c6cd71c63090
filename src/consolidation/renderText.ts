/** The consolidated report as plain text: the text part of the report emails. */
import type { Block, ReportOutline } from './outline.js';

function block(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return ['', b.text];
    case 'paragraph':
    case 'subheading':
      return [`  ${b.text}`];
    case 'item':
      return [`  - ${b.label}: ${b.quoted ? `“${b.text}”` : b.text}`];
    case 'table':
      return [`  ${b.columns.map((c) => c.title).join(' | ')}`, ...b.rows.map((r) => `  ${r.join(' | ')}`), ...(b.totals ? [`  ${b.totals.filter(Boolean).join(' | ')}`] : [])];
  }
}

export function reportText(o: ReportOutline): string {
  const l = o.letterhead;
  return [
    `${l.issuingBodyParent} – ${l.issuingBody}`,
    l.numberLine,
    l.dateLine,
    '',
    `${o.draft ? 'DỰ THẢO ' : ''}${o.documentType}`,
    l.summary,
    ...o.body.flatMap(block),
    ...(o.notes.length ? ['', `Ghi chú: ${o.notes.join(' ')}`] : []),
    '',
    `${o.annex.title}: ${o.annex.subtitle}`,
    ...o.annex.blocks.flatMap(block),
  ].join('\n');
}
