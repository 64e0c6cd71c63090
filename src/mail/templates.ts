/**
 * Vietnamese emails, plain text plus HTML, one clear subject each:
 * `[Nhắc hạn] Báo cáo năm 2026 – KH 227/KH-UBND – hạn 14/12/2026`.
 * Pure functions: the activity gathers the context, these only write.
 */
import { escapeHtml } from '../html/escape.js';
import { viDate } from '../calendar/isoDate.js';
import { viDateTime } from '../reporting/dates.js';
import type { AgencyTask } from '../plan/normalise.js';
import type { Plan } from '../plan/schema.js';
import { submissionCopyHtml, submissionCopyText, type SubmissionCopy } from './submissionCopy.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface AgencyMailContext {
  plan: Plan;
  agencyName: string;
  /** Names the agency answers for after a merger or rename ("trước đây: ..."). */
  formerNames: string[];
  periodLabel: string;
  /** The effective last day, YYYY-MM-DD. */
  lastDay: string;
  tasks: AgencyTask[];
  submitLink: string | null;
  assumptionNote: string | null;
  role: 'agency' | 'standing';
}

/** "KH 227/KH-UBND", "CV 4263/UBND-KGVX", or the province's draft plan when unnumbered. */
export function documentRef(plan: Plan): string {
  const prefix = plan.document.type === 'cong-van' ? 'CV' : 'KH';
  if (plan.document.number) return `${prefix} ${plan.document.number}`;
  return plan.document.draft ? `${prefix} dự thảo của ${plan.document.issuer}` : `${prefix} của ${plan.document.issuer}`;
}

export function reportTitle(periodLabel: string, role: 'agency' | 'standing'): string {
  return role === 'standing' ? `Báo cáo tổng hợp ${periodLabel}` : `Báo cáo ${periodLabel}`;
}

const esc = escapeHtml;

interface Block {
  heading?: string;
  lines: string[];
}

/** One layout for every email: greeting, paragraphs, optional list blocks, signature. */
function layout(
  subject: string,
  greeting: string,
  paragraphs: string[],
  blocks: Block[] = [],
  link?: { label: string; url: string } | null,
  secondary?: string,
  /** A rendered section after the paragraphs (the receipt's copy of the submission). */
  section?: { text: string[]; html: string },
): RenderedMail {
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...blocks.flatMap((b) => [...(b.heading ? [b.heading] : []), ...b.lines.map((l) => `  - ${l}`), '']),
    ...(section ? [...section.text, ''] : []),
    ...(link ? [`${link.label}: ${link.url}`, ''] : []),
    ...(secondary ? [secondary, ''] : []),
    '--',
    'Hệ thống đôn đốc báo cáo dondoc (thư gửi tự động, vui lòng không trả lời thư này).',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>' + esc(subject) + '</title></head>',
    '<body style="font-family: \'Times New Roman\', serif; font-size: 14pt; line-height: 1.4">',
    `<p>${esc(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${esc(p)}</p>`),
    ...blocks.map((b) => `${b.heading ? `<p><strong>${esc(b.heading)}</strong></p>` : ''}<ul>${b.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`),
    ...(section ? [section.html] : []),
    ...(link ? [`<p><a href="${esc(link.url)}">${esc(link.label)}</a></p>`] : []),
    ...(secondary ? [`<p style="font-size: 11pt; color: #555">${esc(secondary)}</p>`] : []),
    '<hr><p style="font-size: 11pt; color: #555">Hệ thống đôn đốc báo cáo dondoc (thư gửi tự động, vui lòng không trả lời thư này).</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text: text.normalize('NFC'), html: html.normalize('NFC') };
}

const taskLines = (tasks: AgencyTask[]) =>
  tasks.map(({ task, role }) => `${task.section ?? task.id} (${role === 'lead' ? 'chủ trì' : 'phối hợp'}): ${task.text}${task.timing ? ` — Thời gian: ${task.timing}` : ''}`);

