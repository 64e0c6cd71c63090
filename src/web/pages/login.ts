/** The staff login form. */
import { html, type Html } from '../html.js';

export function loginForm(csrf: Html, next: string, error: string | null, user = ''): Html {
  return html`<section class="card narrow">
    ${error ? html`<p class="errors" role="alert">${error}</p>` : ''}
    <form method="post" action="/login">
      ${csrf}<input type="hidden" name="next" value="${next}" /> <label for="user">Tên đăng nhập</label
      ><input type="text" id="user" name="user" value="${user}" autocomplete="username" required /> <label for="password">Mật khẩu</label
      ><input type="password" id="password" name="password" autocomplete="current-password" required />
      <p><button type="submit">Đăng nhập</button></p>
    </form>
    <p class="small muted">Dành cho cán bộ cơ quan thường trực. Các cơ quan, đơn vị nộp báo cáo qua đường liên kết trong thư nhắc, không cần tài khoản.</p>
  </section>`;
}
