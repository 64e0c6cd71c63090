/** The standing agency's pages: plans at a glance, a plan's period × agency grid, an agency's detail. */
import type { CycleState } from '../../../workflows/cycleWorkflow.js';
import { adhocCandidates, EVER, holderTasks } from '../../directory/resolve.js';
import { dayOf } from '../../calendar/isoDate.js';
import { dutyHolder } from '../../reporting/obligations.js';
import type { Plan } from '../../plan/schema.js';
import type { AgencyStatus, SubmissionRecord } from '../../reporting/types.js';
import { countPeriod, type PlanOverview } from '../dashboardData.js';
import { messagesSection, submissionsSection, type MessageRow } from './agency.js';
import { cellKind, cellLabel, escalationLabel, periodLabel, phaseLabel, viDate, viDateTime } from '../format.js';
import { html, type Html } from '../html.js';
import { completenessChart } from './chart.js';
import { REPORT_FORMATS } from '../../consolidation/documents.js';
import { unreachableCard, unreachableCellNote } from './unreachable.js';

/** The grid's colours, reused: reached in green, on the way in yellow, refused in red. */
const nameOf = (plan: Plan, id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
const planTitle = (plan: Plan) => `${plan.document.number ?? '(chưa có số)'} – ${plan.document.issuer}`;

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
  return html`<td data-agency="${s.agencyId}" data-period="${period}">
    <a class="cell ${kind}" href="/plans/${plan.id}/periods/${period}/agencies/${s.agencyId}">${cellLabel[kind]}${extra}${s.extensionRequest ? ' · xin gia hạn' : ''}</a
    >${unreachableCellNote(s)}
  </td>`;
}

/** After a reorganisation the duty has passed to a successor: both names are shown (as in every email and report). */
function successorNote(plan: Plan, id: string, cycles: CycleState[]): Html {
  const latest = cycles.at(-1);
  const day = latest?.agencies.find((a) => a.agencyId === id)?.lastDay ?? latest?.standing?.lastDay;
  const holder = day ? dutyHolder(plan, id, day) : id;
  return holder === id ? html`` : html`<div class="small muted">nay: ${nameOf(plan, holder)}</div>`;
}

/** What a refused form had in it: shown again, so nothing typed is lost (field → values). */
export type Typed = Record<string, string[]>;
const typed1 = (t: Typed | undefined, name: string) => t?.[name]?.[0] ?? '';