const nameWithFormer = (c: AgencyMailContext) => (c.formerNames.length ? `${c.agencyName} (thay cho ${c.formerNames.join(', ')})` : c.agencyName);
const assumedLine = (c: AgencyMailContext) => (c.assumptionNote ? [`Lưu ý: văn bản không nêu ngày báo cáo; hạn trên là hạn giả định. ${c.assumptionNote}`] : []);

export function dispatchMail(c: Omit<AgencyMailContext, 'periodLabel' | 'lastDay'> & { upcoming: { periodLabel: string; lastDay: string; link?: string | null }[] }): RenderedMail {
  const ref = documentRef(c.plan);
  return layout(
    `[Triển khai] ${ref} – ${c.plan.document.title}`.slice(0, 240),
    `Kính gửi: ${nameWithFormer({ ...c, periodLabel: '', lastDay: '' })}`,
    [
      `${c.plan.document.issuer} ban hành ${c.plan.document.type === 'cong-van' ? 'Công văn' : 'Kế hoạch'} ${c.plan.document.number ?? '(dự thảo, chưa có số)'}${c.plan.document.issuedOn ? ` ngày ${viDate(c.plan.document.issuedOn)}` : ''}: ${c.plan.document.title}.`,
      c.tasks.length
        ? `Cơ quan, đơn vị được giao ${c.tasks.length} nhiệm vụ dưới đây. Đề nghị triển khai thực hiện và báo cáo đúng hạn.`
        : 'Đề nghị cơ quan, đơn vị triển khai thực hiện theo chức năng, nhiệm vụ.',
      ...(c.plan.reporting.adHoc?.statedText ? [`Chế độ báo cáo: ${c.plan.reporting.adHoc.statedText}`] : []),
    ],
    [
      { heading: 'Nhiệm vụ của cơ quan, đơn vị:', lines: taskLines(c.tasks) },
      ...(c.upcoming.length
        ? [
            {
              heading: 'Lịch báo cáo sắp tới:',
              lines: c.upcoming.map((u) => `Báo cáo ${u.periodLabel}: hạn ${viDate(u.lastDay)}${u.link ? ` (kỳ đã mở, gửi báo cáo tại: ${u.link})` : ''}`),
            },
          ]
        : []),
    ].filter((b) => b.lines.length > 0),
  );
}

export function reminderMail(c: AgencyMailContext, workingDaysBefore: number): RenderedMail {
  const ref = documentRef(c.plan);
  const when = workingDaysBefore === 0 ? 'hôm nay là ngày cuối cùng' : `còn ${workingDaysBefore} ngày làm việc`;
  return layout(
    `[Nhắc hạn] ${reportTitle(c.periodLabel, c.role)} – ${ref} – hạn ${viDate(c.lastDay)}`,
    `Kính gửi: ${nameWithFormer(c)}`,
    [
      c.role === 'standing'
        ? `Hạn gửi báo cáo tổng hợp ${c.periodLabel} thực hiện ${ref} là hết ngày ${viDate(c.lastDay)} (${when}). Đề nghị rà soát dự thảo báo cáo tổng hợp và phê duyệt để gửi đúng hạn.`
        : `Hạn gửi báo cáo ${c.periodLabel} về kết quả thực hiện ${ref} là hết ngày ${viDate(c.lastDay)} (${when}). Cơ quan, đơn vị chưa gửi báo cáo; đề nghị gửi báo cáo qua đường dẫn dưới đây.`,
      ...assumedLine(c),
    ],
    [{ heading: 'Nhiệm vụ cần báo cáo:', lines: taskLines(c.tasks) }].filter((b) => b.lines.length > 0),
    c.submitLink ? { label: 'Gửi báo cáo', url: c.submitLink } : null,
  );
}

