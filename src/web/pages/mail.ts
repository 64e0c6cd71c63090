/** The development mail catcher's page: newest first, searchable by subject, recipient or text. */
import type { CaughtMail } from '../../mail/catcher.js';
import { viDateTime } from '../format.js';
import { html, type Html } from '../html.js';

export function mailPage(q: string, messages: CaughtMail[]): Html {
  return html`<form method="get" action="/mail" class="search">
      <label for="q">Tìm thư (tiêu đề, người nhận, nội dung)</label> <input id="q" name="q" type="search" value="${q}" maxlength="200" /> <button type="submit">Tìm</button>
    </form>
    <p class="muted">
      ${messages.length === 0 ? (q ? 'Không có thư nào khớp.' : 'Chưa có thư nào.') : `${messages.length} thư${messages.length === 200 ? ' (200 thư mới nhất)' : ''}`}
    </p>
    <table>
      <thead>
        <tr>
          <th>Ngày</th>
          <th>Người nhận</th>
          <th>Tiêu đề</th>
        </tr>
      </thead>
      <tbody>
        ${messages.map(
          (m) =>
            html`<tr>
              <td>${viDateTime(m.date)}</td>
              <td class="small">${m.to.join(', ')}</td>
              <td>
                <details>
                  <summary>${m.subject}</summary>
                  <pre style="white-space:pre-wrap">${m.text}</pre>
                </details>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
