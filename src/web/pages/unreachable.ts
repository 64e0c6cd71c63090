/**
 * "Không liên lạc được" (issue 15): an agency whose notices bounced, on the grid and on its page, with the
 * addresses that failed, the contacts tried instead, and whether an escalation waits for proof of notice.
 * Read from the agency workflow's status (`proof`); absent for workflows started before the gate.
 */
import type { AgencyStatus } from '../../reporting/types.js';
import { viDateTime } from '../format.js';
import { html, type Html } from '../html.js';

const settled = (s: AgencyStatus) => s.state === 'submitted' || s.state === 'submitted-late' || s.state === 'exempted';

/** True when something of the agency bounced this period and it still owes the report. */
export const unreachableShown = (s: AgencyStatus): boolean => !!s.proof && s.proof.unreachable.length > 0 && !settled(s);

/** The grid's line under the cell. */
export function unreachableCellNote(s: AgencyStatus): Html {
  if (!unreachableShown(s)) return html``;
  const addresses = s.proof!.unreachable.map((u) => u.address).join(', ');
  return html`<div class="small error" data-unreachable="${addresses}">${s.proof!.proven ? 'Thư bị trả lại' : 'Không liên lạc được'}: ${addresses}</div>`;
}

/** The agency page's card: what failed, what was tried, what waits. */
export function unreachableCard(s: AgencyStatus, agencyLink: string): Html {
  if (!unreachableShown(s) && !(s.proof?.waitingSince && !settled(s))) return html``;
  const p = s.proof!;
  return html`<section class="card unreachable" id="unreachable">
    <h2>${p.proven ? 'Thư bị trả lại' : 'Không liên lạc được'}</h2>
    ${
      p.unreachable.length
        ? html`<p>Địa chỉ bị trả lại:</p>
            <ul>
              ${p.unreachable.map((u) => html`<li><strong>${u.address}</strong> <span class="small muted">(thư ngày ${viDateTime(u.at)})</span></li>`)}
            </ul>`
        : ''
    }
    ${p.fallbacks.length ? html`<p>Đã gửi tới địa chỉ khác của đơn vị: ${p.fallbacks.map((f) => `${f.address} (${f.contactRole === 'head' ? 'thủ trưởng' : 'đầu mối'})`).join(', ')}.</p>` : ''}
    ${p.exhausted ? html`<p class="errors">Mọi địa chỉ của đơn vị trong danh bạ đều bị trả lại.</p>` : ''}
    ${p.waitingSince && !p.proven ? html`<p class="note">Thông báo quá hạn và báo cáo cấp trên tạm dừng từ ${viDateTime(p.waitingSince)}: chưa có thư nào được xác nhận đã đến hoặc được mở.</p>` : ''}
    ${p.proven ? '' : html`<p class="small">Sửa địa chỉ trong <a href="/directory">danh bạ cơ quan</a>, rồi <a href="${agencyLink}#link">gửi lại đường liên kết</a>.</p>`}
  </section>`;
}
