/**
 * A period's consolidated report: the draft and its files, an edited Word file uploaded over it, and the
 * approval as a step of its own: the page says what will be sent, to whom, with which files, and only the
 * confirmation button sends.
 */
import type { CycleState } from '../../../workflows/cycleWorkflow.js';
import { REPORT_FORMATS } from '../../consolidation/documents.js';
import type { ReportVersion } from '../../db/reportVersions.js';
import type { Plan } from '../../plan/schema.js';
import type { ApprovalPreview } from '../approvalPreview.js';
import { periodLabel, phaseLabel, viDateTime } from '../format.js';
import { html, type Html } from '../html.js';

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024)).toLocaleString('vi-VN')} KB`;
const fileLink = (v: ReportVersion) => html`<a href="/files/${v.sha256}?name=${encodeURIComponent(v.name)}">${v.name}</a>`;

export interface ReportPageInput {
  plan: Plan;
  state: CycleState;
  versions: ReportVersion[];
  preview: ApprovalPreview;
  csrf: Html;
  canAct: boolean;
  /** The confirmation step is open (after "Duyệt và gửi…"). */
  confirming: boolean;
  typed?: { note?: string };
  /** The workflow attaches the edited DOCX in place of its own (service/approval.ts). */
  editedIsSent: boolean;
}

export function reportPage(i: ReportPageInput): Html {
  const { plan, state, versions, preview, csrf } = i;
  const base = `/plans/${plan.id}/periods/${state.period}`;
  const edited = versions.at(-1) ?? null;
  const approvedEdit = versions.find((v) => v.approvedAt) ?? null;
  const sentEdited = state.sent?.docxId ? versions.find((v) => v.sha256 === state.sent!.docxId) : undefined;
  return html`<p><a href="/plans/${plan.id}">← ${plan.document.number ?? '(chưa có số)'} – ${plan.document.issuer}</a> · ${periodLabel(state.period)}</p>
    <section class="card">
      <p>
        <strong>${phaseLabel[state.phase]}</strong
        >${state.draft ? html` · dự thảo lập lúc ${viDateTime(state.draft.at)}` : ''}${state.sent ? html` · đã gửi lúc ${viDateTime(state.sent.at)}` : ''}
      </p>
      ${state.approval ? html`<p class="small">Phê duyệt: ${state.approval.by ?? '–'}, ${viDateTime(state.approval.at)}${state.approval.note ? html` – ${state.approval.note}` : ''}</p>` : ''}
      ${state.draft ? html`<p>Dự thảo do hệ thống lập: ${REPORT_FORMATS.map((f) => html`<a href="/api/plans/${plan.id}/periods/${state.period}/report.${f}?source=draft">${f.toUpperCase()}</a> `)}</p>` : html`<p class="muted">Chưa có dự thảo: dự thảo được lập khi mọi đơn vị đã báo cáo hoặc lúc ${viDateTime(state.cycle.draftAt)}.</p>`}
      ${
        state.sent
          ? html`<p>
              Bản đã gửi: ${REPORT_FORMATS.map((f) => html`<a href="/api/plans/${plan.id}/periods/${state.period}/report.${f}?source=sent">${f.toUpperCase()}</a> `)}
              <span class="small">(tệp Word gửi kèm thư: ${sentEdited ? html`<strong>bản chỉnh sửa ${sentEdited.name}</strong>` : 'bản do hệ thống lập'})</span>
            </p>`
          : ''
      }
    </section>
    ${
      versions.length
        ? html`<section class="card" id="versions">
            <h2>Các bản Word đã chỉnh sửa</h2>
            <table>
              <thead>
                <tr>
                  <th>Tệp</th>
                  <th>Tải lên</th>
                  <th>Tình trạng</th>
                </tr>
              </thead>
              <tbody>
                ${[...versions].reverse().map(
                  (v) =>
                    html`<tr data-version="${v.id}">
                      <td>${fileLink(v)} <span class="small muted">(${kb(v.size)})</span></td>
                      <td class="small">${v.uploadedBy}, ${viDateTime(v.uploadedAt)}</td>
                      <td class="small">
                        ${v.approvedAt ? html`<strong>Bản được duyệt</strong> (${viDateTime(v.approvedAt)})` : v === edited && !state.approval ? 'Bản sẽ được duyệt' : 'Bản cũ'}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <p class="small muted">Mọi bản đều được lưu: bản do hệ thống lập và các bản đã chỉnh sửa.</p>
          </section>`
        : ''
    }
    ${
      state.phase === 'draft-sent' && !state.approval && i.canAct
        ? html` <section class="card" id="edit">
              <h2>Chỉnh sửa dự thảo</h2>
              <p class="small">Tải dự thảo Word về, chỉnh sửa, rồi tải lên bản đã sửa (.docx). Bản tải lên sau cùng là bản được duyệt; bản do hệ thống lập vẫn được lưu.</p>
              <form method="post" action="${base}/report-docx" enctype="multipart/form-data">
                ${csrf}<label for="docx">Bản Word đã chỉnh sửa</label> <input type="file" id="docx" name="docx" accept=".docx" required />
                <p><button class="secondary" type="submit">Tải lên bản đã sửa</button></p>
              </form>
            </section>
            ${
              i.confirming
                ? confirmSection(base, preview, edited, csrf, i.typed?.note ?? '', i.editedIsSent)
                : html`<section class="card">
                    <p>
                      <a class="button" id="approve-start" href="${base}?xac-nhan=1#confirm">Duyệt và gửi…</a>
                      <span class="small muted">Bước sau cho xem nội dung, người nhận và tệp gửi kèm trước khi gửi.</span>
                    </p>
                  </section>`
            }`
        : ''
    }
    ${approvedEdit && state.phase !== 'draft-sent' && !sentEdited ? html`<p class="note small">Bản chỉnh sửa được duyệt (${approvedEdit.name}) được lưu cùng quyết định duyệt.</p>` : ''}`;
}

