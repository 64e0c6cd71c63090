/**
 * The agency's submission form, reached through its signed link: its own tasks, the plan's targets,
 * narrative, difficulties, recommendations and attachments. Shows nothing of other agencies.
 */
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../edge/limits.js';
import type { Plan } from '../../plan/schema.js';
import { TASK_STATUSES } from '../../reporting/submissionRules.js';
import type { AgencyStatus } from '../../reporting/types.js';
import { cellKind, cellLabel, periodLabel, taskStatusLabel, viDate, viDateTime } from '../format.js';
import { html, type Html } from '../html.js';
import type { Attachment, FieldErrors, FormModel, FormValues } from '../submissionForm.js';

const COMPARISON: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

/** What the form says about attachments: the edge's limits (src/edge/limits.ts), checked again by content on upload. */
export const ATTACHMENT_RULES = { maxFiles: MAX_ATTACHMENTS, maxBytes: MAX_ATTACHMENT_BYTES, extensions: Object.keys(ATTACHMENT_TYPES) };

export interface PortalView {
  plan: Plan;
  agencyName: string;
  period: string;
  status: AgencyStatus;
  model: FormModel;
  values: FormValues;
  errors: FieldErrors;
  attachments: Attachment[];
  action: string;
  csrf: Html;
  nowMs: number;
}

const errorsFor = (errors: FieldErrors, field: string) => (errors[field] ?? []).map((m) => html`<p class="error" id="err-${field}" role="alert">${m}</p>`);
const invalid = (errors: FieldErrors, field: string) => (errors[field] ? 'invalid' : '');

function textField(v: PortalView, name: string, label: string, hint = ''): Html {
  return html`<label for="${name}">${label}</label>${hint ? html`<div class="small muted">${hint}</div>` : ''}
    <textarea id="${name}" name="${name}" class="${invalid(v.errors, name)}">${v.values[name] ?? ''}</textarea>${errorsFor(v.errors, name)}`;
}

function targetRows(v: PortalView, targets: Plan['targets'], offset: number): Html {
  return html`${targets.map((t, j) => {
    const i = offset + j;
    const f = `target.${i}.value`;
    return html`<div class="task">
      <div>${t.label} <span class="small muted">(chỉ tiêu ${COMPARISON[t.comparison] ?? t.comparison} ${String(t.value).replace('.', ',')} ${t.unit}, năm ${t.year})</span></div>
      <div class="row">
        <div>
          <label for="${f}">Giá trị đạt được (${t.unit})</label
          ><input type="text" inputmode="decimal" id="${f}" name="${f}" value="${v.values[f] ?? ''}" class="${invalid(v.errors, f)}" />${errorsFor(v.errors, f)}
        </div>
        <div>
          <label for="target.${i}.note">Ghi chú</label
          ><input type="text" id="target.${i}.note" name="target.${i}.note" value="${v.values[`target.${i}.note`] ?? ''}" />${errorsFor(v.errors, `target.${i}.note`)}
        </div>
      </div>
    </div>`;
  })}`;
}

