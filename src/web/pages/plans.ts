/** The plans list: per plan its live period, next deadline (dd/mm/yyyy) and state (planSummary.ts). */
import type { Plan } from '../../plan/schema.js';
import { periodLabel, viDate } from '../format.js';
import { html, type Html } from '../html.js';
import { planStateLabel, type PlanSummary } from '../planSummary.js';

const planTitle = (plan: Plan) => `${plan.document.number ?? '(chưa có số)'} – ${plan.document.issuer}`;

export function plansListPage(rows: { plan: Plan; summary: PlanSummary; assumptions: string[] }[], canAct: boolean): Html {
  return html`${canAct ? '' : html`<p class="muted small">Tài khoản lãnh đạo: chỉ xem.</p>`}
    <table class="plans">
      <thead>
        <tr>
          <th>Kế hoạch</th>
          <th>Kỳ đang theo dõi</th>
          <th>Hạn gần nhất</th>
          <th>Tình trạng</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(({ plan, summary: s, assumptions }) => {
          const live = s.live;
          return html`<tr data-plan="${plan.id}" data-state="${s.state}">
            <td>
              <a href="/plans/${plan.id}">${planTitle(plan)}</a>
              <div class="small muted">${plan.document.title}</div>
              <div class="small muted">
                Thời gian thực hiện:
                ${plan.document.horizon.from === plan.document.horizon.to ? String(plan.document.horizon.from) : `${plan.document.horizon.from}–${plan.document.horizon.to}`}
              </div>
              ${assumptions.length && s.state !== 'ended' ? html`<div class="note small">Hạn giả định: ${assumptions.join(' ')}</div>` : ''}
            </td>
            <td class="live">
              ${live ? html`${periodLabel(live.period)}${live.phase === 'not-open' ? html`<div class="small muted">chưa mở kỳ</div>` : html`<div class="small">${live.received}/${live.expected} đã nộp${live.overdue ? html`, <strong>${live.overdue} quá hạn</strong>` : ''}</div>`}` : html`<span class="muted">–</span>`}
              ${s.openAdhoc ? html`<div class="small muted">và ${s.openAdhoc} yêu cầu đột xuất đang mở</div>` : ''}
            </td>
            <td class="deadline">
              ${
                s.nextDeadline
                  ? html`<strong>${viDate(s.nextDeadline.lastDay)}</strong>
                      <div class="small muted">
                        ${s.nextDeadline.who === 'standing' ? 'báo cáo tổng hợp' : 'các cơ quan nộp'}${s.nextDeadline.assumed ? ' (hạn giả định)' : ''}
                      </div>`
                  : '–'
              }
            </td>
            <td class="state"><span class="state ${s.state}">${planStateLabel[s.state]}</span></td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}