function confirmSection(base: string, p: ApprovalPreview, edited: ReportVersion | null, csrf: Html, note: string, editedIsSent: boolean): Html {
  return html`<section class="card confirm" id="confirm" role="region" aria-label="Xác nhận duyệt và gửi">
    <h2>Xác nhận duyệt và gửi báo cáo tổng hợp</h2>
    <p>Khi xác nhận, báo cáo tổng hợp được gửi ngay, không thu hồi được:</p>
    <table>
      <tbody>
        <tr>
          <th scope="row">Tiêu đề thư</th>
          <td>${p.subject}</td>
        </tr>
        <tr>
          <th scope="row">Gửi tới</th>
          <td>
            <ul class="plain">
              ${p.to.map((r) => html`<li>${r.name} &lt;${r.email}&gt;</li>`)}
            </ul>
          </td>
        </tr>
        <tr>
          <th scope="row">Đồng gửi</th>
          <td>${p.cc.length ? p.cc.join(', ') : '–'}</td>
        </tr>
        <tr>
          <th scope="row">Tệp gửi kèm</th>
          <td>
            <ul class="plain">
              ${p.files.map((f) => html`<li>${f.edited ? html`<strong>${f.name}</strong>` : f.name} <span class="small muted">– ${f.what}</span></li>`)}
            </ul>
          </td>
        </tr>
        ${
          edited && !editedIsSent
            ? html`<tr>
                <th scope="row">Bản chỉnh sửa</th>
                <td><strong>${edited.name}</strong> được duyệt và lưu cùng quyết định duyệt; thư gửi kèm bản Word do hệ thống lập.</td>
              </tr>`
            : ''
        }
      </tbody>
    </table>
    <form method="post" action="${base}/approve">
      ${csrf}<input type="hidden" name="confirm" value="yes" />
      ${edited ? html`<input type="hidden" name="version" value="${String(edited.id)}" />` : ''}
      <label for="note">Ghi chú khi duyệt (không bắt buộc)</label><input type="text" id="note" name="note" value="${note}" maxlength="300" />
      <p><button type="submit" id="approve-confirm">Xác nhận duyệt và gửi</button> <a href="${base}">Hủy</a></p>
    </form>
  </section>`;
}