export function overdueMail(c: AgencyMailContext, workingDaysAfter: number): RenderedMail {
  const ref = documentRef(c.plan);
  return layout(
    `[Quá hạn] ${reportTitle(c.periodLabel, c.role)} – ${ref} – hạn ${viDate(c.lastDay)}`,
    `Kính gửi: ${nameWithFormer(c)} (đầu mối và Thủ trưởng cơ quan)`,
    [
      `Đến nay (${workingDaysAfter} ngày làm việc sau hạn ${viDate(c.lastDay)}), cơ quan, đơn vị chưa gửi ${reportTitle(c.periodLabel, c.role).toLowerCase()} thực hiện ${ref}. Báo cáo gửi muộn vẫn được tiếp nhận và ghi nhận là chậm hạn.`,
      'Nếu không gửi, tình hình sẽ được báo cáo Thủ trưởng cơ quan thường trực và lãnh đạo UBND tỉnh theo quy định.',
    ],
    [],
    c.submitLink ? { label: 'Gửi báo cáo', url: c.submitLink } : null,
  );
}

/**
 * `proof`: the proof of notice (src/mail/noticeState.ts proofLine), "đã nhắc 4 lần: 04/06 (đã đến hộp
 * thư), …": an escalation says that the agency was told, and how dondoc knows.
 */
export function directorMail(c: AgencyMailContext, standingName: string, workingDaysAfter: number, proof?: string): RenderedMail {
  const ref = documentRef(c.plan);
  return layout(
    `[Báo cáo lãnh đạo] ${nameWithFormer(c)} chưa gửi ${reportTitle(c.periodLabel, c.role).toLowerCase()} – ${ref} – hạn ${viDate(c.lastDay)}`,
    `Kính gửi: Thủ trưởng ${standingName}`,
    [
      `${nameWithFormer(c)} chưa gửi ${reportTitle(c.periodLabel, c.role).toLowerCase()} thực hiện ${ref}, đã quá hạn ${workingDaysAfter} ngày làm việc (hạn ${viDate(c.lastDay)}). Thông báo quá hạn đã gửi đầu mối và thủ trưởng đơn vị.`,
      ...(proof ? [`Cơ quan, đơn vị ${proof}.`] : []),
      ...assumedLine(c),
    ],
  );
}

export function leaderDigestMail(
  plan: Plan,
  leaderRole: string,
  periodLabel: string,
  /** `proof`: each agency's proof of notice (proofLine), when known. */
  late: { name: string; lastDay: string; workingDaysLate: number; proof?: string }[],
  obligedCount: number,
): RenderedMail {
  const ref = documentRef(plan);
  return layout(
    `[Tổng hợp chậm báo cáo] ${late.length}/${obligedCount} cơ quan chưa gửi báo cáo ${periodLabel} – ${ref}`,
    `Kính gửi: ${leaderRole}`,
    [`Đến nay, ${late.length} trong số ${obligedCount} cơ quan, đơn vị chưa gửi báo cáo ${periodLabel} thực hiện ${ref}:`],
    [{ lines: late.map((l) => `${l.name}: hạn ${viDate(l.lastDay)}, chậm ${l.workingDaysLate} ngày làm việc${l.proof ? `; ${l.proof}` : ''}`) }],
  );
}

/** To an agency's next contact, when the notice to its other address was returned. */
export function fallbackMail(c: AgencyMailContext, failedAddress: string, workingDaysLeft: number): RenderedMail {
  const ref = documentRef(c.plan);
  const when = workingDaysLeft === 0 ? 'hôm nay là ngày cuối cùng' : workingDaysLeft < 0 ? `đã quá hạn ${-workingDaysLeft} ngày làm việc` : `còn ${workingDaysLeft} ngày làm việc`;
  return layout(
    `[Nhắc hạn – địa chỉ khác] ${reportTitle(c.periodLabel, c.role)} – ${ref} – hạn ${viDate(c.lastDay)}`,
    `Kính gửi: ${nameWithFormer(c)}`,
    [
      `Thư nhắc hạn gửi tới địa chỉ ${failedAddress} của cơ quan, đơn vị bị trả lại, nên được gửi tới địa chỉ này.`,
      `Đề nghị cơ quan, đơn vị gửi báo cáo ${c.periodLabel} thực hiện ${ref}, hạn hết ngày ${viDate(c.lastDay)} (${when}), và báo cho cơ quan thường trực địa chỉ thư đúng của đầu mối.`,
      ...assumedLine(c),
    ],
    [{ heading: 'Nhiệm vụ cần báo cáo:', lines: taskLines(c.tasks) }].filter((b) => b.lines.length > 0),
    c.submitLink ? { label: 'Gửi báo cáo', url: c.submitLink } : null,
  );
}

