/**
 * Parts of an agency's page for a period: its personal link (copy, resend after a confirmation), every
 * message with its delivery state, and its submissions with what changed from one revision to the next.
 */
import type { Plan } from '../../plan/schema.js';
import type { SubmissionRecord } from '../../reporting/types.js';
import { dutyHolder } from '../../reporting/obligations.js';
import { taskStatusLabel, viDateTime } from '../format.js';
import { html, type Html } from '../html.js';
import { diffSubmissions, type Segment, type SubmissionDiff } from '../submissionDiff.js';
import { deliveryState } from '../deliveryStates.js';
import { MESSAGE_STATE_LABEL, type MessageState } from '../../mail/noticeState.js';

/** A row of the delivery log as the page shows it (src/db/deliveries.ts DeliveryRecord, or older sent-log entries). */
export interface MessageRow {
  key: string;
  at: string;
  to: string[];
  cc?: string[];
  subject: string;
  kind?: string | null;
  state?: string;
  attempts?: number;
  acceptedAt?: string | null;
  relayResponse?: string | null;
  lastError?: string | null;
  /** The message's notice state (src/mail/noticeState.ts: delivered, bounced, opened…) and what explains it. */
  deliveryState?: MessageState;
  noticeDetail?: string | null;
  bouncedAddresses?: string[];
}

const NOTICE_TONE: Record<MessageState, 'pending' | 'bad' | 'ok'> = {
  sending: 'pending',
  accepted: 'ok',
  delayed: 'pending',
  delivered: 'ok',
  opened: 'ok',
  bounced: 'bad',
  failed: 'bad',
};

/** A label alone in a cell starts with a capital, as the page's other labels do. */
const sentenceCase = (s: string) => s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);

const KIND_LABEL: Record<string, string> = {
  dispatch: 'Triển khai kế hoạch',
  reminder: 'Nhắc hạn',
  overdue: 'Quá hạn',
  escalation: 'Báo cáo cấp trên',
  receipt: 'Xác nhận đã nhận',
  draft: 'Dự thảo tổng hợp',
  consolidated: 'Báo cáo tổng hợp',
  extension: 'Gia hạn',
};

export const contactsOf = (plan: Plan, agencyId: string, role: 'focal' | 'head') =>
  plan.agencies
    .find((a) => a.id === agencyId)
    ?.contacts.filter((c) => c.role === role)
    .map((c) => c.email) ?? [];

export function linkSection(
  plan: Plan,
  agencyId: string,
  day: string,
  link: { url: string; expiresAt?: string } | null,
  action: string,
  csrf: Html,
  canAct: boolean,
  open: boolean,
): Html {
  const holder = dutyHolder(plan, agencyId, day);
  const to = contactsOf(plan, holder, 'focal');
  const cc = contactsOf(plan, holder, 'head');
  return html`<section class="card" id="link">
    <h2>Đường liên kết nộp báo cáo của đơn vị</h2>
    ${
      link
        ? html`<div class="copy-row">
              <input type="text" id="personal-link" readonly value="${link.url}" aria-label="Đường liên kết nộp báo cáo" />
              <button type="button" class="secondary" data-copy="personal-link">Sao chép</button>
            </div>
            <p class="small muted">
              Đường liên kết riêng của đơn vị, không cần tài khoản${link.expiresAt ? html`; hết hiệu lực lúc ${viDateTime(link.expiresAt)}` : ''}. Chỉ gửi cho đầu mối của đơn vị.
            </p>`
        : html`<p class="muted">Không lập được đường liên kết.</p>`
    }
    ${
      canAct && open
        ? html`<details class="confirm">
            <summary class="button secondary">Gửi lại đường liên kết…</summary>
            <form method="post" action="${action}">
              ${csrf}
              <p>Gửi lại thư có đường liên kết nộp báo cáo tới:</p>
              <ul>
                ${to.map((e) => html`<li>${e}</li>`)}${cc.map((e) => html`<li>${e} <span class="small muted">(đồng gửi)</span></li>`)}
              </ul>
              ${to.length === 0 ? html`<p class="errors">Đơn vị chưa có địa chỉ thư của đầu mối: thư không gửi được.</p>` : ''}
              <p><button type="submit">Xác nhận gửi lại</button></p>
            </form>
          </details>`
        : ''
    }
  </section>`;
}

