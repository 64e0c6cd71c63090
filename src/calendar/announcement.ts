/**
 * The file format of a year's announced calendar (`announced/YYYY.json`, or `<calendar dir>/YYYY.json` read at
 * run time): every weekday off and every weekend day worked that year for civil servants, each with the
 * documents it rests on (number and date). Validated here; messages in Vietnamese, naming the field.
 */
import { z } from 'zod';
import { isWeekend } from './isoDate.js';

function isRealDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'phải là ngày dạng YYYY-MM-DD')
  .refine(isRealDay, 'không phải ngày có thật');

export const announcedDaySchema = z.object({
  date: isoDay,
  reason: z.string().min(1, 'cần nêu lý do (ví dụ "Tết Âm lịch")'),
  sources: z.array(z.string().min(1)).min(1, 'cần ít nhất một văn bản căn cứ (số ký hiệu trong "documents")').describe('refs of `documents` this day rests on'),
});

export const announcedDocumentSchema = z.object({
  ref: z.string().min(1).describe('số ký hiệu, e.g. "8726/VPCP-KGVX"'),
  date: isoDay.describe('ngày ban hành'),
  issuer: z.string().min(1).describe('e.g. "Văn phòng Chính phủ"'),
  title: z.string().min(1).describe('trích yếu or what it decides'),
});

export const announcementSchema = z
  .object({
    $schema: z.string().optional(),
    year: z.number({ error: 'cần năm (số)' }).int().min(2000).max(2100),
    documents: z.array(announcedDocumentSchema).min(1, 'cần ít nhất một văn bản công bố'),
    daysOff: z.array(announcedDaySchema).describe('every weekday (Monday–Friday) not worked: holidays, compensation days, swapped days'),
    workingDays: z.array(announcedDaySchema).default([]).describe('every Saturday or Sunday worked in exchange for a swapped day'),
    note: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    const refs = new Set(a.documents.map((d) => d.ref));
    const seen = new Set<string>();
    const check = (list: 'daysOff' | 'workingDays') =>
      a[list].forEach((d, i) => {
        const path = [list, i];
        if (!isRealDay(d.date)) return; // already reported by the field's own check
        if (!d.date.startsWith(`${a.year}-`)) ctx.addIssue({ code: 'custom', path: [...path, 'date'], message: `ngày ${d.date} không thuộc năm ${a.year}` });
        if (list === 'daysOff' && isWeekend(d.date))
          ctx.addIssue({ code: 'custom', path: [...path, 'date'], message: `${d.date} là thứ Bảy/Chủ nhật: ngày nghỉ bù phải ghi vào ngày làm việc được nghỉ` });
        if (list === 'workingDays' && !isWeekend(d.date))
          ctx.addIssue({ code: 'custom', path: [...path, 'date'], message: `${d.date} không phải thứ Bảy/Chủ nhật: ngày làm bù là ngày nghỉ hằng tuần được làm việc` });
        if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: [...path, 'date'], message: `ngày ${d.date} được ghi hai lần` });
        seen.add(d.date);
        d.sources.forEach((s, j) => {
          if (!refs.has(s)) ctx.addIssue({ code: 'custom', path: [...path, 'sources', j], message: `văn bản "${s}" không có trong "documents"` });
        });
      });
    check('daysOff');
    check('workingDays');
  });

export type Announcement = z.output<typeof announcementSchema>;

/** Parses an announcement; throws one error listing every problem as `where: field: reason`. */
export function parseAnnouncement(raw: unknown, where: string): Announcement {
  const parsed = announcementSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${where}: ${i.path.join('.') || '(tệp)'}: ${i.message}`);
  throw new Error(`lịch nghỉ công bố không hợp lệ:\n${lines.join('\n')}`);
}

/** "8726/VPCP-KGVX ngày 26/11/2024" for each source of a day. */
export function citeSources(a: Announcement, refs: readonly string[]): string[] {
  return refs.map((r) => {
    const doc = a.documents.find((d) => d.ref === r);
    return doc ? `${doc.ref} ngày ${doc.date.slice(8, 10)}/${doc.date.slice(5, 7)}/${doc.date.slice(0, 4)}` : r;
  });
}