/** To the standing agency: an escalation waits, because nothing shows the agency was told; fix its contact. */
export function proofMissingMail(c: AgencyMailContext, standingName: string, levels: string[], unreachable: string[], proof: string, agencyPage: string | null): RenderedMail {
  const ref = documentRef(c.plan);
  return layout(
    `[Không liên lạc được] ${nameWithFormer(c)} – ${reportTitle(c.periodLabel, c.role)} – ${ref}`,
    `Kính gửi: ${standingName}`,
    [
      `${nameWithFormer(c)} chưa gửi ${reportTitle(c.periodLabel, c.role).toLowerCase()} (hạn ${viDate(c.lastDay)}), nhưng chưa có thư nào được xác nhận đã đến hộp thư hoặc đã được mở: ${proof}.`,
      `Vì vậy ${levels.join(', ')} tạm dừng cho đến khi có thư đến được cơ quan, đơn vị.`,
      ...(unreachable.length ? [`Địa chỉ bị trả lại: ${unreachable.join(', ')}.`] : []),
      'Đề nghị kiểm tra, sửa địa chỉ liên hệ trong danh bạ cơ quan và gửi lại đường dẫn báo cáo từ trang của cơ quan.',
    ],
    [],
    agencyPage ? { label: 'Xem trang của cơ quan', url: agencyPage } : null,
  );
}

/**
 * The receipt: when the report came in, on time or late, and (when the stored submission is at hand) a
 * copy of it as sent, in the body and as the attached DOCX the activity adds.
 */
export function receiptMail(c: AgencyMailContext, revision: number, submittedAt: string, late: boolean, copy: SubmissionCopy | null = null): RenderedMail {
  const ref = documentRef(c.plan);
  // Fixed +07:00 arithmetic: toLocale*String with a time zone builds an Intl formatter on every call.
  const stamp = viDateTime(submittedAt);
  return layout(
    `[Đã nhận] ${reportTitle(c.periodLabel, c.role)} – ${ref} – ${c.agencyName}${revision > 1 ? ` (lần ${revision})` : ''}`,
    `Kính gửi: ${nameWithFormer(c)}`,
    [
      `Đã nhận báo cáo ${c.periodLabel} thực hiện ${ref} lúc ${stamp}${revision > 1 ? ` (bản cập nhật lần ${revision}; các bản trước vẫn được lưu)` : ''}. ${late ? `Báo cáo gửi sau hạn ${viDate(c.lastDay)} và được ghi nhận là chậm hạn.` : 'Báo cáo được ghi nhận là đúng hạn.'}`,
      ...(copy ? ['Nội dung báo cáo đã gửi ở dưới; bản Word (DOCX) đính kèm thư này.'] : []),
      'Có thể gửi bản cập nhật qua cùng đường dẫn cho đến khi kỳ báo cáo kết thúc.',
    ],
    [],
    c.submitLink ? { label: 'Xem hoặc cập nhật báo cáo', url: c.submitLink } : null,
    undefined,
    copy ? { text: submissionCopyText(copy), html: submissionCopyHtml(copy) } : undefined,
  );
}

export function extensionMail(c: AgencyMailContext, approved: boolean, reason: string): RenderedMail {
  const ref = documentRef(c.plan);
  return layout(
    `[Gia hạn] ${reportTitle(c.periodLabel, c.role)} – ${ref} – ${approved ? `hạn mới ${viDate(c.lastDay)}` : 'không chấp thuận'}`,
    `Kính gửi: ${nameWithFormer(c)}`,
    [
      approved
        ? `Cơ quan thường trực chấp thuận gia hạn báo cáo ${c.periodLabel} đến hết ngày ${viDate(c.lastDay)}. Lý do: ${reason}`
        : `Cơ quan thường trực không chấp thuận đề nghị gia hạn báo cáo ${c.periodLabel}; hạn vẫn là ${viDate(c.lastDay)}. Lý do: ${reason}`,
    ],
    [],
    c.submitLink ? { label: 'Gửi báo cáo', url: c.submitLink } : null,
  );
}