export function planPage(plan: Plan, overview: PlanOverview, cycles: CycleState[], csrf: Html, nowMs: number, typed?: Typed, canAct = true): Html {
  const agencyIds = plan.agencies.map((a) => a.id).filter((id) => cycles.some((c) => c.agencies.some((a) => a.agencyId === id)));
  const stats = cycles.map((c) => ({ cycle: c, ...countPeriod(c.agencies, nowMs) }));
  // Agencies merged away by today are not offered: their successors are (src/directory/resolve.ts).
  const reporters = adhocCandidates(plan, dayOf(nowMs));
  return html`<p class="muted">${plan.document.title}</p>
    ${overview.assumptions.map((a) => html`<p class="note">Hạn giả định (văn bản không nêu): ${a.note}</p>`)}
    ${overview.calendarNotices.map((n) => html`<p class="note">Lịch nghỉ ước tính: ${n.message}</p>`)}
    ${
      cycles.length === 0
        ? html`<p>
            Chưa mở kỳ báo cáo nào.${overview.nextCycle ? html` Kỳ tiếp theo: ${periodLabel(overview.nextCycle.period)}, mở ngày ${viDateTime(overview.nextCycle.opensAt)}.` : ''}
          </p>`
        : html` <section class="card">
              <h2>Tình hình báo cáo theo kỳ</h2>
              <table class="grid">
                <thead>
                  <tr>
                    <th>Cơ quan, đơn vị</th>
                    ${cycles.map((c) => html`<th>${periodLabel(c.period)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${agencyIds.map(
                    (id) =>
                      html`<tr>
                        <th scope="row">${nameOf(plan, id)}${successorNote(plan, id, cycles)}</th>
                        ${cycles.map((c) =>
                          cell(
                            plan,
                            c.period,
                            c.agencies.find((a) => a.agencyId === id),
                            nowMs,
                          ),
                        )}
                      </tr>`,
                  )}
                  <tr>
                    <th scope="row">${nameOf(plan, plan.standingAgency)}${successorNote(plan, plan.standingAgency, cycles)} <span class="small muted">(báo cáo tổng hợp)</span></th>
                    ${cycles.map((c) => cell(plan, c.period, c.standing ?? undefined, nowMs))}
                  </tr>
                </tbody>
                <tfoot>
                  <tr>
                    <th>Đã nộp đúng hạn / nộp muộn</th>
                    ${stats.map((s) => html`<td class="num">${s.counts.ontime} / ${s.counts.late}</td>`)}
                  </tr>
                  <tr>
                    <th>Quá hạn / sắp đến hạn</th>
                    ${stats.map((s) => html`<td class="num">${s.counts.overdue} / ${s.counts['due-soon']}</td>`)}
                  </tr>
                  <tr>
                    <th>Miễn báo cáo</th>
                    ${stats.map((s) => html`<td class="num">${s.counts.exempted}</td>`)}
                  </tr>
                  <tr>
                    <th>Tỷ lệ đầy đủ</th>
                    ${stats.map((s) => html`<td class="num">${pct(s.completeness)}</td>`)}
                  </tr>
                  <tr>
                    <th>Tỷ lệ đúng hạn</th>
                    ${stats.map((s) => html`<td class="num">${pct(s.timeliness)}</td>`)}
                  </tr>
                </tfoot>
              </table>
              <h2>Tỷ lệ báo cáo qua các kỳ</h2>
              ${completenessChart(stats.map((s) => ({ label: s.cycle.period, completeness: s.completeness, timeliness: s.timeliness })))}
            </section>
            <section class="card">
              <h2>Báo cáo tổng hợp</h2>
              <table>
                <thead>
                  <tr>
                    <th>Kỳ</th>
                    <th>Tình trạng</th>
                    <th>Tệp</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${cycles.map(
                    (c) =>
                      html`<tr>
                        <td>${periodLabel(c.period)}</td>
                        <td>
                          ${phaseLabel[c.phase]}${c.draft ? html`<div class="small">Dự thảo: ${viDateTime(c.draft.at)}</div>` : ''}${c.sent ? html`<div class="small">Đã gửi: ${viDateTime(c.sent.at)}</div>` : ''}
                        </td>
                        <td>
                          ${c.draft || c.sent ? REPORT_FORMATS.map((f) => html`<a href="/api/plans/${plan.id}/periods/${c.period}/report.${f}">${f.toUpperCase()}</a> `) : html`<span class="muted">chưa có</span>`}
                        </td>
                        <td><a href="/plans/${plan.id}/periods/${c.period}">${c.phase === 'draft-sent' ? 'Xem, sửa và duyệt dự thảo…' : 'Xem báo cáo kỳ này'}</a></td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </section>`
    }
    <p><a href="/plans/${plan.id}/grid.xlsx">Tải bảng tình hình báo cáo (XLSX)</a></p>
    ${
      canAct
        ? html`<section class="card">
            <h2>Yêu cầu báo cáo đột xuất</h2>
            <form method="post" action="/plans/${plan.id}/adhoc">
              ${csrf} <label for="subject">Nội dung yêu cầu</label><input type="text" id="subject" name="subject" required value="${typed1(typed, 'subject')}" />
              <label for="lastDay">Hạn nộp</label
              ><input type="text" id="lastDay" name="lastDay" placeholder="dd/mm/yyyy" required class="date" value="${typed1(typed, 'lastDay')}" />
              <fieldset>
                <legend>Cơ quan, đơn vị</legend>
                ${reporters.map((a) => html`<label class="small plain"><input type="checkbox" name="agencyIds" value="${a.id}" ${typed?.agencyIds?.includes(a.id) ? 'checked' : ''} /> ${a.name}</label>`)}
              </fieldset>
              <p><button type="submit">Gửi yêu cầu</button></p>
            </form>
          </section>`
        : ''
    }`;
}

export function agencyPage(
  plan: Plan,
  period: string,
  status: AgencyStatus,
  submissions: SubmissionRecord[],
  mails: MessageRow[],
  csrf: Html,
  nowMs: number,
  extras: { link?: Html; typed?: Typed; canAct?: boolean } = {},
): Html {
  const typed = extras.typed;
  const canAct = extras.canAct ?? true;
  const kind = cellKind(status, nowMs);
  const base = `/plans/${plan.id}/periods/${period}/agencies/${status.agencyId}`;
  return html`<p><a href="/plans/${plan.id}">← ${planTitle(plan)}</a> · ${periodLabel(period)}</p>
    <section class="card">
      <p>
        <span class="cell inline-block ${kind}">${cellLabel[kind]}</span> Hạn: <strong>${viDate(status.lastDay)}</strong> (hết
        ${viDateTime(status.dueAt)})${status.escalationLevel ? html` · ${escalationLabel[status.escalationLevel]}` : ''}
        ${status.submittedAt ? html` · nộp lúc ${viDateTime(status.submittedAt)}, ${status.revisions} lần` : ''}
      </p>
      ${status.exemption ? html`<p class="note">Miễn báo cáo: ${status.exemption.reason} (${viDateTime(status.exemption.at)})</p>` : ''}
      ${status.extensions.map((e) => html`<p class="small">${e.approved ? `Đã gia hạn đến ${viDate(e.lastDay)}` : 'Từ chối gia hạn'}: ${e.reason} (${viDateTime(e.at)})</p>`)}
      ${status.extensionRequest ? html`<p class="note">Đơn vị đề nghị gia hạn đến <strong>${viDate(status.extensionRequest.lastDay)}</strong>: ${status.extensionRequest.reason}</p>` : ''}
    </section>
    ${unreachableCard(status, base)} ${extras.link ?? ''}
    ${
      !canAct || status.closed || status.role === 'standing' || (status.state !== 'pending' && status.state !== 'overdue')
        ? ''
        : html`<section class="card">
            <h2>Xử lý</h2>
            <div class="row">
              <form method="post" action="${base}/extension">
                ${csrf}<label for="ext-lastDay">Gia hạn đến ngày</label>
                <input
                  type="text"
                  id="ext-lastDay"
                  name="lastDay"
                  placeholder="dd/mm/yyyy"
                  value="${typed?.form?.[0] === 'extension' ? typed1(typed, 'lastDay') : status.extensionRequest ? viDate(status.extensionRequest.lastDay) : ''}"
                />
                <label for="ext-reason">Lý do</label
                ><input type="text" id="ext-reason" name="reason" required value="${typed?.form?.[0] === 'extension' ? typed1(typed, 'reason') : ''}" />
                <p>
                  <button type="submit" name="decision" value="approve">Đồng ý gia hạn</button>
                  <button class="secondary" type="submit" name="decision" value="refuse">Từ chối</button>
                </p>
              </form>
              <form method="post" action="${base}/exemption">
                ${csrf}<label for="ex-reason">Lý do miễn báo cáo kỳ này</label>
                <input type="text" id="ex-reason" name="reason" required value="${typed?.form?.[0] === 'exemption' ? typed1(typed, 'reason') : ''}" />
                <p><button class="secondary" type="submit">Miễn báo cáo</button></p>
              </form>
            </div>
          </section>`
    }
    <section class="card">
      <h2>Nhiệm vụ được giao</h2>
      ${
        holderTasks(plan, status.agencyId, EVER).length === 0
          ? html`<p class="muted">Không có nhiệm vụ riêng.</p>`
          : html`<ul>
              ${holderTasks(plan, status.agencyId, EVER).map((t) => html`<li>${t.task.section ? `${t.task.section}. ` : ''}${t.task.text} <span class="small muted">(${t.role === 'lead' ? 'chủ trì' : 'phối hợp'})</span></li>`)}
            </ul>`
      }
    </section>
    ${submissionsSection(plan, submissions)} ${messagesSection(mails)}`;
}
