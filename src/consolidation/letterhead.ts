/**
 * The letterhead of the consolidated report (Decree 30/2020/NĐ-CP, Appendix I): issuing body block,
 * number and symbol, place and date line, summary line, "Nơi nhận" and signature block. Every field can
 * be set in the plan (`consolidation.document`); the defaults below are what a Sở would write.
 */
import type { Plan } from '../plan/schema.js';
import { copiesToOf, headTitle } from './addressees.js';

export interface Letterhead {
  /** Line 1 of the issuing body block (cơ quan chủ quản), capitals. */
  issuingBodyParent: string;
  /** Line 2: the issuing body, capitals, bold. */
  issuingBody: string;
  /** "Số: /BC-SNV": the number is left blank for the clerk (văn thư) to fill in when issuing. */
  numberLine: string;
  /** "Sơn La, ngày 18 tháng 12 năm 2026". */
  dateLine: string;
  summary: string;
  copiesTo: string[];
  signature: { authority: string | null; title: string; name: string | null };
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

/** "Sở Lao động - Thương binh và Xã hội" → "SLĐTBXH": the initials, as symbols of Sở are formed. */
export function initialsOf(name: string): string {
  return name
    .normalize('NFC')
    .split(/[\s-]+/u)
    .filter((w) => w && w.toLocaleLowerCase('vi') !== 'và' && /\p{L}/u.test(w))
    .map((w) => upper([...w][0]!))
    .join('');
}

/** Decree 30: days below 10 and months below 3 are written with a leading zero. */
export function dateLine(place: string, isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const dd = String(d).padStart(2, '0');
  const mm = m < 3 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

/** All-capital titles (as in seed 004) read badly in a summary line: lower-case the plain words only. */
function sentenceCase(title: string): string {
  if (title !== upper(title)) return title;
  return title
    .split(' ')
    .map((w) => (/[\d/]/.test(w) ? w : w.toLocaleLowerCase('vi')))
    .join(' ');
}

export function letterheadOf(plan: Plan, report: { standingAgency: { id: string; name: string }; period: string; periodLabel: string; generatedAt: string }): Letterhead {
  const adhoc = report.period.startsWith('DX-');
  const cfg = plan.consolidation.document ?? {};
  const standing = plan.agencies.find((a) => a.id === report.standingAgency.id);
  const issuingBody = cfg.issuingBody ?? upper(report.standingAgency.name);
  const doc = plan.document;
  const planRef = doc.number
    ? `Kế hoạch số ${doc.number}${doc.issuedOn ? ` ngày ${isoToVi(doc.issuedOn)}` : ''} của ${doc.issuer}`
    : `Kế hoạch của ${doc.issuer} ${sentenceCase(doc.title)}`;
  const head = headTitle(standing?.kind);
  return {
    issuingBodyParent: cfg.issuingBodyParent ?? `UBND TỈNH ${upper(doc.province)}`,
    issuingBody,
    numberLine: `Số:       /${cfg.symbol ?? `BC-${initialsOf(cfg.issuingBody ?? report.standingAgency.name)}`}`,
    dateLine: dateLine(cfg.place ?? doc.place ?? doc.province, report.generatedAt.slice(0, 10)),
    summary: `${cfg.summary ?? `Kết quả thực hiện ${planRef}`} (${report.periodLabel})`,
    // The addresses the report is really sent to. A configured list is the plan's periodic "Nơi nhận";
    // an ad-hoc report goes elsewhere (the standing agency), so it never takes that list.
    copiesTo:
      (!adhoc && cfg.copiesTo) || copiesToOf(plan, { kind: adhoc ? 'adhoc' : 'periodic', standingAgencyId: report.standingAgency.id, day: report.generatedAt.slice(0, 10) }),
    signature: {
      authority: cfg.signature ? (cfg.signature.authority ?? null) : `KT. ${head}`,
      title: cfg.signature?.title ?? `PHÓ ${head}`,
      name: cfg.signature?.name ?? null,
    },
  };
}

const isoToVi = (iso: string) => iso.split('-').reverse().join('/');