export function exemptionMail(c: AgencyMailContext, reason: string): RenderedMail {
  const ref = documentRef(c.plan);
  return layout(`[Miễn báo cáo] ${reportTitle(c.periodLabel, c.role)} – ${ref} – ${c.agencyName}`, `Kính gửi: ${nameWithFormer(c)}`, [
    `Cơ quan, đơn vị được miễn báo cáo ${c.periodLabel} thực hiện ${ref}. Lý do: ${reason}`,
  ]);
}

/**
 * To the standing agency: an agency asks for more time. The link opens the agency's page, where the
 * officer agrees or refuses; the command line is only the secondary way.
 */
export function extensionRequestMail(c: AgencyMailContext, standingName: string, lastDay: string, reason: string, decide: { page: string; cli: string }): RenderedMail {
  const ref = documentRef(c.plan);
  return layout(
    `[Đề nghị gia hạn] ${nameWithFormer(c)} – ${reportTitle(c.periodLabel, c.role)} – ${ref} – đến ${viDate(lastDay)}`,
    `Kính gửi: ${standingName}`,
    [
      `${nameWithFormer(c)} đề nghị gia hạn báo cáo ${c.periodLabel} thực hiện ${ref} từ hạn ${viDate(c.lastDay)} đến hết ngày ${viDate(lastDay)}. Lý do: ${reason}`,
      'Đề nghị cơ quan thường trực xem xét, chấp thuận hoặc không chấp thuận trên trang của cơ quan, đơn vị (đường dẫn dưới đây).',
    ],
    [],
    { label: 'Xem xét đề nghị gia hạn', url: decide.page },
    `Hoặc trên dòng lệnh: ${decide.cli}`,
  );
}

/**
 * The draft consolidated report to the standing agency: a link to the page where it is reviewed and
 * approved, above the report itself (the HTML body is the report; the banner is only in the email).
 */
export function draftMail(report: { text: string; html: string }, review: { page: string; cli: string }): { text: string; html: string } {
  const lead = 'Dự thảo báo cáo tổng hợp để cơ quan thường trực rà soát, phê duyệt trước khi gửi nơi nhận.';
  const text = [lead, `Rà soát và phê duyệt tại: ${review.page}`, `Hoặc trên dòng lệnh: ${review.cli}`, '', report.text].join('\n');
  const banner = [
    '<div style="font-family:Arial,sans-serif;font-size:11pt;border:1px solid #c9a227;background:#fff8e1;padding:10px 14px;margin:0 0 16px">',
    `<p style="margin:0 0 8px">${esc(lead)}</p>`,
    `<p style="margin:0 0 8px"><a href="${esc(review.page)}" style="display:inline-block;background:#1a4f8b;color:#fff;padding:6px 14px;text-decoration:none;border-radius:3px">Rà soát và phê duyệt dự thảo</a></p>`,
    `<p style="margin:0;font-size:9pt;color:#555">Hoặc trên dòng lệnh: <code>${esc(review.cli)}</code></p>`,
    '</div>',
  ].join('');
  const html = report.html.replace(/(<body[^>]*>)/, `$1\n${banner}`);
  return { text: text.normalize('NFC'), html: html.normalize('NFC') };
}

/** What a catch-up notice stands for: steps whose own mail could not be delivered in their time. */
export interface CatchUp {
  /** dd/mm/yyyy of each replaced step, with what it was. */
  replaced: { day: string; what: string }[];
}