export function portalPage(v: PortalView): Html {
  const s = v.status;
  const kind = cellKind(s, v.nowMs);
  const formErrors = v.errors._form ?? [];
  const anyErrors = Object.keys(v.errors).length > 0;
  return html`<p><strong>${v.agencyName}</strong> · ${periodLabel(v.period)} · ${v.plan.document.number ?? ''} ${v.plan.document.title}</p>
    <section class="card">
      <p>
        Tình trạng: <span class="cell inline-block ${kind}">${cellLabel[kind]}</span> · Hạn nộp: <strong>${viDate(s.lastDay)}</strong> (hết ${viDateTime(s.dueAt)})
        ${s.revisions ? html` · đã nộp ${s.revisions} lần, gần nhất ${viDateTime(s.lastSubmittedAt ?? s.submittedAt!)}. Nộp lại để bổ sung, sửa đổi (một lần nộp mới).` : ''}
      </p>
      ${s.closed ? html`<p class="note">Kỳ báo cáo đã đóng: không nhận thêm báo cáo qua đường liên kết này.</p>` : ''}
    </section>
    ${
      s.closed
        ? ''
        : html` ${anyErrors ? html`<div class="errors" role="alert"><strong>Báo cáo chưa được ghi nhận.</strong> Vui lòng sửa các mục được đánh dấu.${formErrors.map((m) => html`<div>${m}</div>`)}</div>` : ''}
            <form method="post" action="${v.action}" enctype="multipart/form-data" novalidate>
              ${v.csrf}
              <section class="card">
                <h2>Kết quả thực hiện nhiệm vụ</h2>
                ${v.model.tasks.length === 0 ? html`<p class="muted">Đơn vị không có nhiệm vụ riêng trong kế hoạch.</p>` : ''}
                ${v.model.tasks.map((t, i) => {
                  const st = `task.${i}.status`;
                  const pr = `task.${i}.progress`;
                  const re = `task.${i}.result`;
                  return html`<div class="task">
                    <div>
                      ${t.task.section ? html`<strong>${t.task.section}.</strong> ` : ''}${t.task.text}
                      <span class="small muted">(${t.role === 'lead' ? 'chủ trì' : 'phối hợp'}${t.task.timing ? `; thời gian: ${t.task.timing}` : ''})</span>
                    </div>
                    <div class="row">
                      <div>
                        <label for="${st}">Tình trạng</label
                        ><select id="${st}" name="${st}" class="${invalid(v.errors, st)}">
                          <option value="">— chưa báo cáo kỳ này —</option>
                          ${TASK_STATUSES.map((x) => html`<option value="${x}" ${v.values[st] === x ? 'selected' : ''}>${taskStatusLabel[x]}</option>`)}</select
                        >${errorsFor(v.errors, st)}
                      </div>
                      <div>
                        <label for="${pr}">Tiến độ (%)</label
                        ><input
                          type="number"
                          min="0"
                          max="100"
                          step="any"
                          id="${pr}"
                          name="${pr}"
                          value="${v.values[pr] ?? ''}"
                          class="${invalid(v.errors, pr)}"
                        />${errorsFor(v.errors, pr)}
                      </div>
                    </div>
                    <label for="${re}">Kết quả</label><textarea id="${re}" name="${re}" class="${invalid(v.errors, re)}">${v.values[re] ?? ''}</textarea>${errorsFor(v.errors, re)}
                  </div>`;
                })}
              </section>
              <section class="card">
                <h2>Chỉ tiêu</h2>
                ${v.model.ownTargets.length ? targetRows(v, v.model.ownTargets, 0) : html`<p class="small muted">Kế hoạch không giao đơn vị báo cáo số liệu chỉ tiêu; có thể cung cấp nếu có.</p>`}
                ${
                  v.model.otherTargets.length
                    ? html`<details ${v.model.otherTargets.some((_, j) => v.values[`target.${v.model.ownTargets.length + j}.value`]) || anyErrors ? 'open' : ''}>
                        <summary>Các chỉ tiêu khác của kế hoạch (không bắt buộc)</summary>
                        ${targetRows(v, v.model.otherTargets, v.model.ownTargets.length)}
                      </details>`
                    : ''
                }
              </section>
              <section class="card">
                <h2>Đánh giá chung</h2>
                ${textField(v, 'narrative', 'Kết quả thực hiện chung')} ${textField(v, 'difficulties', 'Khó khăn, vướng mắc')}
                ${textField(v, 'recommendations', 'Kiến nghị, đề xuất')}
              </section>
              <section class="card">
                <h2>Tệp đính kèm</h2>
                ${
                  v.attachments.length
                    ? html`<p class="small">Tệp đã có (bỏ chọn để không gửi kèm lần này):</p>
                        ${v.attachments.map((a) => html`<label class="small plain"><input type="checkbox" name="keep" value="${JSON.stringify(a)}" checked /> ${a.name} (${Math.ceil(a.size / 1024)} KB)</label>`)}`
                    : ''
                }
                <label for="attachments">Thêm tệp</label
                ><input type="file" id="attachments" name="attachments" multiple accept="${ATTACHMENT_RULES.extensions.map((e) => `.${e}`).join(',')}" />
                <div class="small muted">
                  Tối đa ${ATTACHMENT_RULES.maxFiles} tệp, mỗi tệp không quá ${ATTACHMENT_RULES.maxBytes / 1024 / 1024} MB; định dạng ${ATTACHMENT_RULES.extensions.join(', ')}.
                </div>
                ${errorsFor(v.errors, 'attachments')}
              </section>
              <section class="card">
                <h2>Người báo cáo</h2>
                <div class="row">
                  <div>
                    <label for="submitterName">Họ và tên</label
                    ><input type="text" id="submitterName" name="submitterName" value="${v.values.submitterName ?? ''}" />${errorsFor(v.errors, 'submitterName')}
                  </div>
                  <div>
                    <label for="submitterEmail">Thư điện tử</label
                    ><input
                      type="email"
                      id="submitterEmail"
                      name="submitterEmail"
                      value="${v.values.submitterEmail ?? ''}"
                      class="${invalid(v.errors, 'submitterEmail')}"
                    />${errorsFor(v.errors, 'submitterEmail')}
                  </div>
                </div>
                <p><button type="submit">Gửi báo cáo</button></p>
              </section>
            </form>`
    }`;
}

export function confirmationPage(agencyName: string, period: string, revision: number, submittedAt: string, late: boolean, back: string): Html {
  return html`<section class="card">
    <p class="ok" role="status">
      Đã nhận báo cáo ${periodLabel(period)} của <strong>${agencyName}</strong> (lần ${revision}) lúc ${viDateTime(submittedAt)}${late ? ', sau hạn' : ''}.
    </p>
    <p>Thư xác nhận đã được gửi tới đầu mối của đơn vị. Có thể dùng lại đường liên kết trong thư để bổ sung, sửa đổi báo cáo cho đến khi kỳ báo cáo đóng.</p>
    <p><a href="${back}">Xem lại hoặc nộp bổ sung</a></p>
  </section>`;
}

export function extensionForm(action: string, csrf: Html, error: string | null): Html {
  return html`<section class="card">
    <h2>Đề nghị gia hạn</h2>
    ${error ? html`<p class="errors" role="alert">${error}</p>` : ''}
    <form method="post" action="${action}">
      ${csrf}
      <div class="row">
        <div><label for="ext-lastDay">Xin gia hạn đến ngày</label><input type="text" id="ext-lastDay" name="lastDay" placeholder="dd/mm/yyyy" required /></div>
        <div><label for="ext-reason">Lý do</label><input type="text" id="ext-reason" name="reason" required /></div>
      </div>
      <p><button class="secondary" type="submit">Gửi đề nghị gia hạn</button></p>
    </form>
  </section>`;
}
