/** The standing agency's pages: plans at a glance, a plan's period × agency grid, an agency's detail. */
import type { CycleState } from '../../../workflows/cycleWorkflow.js';
import { tasksOf } from '../../plan/normalise.js';
import { dutyHolder } from '../../reporting/obligations.js';
import type { Plan } from '../../plan/schema.js';
import type { AgencyStatus, SubmissionRecord } from '../../reporting/types.js';
import { countPeriod, nextDeadline, type PlanOverview, type SentMailEntry } from '../dashboardData.js';
import { cellKind, cellLabel, escalationLabel, periodLabel, phaseLabel, taskStatusLabel, viDate, viDateTime } from '../format.js';
import { html, type Html } from '../html.js';
import { completenessChart } from './chart.js';
import { REPORT_FORMATS } from '../../consolidation/documents.js';

const nameOf = (plan: Plan, id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
const planTitle = (plan: Plan) => `${plan.document.number ?? '(chưa có số)'} – ${plan.document.issuer}`;

export function plansPage(rows: { plan: Plan; overview: PlanOverview | null; ended?: boolean }[], nowMs: number): Html {
  return html`<table><thead><tr><th>Kế hoạch</th><th>Kỳ đang theo dõi</th><th>Hạn gần nhất</th><th>Tình trạng</th></tr></thead><tbody>
  ${rows.map(({ plan, overview, ended }) => {
    const latest = overview?.cycles.at(-1);
    const counts = latest ? countPeriod(latest.agencies, nowMs) : null;
    const due = overview ? nextDeadline(overview) : null;
    return html`<tr><td><a href="/plans/${plan.id}">${planTitle(plan)}</a><div class="small muted">${plan.document.title}</div>
      ${overview?.assumptions.length ? html`<div class="note small">Hạn giả định: ${overview.assumptions.map((a) => a.note).join(' ')}</div>` : ''}</td>
      <td>${latest ? periodLabel(latest.period) : html`<span class="muted">chưa mở kỳ nào</span>`}</td>
      <td>${due ? viDateTime(due) : '–'}</td>
      <td>${overview === null && ended ? html`<span class="muted">Đã kết thúc – không gửi</span>` : overview === null ? html`<span class="muted">chưa khởi chạy</span>` : latest ? html`${phaseLabel[latest.phase]}<div class="small">${counts!.counts.ontime + counts!.counts.late}/${counts!.total - counts!.counts.exempted} đã nộp${counts!.counts.overdue ? html`, <strong>${counts!.counts.overdue} quá hạn</strong>` : ''}</div>` : overview.dispatched ? 'Đã gửi kế hoạch' : 'Chưa gửi kế hoạch'}</td></tr>`;
  })}</tbody></table>`;
}

function cell(plan: Plan, period: string, s: AgencyStatus | undefined, nowMs: number): Html {
  if (!s) return html`<td class="muted small">—</td>`;
  const kind = cellKind(s, nowMs);
  const extra =
    kind === 'overdue' && s.escalationLevel
      ? ` (${escalationLabel[s.escalationLevel]})`
      : kind === 'ontime' || kind === 'late'
        ? ` ${viDate(s.submittedAt!.slice(0, 10))}${s.revisions > 1 ? `, ${s.revisions} lần` : ''}`
        : kind === 'due-soon' || kind === 'pending'
          ? ` – hạn ${viDate(s.lastDay)}`
          : '';
  return html`<td data-agency="${s.agencyId}" data-period="${period}"><a class="cell ${kind}" href="/plans/${plan.id}/periods/${period}/agencies/${s.agencyId}">${cellLabel[kind]}${extra}${s.extensionRequest ? ' · xin gia hạn' : ''}</a></td>`;
}

/** After a reorganisation the duty has passed to a successor: both names are shown (as in every email and report). */
function successorNote(plan: Plan, id: string, cycles: CycleState[]): Html {
  const latest = cycles.at(-1);
  const day = latest?.agencies.find((a) => a.agencyId === id)?.lastDay ?? latest?.standing?.lastDay;
  const holder = day ? dutyHolder(plan, id, day) : id;
  return holder === id ? html`` : html`<div class="small muted">nay: ${nameOf(plan, holder)}</div>`;
}

export function planPage(plan: Plan, overview: PlanOverview, cycles: CycleState[], csrf: Html, nowMs: number): Html {
  const agencyIds = plan.agencies.map((a) => a.id).filter((id) => cycles.some((c) => c.agencies.some((a) => a.agencyId === id)));
  const stats = cycles.map((c) => ({ cycle: c, ...countPeriod(c.agencies, nowMs) }));
  const reporters = plan.agencies.filter((a) => a.id !== plan.standingAgency);
  return html`<p class="muted">${plan.document.title}</p>
  ${overview.assumptions.map((a) => html`<p class="note">Hạn giả định (văn bản không nêu): ${a.note}</p>`)}
  ${overview.calendarNotices.map((n) => html`<p class="note">Lịch nghỉ ước tính: ${n.message}</p>`)}
  ${cycles.length === 0 ? html`<p>Chưa mở kỳ báo cáo nào.${overview.nextCycle ? html` Kỳ tiếp theo: ${periodLabel(overview.nextCycle.period)}, mở ngày ${viDateTime(overview.nextCycle.opensAt)}.` : ''}</p>` : html`
  <section class="card"><h2>Tình hình báo cáo theo kỳ</h2>
  <table class="grid"><thead><tr><th>Cơ quan, đơn vị</th>${cycles.map((c) => html`<th>${periodLabel(c.period)}</th>`)}</tr></thead><tbody>
  ${agencyIds.map((id) => html`<tr><th scope="row">${nameOf(plan, id)}${successorNote(plan, id, cycles)}</th>${cycles.map((c) => cell(plan, c.period, c.agencies.find((a) => a.agencyId === id), nowMs))}</tr>`)}
  <tr><th scope="row">${nameOf(plan, plan.standingAgency)}${successorNote(plan, plan.standingAgency, cycles)} <span class="small muted">(báo cáo tổng hợp)</span></th>${cycles.map((c) => cell(plan, c.period, c.standing ?? undefined, nowMs))}</tr>
  </tbody><tfoot>
  <tr><th>Đã nộp đúng hạn / nộp muộn</th>${stats.map((s) => html`<td class="num">${s.counts.ontime} / ${s.counts.late}</td>`)}</tr>
  <tr><th>Quá hạn / sắp đến hạn</th>${stats.map((s) => html`<td class="num">${s.counts.overdue} / ${s.counts['due-soon']}</td>`)}</tr>
  <tr><th>Miễn báo cáo</th>${stats.map((s) => html`<td class="num">${s.counts.exempted}</td>`)}</tr>
  <tr><th>Tỷ lệ đầy đủ</th>${stats.map((s) => html`<td class="num">${pct(s.completeness)}</td>`)}</tr>
  <tr><th>Tỷ lệ đúng hạn</th>${stats.map((s) => html`<td class="num">${pct(s.timeliness)}</td>`)}</tr>
  </tfoot></table>
  <h2>Tỷ lệ báo cáo qua các kỳ</h2>
  ${completenessChart(stats.map((s) => ({ label: s.cycle.period, completeness: s.completeness, timeliness: s.timeliness })))}
  </section>
  <section class="card"><h2>Báo cáo tổng hợp</h2><table><thead><tr><th>Kỳ</th><th>Tình trạng</th><th>Tệp</th><th></th></tr></thead><tbody>
  ${cycles.map((c) => html`<tr><td>${periodLabel(c.period)}</td><td>${phaseLabel[c.phase]}${c.draft ? html`<div class="small">Dự thảo: ${viDateTime(c.draft.at)}</div>` : ''}${c.sent ? html`<div class="small">Đã gửi: ${viDateTime(c.sent.at)}</div>` : ''}</td>
    <td>${c.draft || c.sent ? REPORT_FORMATS.map((f) => html`<a href="/api/plans/${plan.id}/periods/${c.period}/report.${f}">${f.toUpperCase()}</a> `) : html`<span class="muted">chưa có</span>`}</td>
    <td>${c.phase === 'draft-sent' ? html`<form method="post" action="/plans/${plan.id}/periods/${c.period}/approve">${csrf}<button type="submit">Duyệt và gửi báo cáo tổng hợp</button></form>` : ''}</td></tr>`)}
  </tbody></table></section>`}
  <section class="card"><h2>Yêu cầu báo cáo đột xuất</h2>
  <form method="post" action="/plans/${plan.id}/adhoc">${csrf}
    <label for="subject">Nội dung yêu cầu</label><input type="text" id="subject" name="subject" required>
    <label for="lastDay">Hạn nộp</label><input type="text" id="lastDay" name="lastDay" placeholder="dd/mm/yyyy" required class="date">
    <fieldset><legend>Cơ quan, đơn vị</legend>${reporters.map((a) => html`<label class="small plain"><input type="checkbox" name="agencyIds" value="${a.id}"> ${a.name}</label>`)}</fieldset>
    <p><button type="submit">Gửi yêu cầu</button></p></form></section>`;
}

export function agencyPage(
  plan: Plan,
  period: string,
  status: AgencyStatus,
  submissions: SubmissionRecord[],
  mails: SentMailEntry[],
  csrf: Html,
  nowMs: number,
): Html {
  const kind = cellKind(status, nowMs);
  const base = `/plans/${plan.id}/periods/${period}/agencies/${status.agencyId}`;
  const targetLabel = (id: string) => plan.targets.find((t) => t.id === id);
  return html`<p><a href="/plans/${plan.id}">← ${planTitle(plan)}</a> · ${periodLabel(period)}</p>
  <section class="card"><p><span class="cell inline-block ${kind}">${cellLabel[kind]}</span>
    Hạn: <strong>${viDate(status.lastDay)}</strong> (hết ${viDateTime(status.dueAt)})${status.escalationLevel ? html` · ${escalationLabel[status.escalationLevel]}` : ''}
    ${status.submittedAt ? html` · nộp lúc ${viDateTime(status.submittedAt)}, ${status.revisions} lần` : ''}</p>
    ${status.exemption ? html`<p class="note">Miễn báo cáo: ${status.exemption.reason} (${viDateTime(status.exemption.at)})</p>` : ''}
    ${status.extensions.map((e) => html`<p class="small">${e.approved ? `Đã gia hạn đến ${viDate(e.lastDay)}` : 'Từ chối gia hạn'}: ${e.reason} (${viDateTime(e.at)})</p>`)}
    ${status.extensionRequest ? html`<p class="note">Đơn vị đề nghị gia hạn đến <strong>${viDate(status.extensionRequest.lastDay)}</strong>: ${status.extensionRequest.reason}</p>` : ''}
  </section>
  ${status.closed || status.role === 'standing' || (status.state !== 'pending' && status.state !== 'overdue') ? '' : html`<section class="card"><h2>Xử lý</h2><div class="row">
    <form method="post" action="${base}/extension">${csrf}<label for="ext-lastDay">Gia hạn đến ngày</label>
      <input type="text" id="ext-lastDay" name="lastDay" placeholder="dd/mm/yyyy" value="${status.extensionRequest ? viDate(status.extensionRequest.lastDay) : ''}">
      <label for="ext-reason">Lý do</label><input type="text" id="ext-reason" name="reason" required>
      <p><button type="submit" name="decision" value="approve">Đồng ý gia hạn</button> <button class="secondary" type="submit" name="decision" value="refuse">Từ chối</button></p></form>
    <form method="post" action="${base}/exemption">${csrf}<label for="ex-reason">Lý do miễn báo cáo kỳ này</label>
      <input type="text" id="ex-reason" name="reason" required><p><button class="secondary" type="submit">Miễn báo cáo</button></p></form>
  </div></section>`}
  <section class="card"><h2>Nhiệm vụ được giao</h2>${tasksOf(plan, status.agencyId).length === 0 ? html`<p class="muted">Không có nhiệm vụ riêng.</p>` : html`<ul>${tasksOf(plan, status.agencyId).map((t) => html`<li>${t.task.section ? `${t.task.section}. ` : ''}${t.task.text} <span class="small muted">(${t.role === 'lead' ? 'chủ trì' : 'phối hợp'})</span></li>`)}</ul>`}</section>
  <section class="card"><h2>Báo cáo đã nộp</h2>${submissions.length === 0 ? html`<p class="muted">Chưa có.</p>` : [...submissions].reverse().map((s) => html`<details ${s === submissions.at(-1) ? 'open' : ''}><summary>Lần ${s.revision}: ${viDateTime(s.submittedAt)}${s.late ? ' (muộn)' : ''}${s.payload.submittedBy?.name ? ` – ${s.payload.submittedBy.name}` : ''}</summary>
    <table><tbody>${s.payload.tasks.map((t) => html`<tr><td>${t.taskId}</td><td>${taskStatusLabel[t.status] ?? t.status}${t.progress !== undefined ? ` · ${t.progress}%` : ''}</td><td>${t.result}</td></tr>`)}
    ${s.payload.targets.map((t) => html`<tr><td>${t.targetId}</td><td>${t.value} ${targetLabel(t.targetId)?.unit ?? ''}</td><td>${targetLabel(t.targetId)?.label ?? ''}${t.note ? ` – ${t.note}` : ''}</td></tr>`)}</tbody></table>
    <p><strong>Kết quả chung:</strong> ${s.payload.narrative}</p><p><strong>Khó khăn, vướng mắc:</strong> ${s.payload.difficulties}</p><p><strong>Kiến nghị, đề xuất:</strong> ${s.payload.recommendations}</p>
    ${s.payload.attachments.length ? html`<p><strong>Tệp đính kèm:</strong> ${s.payload.attachments.map((a) => html`<a href="/files/${a.sha256}?name=${encodeURIComponent(a.name)}">${a.name}</a> (${Math.ceil(a.size / 1024)} KB) `)}</p>` : ''}</details>`)}</section>
  <section class="card"><h2>Thư đã gửi</h2>${mails.length === 0 ? html`<p class="muted">Chưa có.</p>` : html`<table><thead><tr><th>Thời điểm</th><th>Người nhận</th><th>Tiêu đề</th></tr></thead><tbody>${mails.map((m) => html`<tr><td>${viDateTime(m.at)}</td><td class="small">${m.to.join(', ')}</td><td>${m.subject}</td></tr>`)}</tbody></table>`}</section>`;
}