const catchUpLine = (c: CatchUp | null): string[] =>
  c && c.replaced.length
    ? [
        `Thư này thay cho ${c.replaced.length === 1 ? 'thư' : `${c.replaced.length} thư`} ${c.replaced.map((r) => `${r.what} ngày ${r.day}`).join(', ')} chưa gửi được do sự cố hệ thống thư điện tử.`,
      ]
    : [];

/** Prepends the catch-up sentence to a rendered step notice (text and HTML). */
export function withCatchUp(mail: RenderedMail, c: CatchUp | null): RenderedMail {
  const lines = catchUpLine(c);
  if (!lines.length) return mail;
  const line = lines[0]!;
  const text = mail.text.replace(/\n\n/, `\n\n${line}\n\n`);
  const html = mail.html.replace(/(<p>Kính gửi:[^<]*<\/p>)/, `$1\n<p><em>${esc(line)}</em></p>`);
  return { subject: mail.subject.replace(/^\[([^\]]+)\]/, '[$1 – gửi bù]'), text: text.normalize('NFC'), html: html.normalize('NFC') };
}

/** A reminder counted on the day it is issued: "còn N ngày làm việc" is true on that day. */
export function reminderOnDay(c: AgencyMailContext, workingDaysLeft: number): RenderedMail {
  return reminderMail(c, workingDaysLeft);
}

/**
 * Day one: the period is open and its first reminder has passed (the plan started late, or an ad-hoc
 * request): the agency gets its link at once, with the deadline.
 */
export function periodOpenMail(c: AgencyMailContext, workingDaysLeft: number, adhoc: boolean, resent = false): RenderedMail {
  const ref = documentRef(c.plan);
  const when = workingDaysLeft === 0 ? 'hôm nay là ngày cuối cùng' : workingDaysLeft < 0 ? 'đã quá hạn' : `còn ${workingDaysLeft} ngày làm việc`;
  const tag = resent ? 'Gửi lại đường dẫn' : adhoc ? 'Yêu cầu báo cáo' : 'Mở kỳ báo cáo';
  return layout(
    `[${tag}] ${reportTitle(c.periodLabel, c.role)} – ${ref} – hạn ${viDate(c.lastDay)}`,
    `Kính gửi: ${nameWithFormer(c)}`,
    [
      adhoc
        ? `Cơ quan thường trực đề nghị cơ quan, đơn vị gửi báo cáo ${c.periodLabel} thực hiện ${ref}, hạn hết ngày ${viDate(c.lastDay)} (${when}).`
        : `Kỳ báo cáo ${c.periodLabel} thực hiện ${ref} đã mở; hạn gửi báo cáo là hết ngày ${viDate(c.lastDay)} (${when}). Đề nghị gửi báo cáo qua đường dẫn dưới đây.`,
      ...assumedLine(c),
    ],
    [{ heading: 'Nhiệm vụ cần báo cáo:', lines: taskLines(c.tasks) }].filter((b) => b.lines.length > 0),
    c.submitLink ? { label: 'Gửi báo cáo', url: c.submitLink } : null,
  );
}

/** To the standing agency: a notice to an agency could not be delivered; the contact needs checking. */
export function undeliverableMail(c: AgencyMailContext, standingName: string, what: string, since: string, error: string, agencyPage: string | null): RenderedMail {
  const ref = documentRef(c.plan);
  return layout(
    `[Không gửi được thư] ${nameWithFormer(c)} – ${reportTitle(c.periodLabel, c.role)} – ${ref}`,
    `Kính gửi: ${standingName}`,
    [
      `Thư ${what} gửi ${nameWithFormer(c)} (${reportTitle(c.periodLabel, c.role).toLowerCase()}, hạn ${viDate(c.lastDay)}) chưa gửi được từ ${since}. Lỗi: ${error}.`,
      'Hệ thống vẫn tiếp tục thử gửi. Đề nghị kiểm tra địa chỉ thư điện tử của cơ quan, đơn vị và liên hệ trực tiếp nếu cần.',
    ],
    [],
    agencyPage ? { label: 'Xem trang của cơ quan', url: agencyPage } : null,
  );
}
