/** Staff accounts (administrators only): who may sign in, with which role, and what changed (audit log). */
import type { AuditEntry } from '../../db/audit.js';
import { ROLES, type Role, type StaffAccount } from '../../db/users.js';
import { viDateTime } from '../format.js';
import { html, type Html } from '../html.js';
import { roleLabel } from '../roles.js';

const ROLE_HELP: Record<Role, string> = {
  admin: 'quản lý tài khoản và mọi thao tác',
  officer: 'duyệt, gia hạn, miễn, yêu cầu báo cáo',
  leader: 'xem mọi trang, không thao tác',
};

const roleSelect = (id: string, selected: Role | '') =>
  html`<select id="${id}" name="role" required>
    ${selected ? '' : html`<option value="">– chọn vai trò –</option>`}${ROLES.map((r) => html`<option value="${r}" ${r === selected ? 'selected' : ''}>${roleLabel[r]} – ${ROLE_HELP[r]}</option>`)}
  </select>`;

export function accountsPage(
  accounts: StaffAccount[],
  audit: (AuditEntry & { at: string })[],
  me: string,
  csrf: Html,
  typed: { name?: string; role?: string } = {},
  errors: Record<string, string> = {},
): Html {
  const err = (f: string) => (errors[f] ? html`<p class="error" id="err-${f}">${errors[f]}</p>` : '');
  const bad = (f: string) => (errors[f] ? 'invalid' : '');
  return html`<section class="card">
      <h2>Tài khoản</h2>
      <table class="accounts">
        <thead>
          <tr>
            <th>Tên đăng nhập</th>
            <th>Vai trò</th>
            <th>Tạo lúc</th>
            <th>Đổi vai trò</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${accounts.map(
            (a) =>
              html`<tr data-user="${a.name}">
                <td>${a.name}${a.name === me ? html` <span class="small muted">(bạn)</span>` : ''}</td>
                <td>${roleLabel[a.role]}</td>
                <td class="small">${viDateTime(a.createdAt)}</td>
                <td>
                  <form method="post" action="/staff/accounts/${encodeURIComponent(a.name)}/role" class="inline-form">
                    ${csrf}${roleSelect(`role-${a.name}`, a.role)} <button class="secondary" type="submit">Lưu</button>
                  </form>
                </td>
                <td>
                  ${
                    a.name === me
                      ? ''
                      : html`<details class="confirm">
                          <summary class="button secondary">Khóa…</summary>
                          <form method="post" action="/staff/accounts/${encodeURIComponent(a.name)}/disable">
                            ${csrf}
                            <p>Khóa tài khoản <strong>${a.name}</strong>? Người này sẽ bị đăng xuất và không đăng nhập được nữa.</p>
                            <button type="submit">Xác nhận khóa</button>
                          </form>
                        </details>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section class="card narrow-form">
      <h2>Thêm tài khoản hoặc đặt lại mật khẩu</h2>
      <form method="post" action="/staff/accounts" id="account-form">
        ${csrf} <label for="acc-name">Tên đăng nhập</label
        ><input type="text" id="acc-name" name="name" value="${typed.name ?? ''}" class="${bad('name')}" required maxlength="64" autocomplete="off" />${err('name')}
        <label for="acc-role">Vai trò</label>${roleSelect('acc-role', (ROLES as readonly string[]).includes(typed.role ?? '') ? (typed.role as Role) : '')}${err('role')}
        <label for="acc-password">Mật khẩu (ít nhất 10 ký tự)</label
        ><input type="password" id="acc-password" name="password" class="${bad('password')}" required autocomplete="new-password" />${err('password')}
        <label for="acc-password2">Nhập lại mật khẩu</label
        ><input type="password" id="acc-password2" name="password2" class="${bad('password2')}" required autocomplete="new-password" />${err('password2')}
        <p><button type="submit">Lưu tài khoản</button></p>
        <p class="small muted">Tên đã có: mật khẩu và vai trò được thay bằng giá trị mới.</p>
      </form>
    </section>
    <section class="card">
      <h2>Nhật ký thay đổi tài khoản</h2>
      ${
        audit.length === 0
          ? html`<p class="muted">Chưa có.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>Lúc</th>
                  <th>Người thực hiện</th>
                  <th>Thao tác</th>
                  <th>Tài khoản</th>
                  <th>Chi tiết</th>
                </tr>
              </thead>
              <tbody>
                ${audit.map(
                  (e) =>
                    html`<tr>
                      <td class="small">${viDateTime(e.at)}</td>
                      <td>${e.actor}</td>
                      <td>${ACTION_LABEL[e.action] ?? e.action}</td>
                      <td>${e.target ?? ''}</td>
                      <td class="small">
                        ${e.detail?.role ? (roleLabel[e.detail.role as Role] ?? String(e.detail.role)) : ''}${e.ip ? html` <span class="muted">từ ${e.ip}</span>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
}

export const ACTION_LABEL: Record<string, string> = {
  'user-add': 'Thêm tài khoản',
  'user-password': 'Đặt lại mật khẩu',
  'user-role': 'Đổi vai trò',
  'user-disable': 'Khóa tài khoản',
};