export function messagesSection(rows: MessageRow[]): Html {
  return html`<section class="card" id="messages">
    <h2>Thư đã gửi và tình trạng chuyển thư</h2>
    ${
      rows.length === 0
        ? html`<p class="muted">Chưa có thư nào.</p>`
        : html`<table class="messages">
            <thead>
              <tr>
                <th>Thời điểm</th>
                <th>Loại</th>
                <th>Người nhận</th>
                <th>Tiêu đề</th>
                <th>Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map((m) => {
                // The notice state (from bounces, reports and opens) says more than the relay's answer alone.
                const s = m.deliveryState ? { label: sentenceCase(MESSAGE_STATE_LABEL[m.deliveryState]), tone: NOTICE_TONE[m.deliveryState] } : deliveryState(m.state);
                const bounced = m.bouncedAddresses?.length
                  ? html`<div class="small error">Bị trả lại: ${m.bouncedAddresses.join(', ')}${m.noticeDetail ? ` – ${m.noticeDetail}` : ''}</div>`
                  : m.noticeDetail
                    ? html`<div class="small muted">${m.noticeDetail}</div>`
                    : '';
                return html`<tr data-key="${m.key}">
                  <td>${viDateTime(m.at)}</td>
                  <td class="small">${m.kind ? (KIND_LABEL[m.kind] ?? m.kind) : ''}</td>
                  <td class="small">${m.to.join(', ')}${m.cc?.length ? html`<div class="muted">đồng gửi: ${m.cc.join(', ')}</div>` : ''}</td>
                  <td>${m.subject}</td>
                  <td data-delivery-state="${m.deliveryState ?? ''}">
                    <span class="delivery ${s.tone}" data-state="${m.state ?? ''}">${s.label}</span>${bounced}
                    ${m.acceptedAt ? html`<div class="small muted">${viDateTime(m.acceptedAt)}</div>` : ''}
                    ${m.attempts && m.attempts > 1 ? html`<div class="small muted">${m.attempts} lần gửi</div>` : ''}
                    ${m.lastError && m.state !== 'accepted' ? html`<div class="small error">${m.lastError}</div>` : ''}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
    }
  </section>`;
}

const segments = (s: Segment[]) => s.map((x) => (x.op === 'same' ? html`${x.text}` : x.op === 'del' ? html`<del>${x.text}</del>` : html`<ins>${x.text}</ins>`));
const taskStatus = (s: string | undefined) => (s ? (taskStatusLabel[s] ?? s) : '–');
const num = (v: number | undefined) => (v === undefined ? '–' : v.toLocaleString('vi-VN'));
const TEXT_LABEL = { narrative: 'Kết quả chung', difficulties: 'Khó khăn, vướng mắc', recommendations: 'Kiến nghị, đề xuất' } as const;

export function diffView(plan: Plan, d: SubmissionDiff): Html {
  if (d.same) return html`<p class="small muted">Không thay đổi so với lần trước.</p>`;
  const task = (id: string) => plan.tasks.find((t) => t.id === id);
  const target = (id: string) => plan.targets.find((t) => t.id === id);
  return html`<div class="diff">
    <p class="small"><strong>Thay đổi so với lần trước</strong> (<del>bỏ đi</del>, <ins>thêm vào</ins>):</p>
    <ul>
      ${d.tasks.map(
        (t) =>
          html`<li data-task="${t.taskId}">
            Nhiệm vụ ${task(t.taskId)?.section ?? t.taskId}${t.kind === 'added' ? ' (mới)' : t.kind === 'removed' ? ' (bỏ)' : ''}:
            ${t.status ? html` tình trạng <del>${taskStatus(t.status.before)}</del> → <ins>${taskStatus(t.status.after)}</ins>;` : ''}
            ${t.progress ? html` tiến độ <del>${num(t.progress.before)}%</del> → <ins>${num(t.progress.after)}%</ins>;` : ''}
            ${t.result ? html`<div class="small">Kết quả: ${segments(t.result)}</div>` : ''}
          </li>`,
      )}
      ${d.targets.map(
        (t) =>
          html`<li data-target="${t.targetId}">
            Chỉ tiêu ${target(t.targetId)?.label ?? t.targetId}:
            ${t.value ? html` <del>${num(t.value.before)}</del> → <ins>${num(t.value.after)}</ins> ${target(t.targetId)?.unit ?? ''}` : ''}
            ${t.note ? html` · ghi chú <del>${t.note.before ?? ''}</del> <ins>${t.note.after ?? ''}</ins>` : ''}
          </li>`,
      )}
      ${d.texts.map((t) => html`<li data-text="${t.field}">${TEXT_LABEL[t.field]}: <span class="small">${segments(t.segments)}</span></li>`)}
      ${d.attachments.added.length || d.attachments.removed.length ? html`<li>Tệp đính kèm: ${d.attachments.removed.map((n) => html`<del>${n}</del> `)}${d.attachments.added.map((n) => html`<ins>${n}</ins> `)}</li>` : ''}
    </ul>
  </div>`;
}

export function submissionsSection(plan: Plan, submissions: SubmissionRecord[]): Html {
  const targetOf = (id: string) => plan.targets.find((t) => t.id === id);
  return html`<section class="card" id="submissions">
    <h2>Báo cáo đã nộp</h2>
    ${
      submissions.length === 0
        ? html`<p class="muted">Chưa có.</p>`
        : [...submissions].reverse().map((s) => {
            const i = submissions.indexOf(s);
            const prev = i > 0 ? submissions[i - 1] : undefined;
            return html`<details class="revision" data-revision="${s.revision}" ${i === submissions.length - 1 ? 'open' : ''}>
              <summary>
                Lần ${s.revision}:
                ${viDateTime(s.submittedAt)}${s.late ? ' (muộn)' : ''}${s.payload.submittedBy?.name ? ` – ${s.payload.submittedBy.name}` : ''}${s.payload.submittedBy?.email ? ` <${s.payload.submittedBy.email}>` : ''}
              </summary>
              ${prev ? diffView(plan, diffSubmissions(prev.payload, s.payload)) : ''}
              <table>
                <tbody>
                  ${s.payload.tasks.map(
                    (t) =>
                      html`<tr>
                        <td>${plan.tasks.find((x) => x.id === t.taskId)?.section ?? t.taskId}</td>
                        <td>${taskStatusLabel[t.status] ?? t.status}${t.progress !== undefined ? ` · ${t.progress}%` : ''}</td>
                        <td>${t.result}</td>
                      </tr>`,
                  )}
                  ${s.payload.targets.map(
                    (t) =>
                      html`<tr>
                        <td>${t.targetId}</td>
                        <td>${num(t.value)} ${targetOf(t.targetId)?.unit ?? ''}</td>
                        <td>${targetOf(t.targetId)?.label ?? ''}${t.note ? ` – ${t.note}` : ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <p><strong>Kết quả chung:</strong> ${s.payload.narrative}</p>
              <p><strong>Khó khăn, vướng mắc:</strong> ${s.payload.difficulties}</p>
              <p><strong>Kiến nghị, đề xuất:</strong> ${s.payload.recommendations}</p>
              ${s.payload.attachments.length ? html`<p><strong>Tệp đính kèm:</strong> ${s.payload.attachments.map((a) => html`<a href="/files/${a.sha256}?name=${encodeURIComponent(a.name)}">${a.name}</a> (${Math.ceil(a.size / 1024)} KB) `)}</p>` : ''}
            </details>`;
          })
    }
  </section>`;
}
