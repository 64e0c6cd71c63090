/**
 * The agency directory for staff: the list (with the 2025 successors at a glance), an agency's page
 * (names over time, contacts, successors and predecessors, history), the edit form (it keeps what was
 * typed on every error, reasons beside the fields), and the import report.
 */
import type { DirectoryHistoryEntry, SaveResult } from '../../db/directory.js';
import { contactRoleLabel, kindLabel, nameOn, succeededBy, type AgencyKind, type StoredAgency } from '../../directory/model.js';
import type { TableProblem } from '../../directory/table.js';
import { agencyKinds } from '../../plan/schema.js';
import { viDateTime } from '../format.js';
import { html, type Html } from '../html.js';

const viDay = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '');
const link = (a: Pick<StoredAgency, 'id'>) => `/directory/${encodeURIComponent(a.id)}`;

/** Who took over an agency's duties from it, and who it took them over from. */
function relations(all: readonly StoredAgency[], today: string) {
  const byId = new Map(all.map((a) => [a.id, a]));
  const nameOf = (id: string) => {
    const a = byId.get(id);
    return a ? nameOn(a, today).name : id;
  };
  const predecessors = (id: string) => all.filter((a) => a.successor?.to.some((s) => s.agencyId === id));
  return { byId, nameOf, predecessors };
}

export function directoryListPage(input: {
  all: readonly StoredAgency[];
  shown: readonly StoredAgency[];
  provinces: string[];
  province: string;
  q: string;
  today: string;
  csrf: Html;
}): Html {
  const { nameOf, predecessors } = relations(input.all, input.today);
  const succeeded = input.shown.filter((a) => succeededBy(a, input.today)).length;
  return html`<section class="card">
      <form method="get" action="/directory" class="row">
        <div>
          <label for="tinh">Tỉnh</label
          ><select id="tinh" name="tinh">
            <option value="">Tất cả</option>
            ${input.provinces.map((p) => html`<option value="${p}" ${p === input.province ? 'selected' : ''}>${p}</option>`)}
          </select>
        </div>
        <div><label for="q">Tìm theo tên, mã, địa chỉ thư</label><input type="text" id="q" name="q" value="${input.q}" /></div>
        <div><label>&nbsp;</label><button type="submit">Lọc</button> <a href="/directory/new">Thêm cơ quan</a></div>
      </form>
      <p class="small muted">
        ${input.shown.length} cơ quan, trong đó ${succeeded} đã được cơ quan khác kế thừa (sắp xếp tổ chức bộ máy năm 2025). Tải về:
        <a href="/directory/export.xlsx${input.province ? `?tinh=${encodeURIComponent(input.province)}` : ''}">XLSX</a> ·
        <a href="/directory/export.csv${input.province ? `?tinh=${encodeURIComponent(input.province)}` : ''}">CSV</a>
      </p>
    </section>
    <table class="grid">
      <thead>
        <tr>
          <th>Cơ quan, đơn vị</th>
          <th>Loại</th>
          <th>Tỉnh</th>
          <th>Đầu mối</th>
          <th>Kế thừa</th>
        </tr>
      </thead>
      <tbody>
        ${input.shown.map((a) => {
          const name = nameOn(a, input.today);
          const gone = succeededBy(a, input.today);
          const focal = a.contacts.filter((c) => c.role === 'focal');
          const from = predecessors(a.id);
          return html`<tr${gone ? html` class="succeeded"` : ''}><td><a href="${link(a)}">${name.name}</a>${name.shortName ? html` <span class="small muted">(${name.shortName})</span>` : ''}<div class="small muted">${a.id}</div></td>
      <td>${kindLabel[a.kind]}</td><td>${a.province}</td>
      <td class="small">${focal.length === 0 ? html`<span class="muted">chưa có</span>` : html`${focal[0]!.email}${focal[0]!.placeholder ? html` <span class="tag">giữ chỗ</span>` : ''}${focal.length > 1 ? ` (+${focal.length - 1})` : ''}`}</td>
      <td class="small">${a.successor ? html`<div><strong>${gone ? 'Đã chuyển' : 'Sẽ chuyển'} từ ${viDay(a.successor.from)}</strong> cho ${a.successor.to.map((s, i) => html`${i ? '; ' : ''}<a href="/directory/${encodeURIComponent(s.agencyId)}">${nameOf(s.agencyId)}</a>${s.functions ? html` <span class="muted">(${s.functions})</span>` : ''}`)}</div>` : ''}
        ${from.length ? html`<div>Tiếp nhận nhiệm vụ của ${from.map((p, i) => html`${i ? ', ' : ''}<a href="${link(p)}">${nameOn(p, input.today).name}</a>`)} (từ ${viDay(from[0]!.successor!.from)})</div>` : ''}</td></tr>`;
        })}
      </tbody>
    </table>
    <section class="card">
      <h2>Nhập danh bạ từ tệp Excel (XLSX) hoặc CSV</h2>
      <p class="small">
        Cùng các cột như tệp tải về. Mỗi dòng một tên, một liên hệ hoặc một cơ quan kế thừa; nhiều dòng cùng mã là của một cơ quan. Cơ quan có trong tệp được thay bằng nội dung của
        tệp; cơ quan không có trong tệp giữ nguyên. Nếu có bất kỳ lỗi nào, không dòng nào được nhập.
      </p>
      <form method="post" action="/directory/import" enctype="multipart/form-data">
        ${input.csrf} <label for="file">Tệp</label
        ><input type="file" id="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <p><button type="submit">Nhập</button></p>
      </form>
    </section>`;
}

export function directoryAgencyPage(input: { agency: StoredAgency; all: readonly StoredAgency[]; history: DirectoryHistoryEntry[]; today: string }): Html {
  const { agency: a, today } = input;
  const { nameOf, predecessors } = relations(input.all, today);
  const from = predecessors(a.id);
  return html`<p><a href="/directory">← Danh bạ cơ quan</a> · <a href="${link(a)}/edit">Sửa</a></p>
    <section class="card">
      <p>Mã: <strong>${a.id}</strong> · ${kindLabel[a.kind]} · ${a.province} · phiên bản ${a.revision}, cập nhật ${viDateTime(a.updatedAt)}</p>
      ${a.note ? html`<p class="small">${a.note}</p>` : ''}
    </section>
    <section class="card">
      <h2>Tên qua các thời kỳ</h2>
      <table>
        <thead>
          <tr>
            <th>Tên</th>
            <th>Viết tắt</th>
            <th>Từ ngày</th>
            <th>Đến ngày</th>
          </tr>
        </thead>
        <tbody>
          ${a.names.map(
            (n) =>
              html`<tr>
                <td>${n.name}</td>
                <td>${n.shortName ?? ''}</td>
                <td>${n.from ? viDay(n.from) : html`<span class="muted">—</span>`}</td>
                <td>${n.to ? viDay(n.to) : html`<span class="muted">nay</span>`}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section class="card">
      <h2>Liên hệ</h2>
      ${
        a.contacts.length === 0
          ? html`<p class="muted">Chưa có. Thư gửi theo địa chỉ trong kế hoạch.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>Vai trò</th>
                  <th>Họ và tên</th>
                  <th>Chức vụ</th>
                  <th>Thư điện tử</th>
                  <th>Điện thoại</th>
                </tr>
              </thead>
              <tbody>
                ${a.contacts.map(
                  (c) =>
                    html`<tr>
                      <td>${contactRoleLabel[c.role]}</td>
                      <td>${c.name ?? ''}</td>
                      <td>${c.title ?? ''}</td>
                      <td>${c.email}${c.placeholder ? html` <span class="tag">giữ chỗ</span>` : ''}</td>
                      <td>${c.phone ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <p class="small muted">Địa chỉ liên hệ riêng (không phải giữ chỗ) ghi trong một kế hoạch được ưu tiên hơn danh bạ cho kế hoạch đó.</p>
    </section>
    <section class="card">
      <h2>Kế thừa</h2>
      ${
        a.successor
          ? html`<p>Từ ngày <strong>${viDay(a.successor.from)}</strong>, nhiệm vụ chuyển cho:</p>
              <ul>
                ${a.successor.to.map((s, i) => html`<li><a href="/directory/${encodeURIComponent(s.agencyId)}">${nameOf(s.agencyId)}</a>${s.functions ? `: ${s.functions}` : ''}${i === 0 ? html` <span class="small muted">(nhận báo cáo định kỳ và các nhiệm vụ không ghi riêng)</span>` : ''}${s.tasks.length ? html`<div class="small">Nhiệm vụ: ${s.tasks.join('; ')}</div>` : ''}</li>`)}
              </ul>
              ${a.successor.basis ? html`<p class="small">Căn cứ: ${a.successor.basis}</p>` : ''}`
          : html`<p class="muted">Không có cơ quan kế thừa.</p>`
      }
      ${from.length ? html`<p>Tiếp nhận nhiệm vụ của: ${from.map((p, i) => html`${i ? ', ' : ''}<a href="${link(p)}">${nameOn(p, p.successor!.from).name}</a> (từ ${viDay(p.successor!.from)}${p.successor!.to.find((s) => s.agencyId === a.id)?.functions ? `: ${p.successor!.to.find((s) => s.agencyId === a.id)!.functions}` : ''})`)}</p>` : ''}
    </section>
    <section class="card">
      <h2>Lịch sử thay đổi</h2>
      ${
        input.history.length === 0
          ? html`<p class="muted">Chưa có.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>Phiên bản</th>
                  <th>Thời điểm</th>
                  <th>Người sửa</th>
                  <th>Thao tác</th>
                  <th>Địa chỉ</th>
                </tr>
              </thead>
              <tbody>
                ${input.history.map(
                  (h) =>
                    html`<tr>
                      <td>${h.revision}</td>
                      <td>${viDateTime(h.at)}</td>
                      <td>${h.actor}</td>
                      <td>${actionLabel(h.action)}</td>
                      <td class="small">${h.ip ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
}

const actionLabel = (a: string) =>
  ({ 'directory-edit': 'sửa trên web', 'directory-create': 'thêm trên web', 'directory-import': 'nhập từ tệp', 'directory-seed': 'khởi tạo từ kế hoạch mẫu' })[a] ?? a;

/** The form's fields as typed: `names.0.name`, `contacts.1.email`, `successor.to.0.agencyId`… */
export type DirectoryFormValues = Record<string, string>;

/** An agency as form values (days as dd/mm/yyyy), with blank rows to add a name, contacts and successors. */
export function formValuesOf(a: StoredAgency | null): DirectoryFormValues {
  const v: DirectoryFormValues = {};
  if (!a) return v;
  Object.assign(v, { id: a.id, province: a.province, kind: a.kind, note: a.note ?? '', revision: String(a.revision) });
  a.names.forEach((n, i) =>
    Object.assign(v, { [`names.${i}.name`]: n.name, [`names.${i}.shortName`]: n.shortName ?? '', [`names.${i}.from`]: viDay(n.from), [`names.${i}.to`]: viDay(n.to) }),
  );
  a.contacts.forEach((c, i) =>
    Object.assign(v, {
      [`contacts.${i}.role`]: c.role,
      [`contacts.${i}.name`]: c.name ?? '',
      [`contacts.${i}.title`]: c.title ?? '',
      [`contacts.${i}.email`]: c.email,
      [`contacts.${i}.phone`]: c.phone ?? '',
      [`contacts.${i}.placeholder`]: c.placeholder ? 'on' : '',
    }),
  );
  if (a.successor) {
    Object.assign(v, { 'successor.from': viDay(a.successor.from), 'successor.basis': a.successor.basis ?? '' });
    a.successor.to.forEach((s, i) =>
      Object.assign(v, { [`successor.to.${i}.agencyId`]: s.agencyId, [`successor.to.${i}.functions`]: s.functions ?? '', [`successor.to.${i}.tasks`]: s.tasks.join('; ') }),
    );
  }
  return v;
}

/** How many rows of a list the form shows: those typed plus `spare` blank ones. */
export function rowCount(values: DirectoryFormValues, prefix: string, spare: number): number {
  let max = -1;
  for (const k of Object.keys(values)) {
    const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`).exec(k);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Math.min(max + 1 + spare, 50);
}

export function directoryFormPage(input: {
  creating: boolean;
  values: DirectoryFormValues;
  errors: Record<string, string[]>;
  /** Errors not tied to one field (a conflict, an unknown successor). */
  general: string[];
  agencies: readonly StoredAgency[];
  today: string;
  csrf: Html;
  spare: boolean;
}): Html {
  const { values: v, errors } = input;
  const val = (k: string) => v[k] ?? '';
  const err = (k: string) => (errors[k]?.length ? html`<p class="error" id="${k}-error">${errors[k]!.join('; ')}</p>` : '');
  const cls = (k: string) => (errors[k]?.length ? html` class="invalid" aria-invalid="true" aria-describedby="${k}-error"` : '');
  const text = (k: string, label: string, extra: Html | string = '') =>
    html`<div><label for="${k}">${label}</label><input type="text" id="${k}" name="${k}" value="${val(k)}" ${cls(k)}${extra} />${err(k)}</div>`;
  const names = rowCount(v, 'names', input.spare ? 1 : 0) || 1;
  const contacts = rowCount(v, 'contacts', input.spare ? 2 : 0) || 2;
  const successors = rowCount(v, 'successor.to', input.spare ? 2 : 0) || 2;
  const all = Object.values(errors).flat().length + input.general.length;
  return html`<p><a href="/directory">← Danh bạ cơ quan</a>${input.creating ? '' : html` · <a href="/directory/${encodeURIComponent(val('id'))}">${val('id')}</a>`}</p>
    ${
      all
        ? html`<div class="errors" role="alert">
            <p>Chưa lưu được: ${all} lỗi, ghi bên cạnh từng ô.</p>
            ${
              input.general.length
                ? html`<ul>
                    ${input.general.map((g) => html`<li>${g}</li>`)}
                  </ul>`
                : ''
            }
          </div>`
        : ''
    }
    <form method="post" action="${input.creating ? '/directory' : `/directory/${encodeURIComponent(val('id'))}`}">
      ${input.csrf}
      <input type="hidden" name="revision" value="${val('revision') || '0'}" />
      <section class="card">
        <div class="row">
          ${
            input.creating
              ? text('id', 'Mã cơ quan (tỉnh.ten-co-quan, ví dụ son-la.so-tai-chinh)')
              : html`<div>
                  <label>Mã cơ quan</label>
                  <p><strong>${val('id')}</strong></p>
                  <input type="hidden" name="id" value="${val('id')}" />
                </div>`
          }
          ${text('province', 'Tỉnh')}
          <div>
            <label for="kind">Loại</label
            ><select id="kind" name="kind" ${cls('kind')}>
              ${agencyKinds.map((k: AgencyKind) => html`<option value="${k}" ${val('kind') === k ? 'selected' : ''}>${kindLabel[k]}</option>`)}</select
            >${err('kind')}
          </div>
        </div>
        ${text('note', 'Ghi chú')}
      </section>
      <section class="card">
        <h2>Tên qua các thời kỳ</h2>
        ${err('names')}
        ${Array.from({ length: names }, (_, i) => html`<div class="row">${text(`names.${i}.name`, 'Tên')}${text(`names.${i}.shortName`, 'Viết tắt')}${text(`names.${i}.from`, 'Dùng từ ngày (dd/mm/yyyy)')}${text(`names.${i}.to`, 'Dùng đến ngày')}</div>`)}
      </section>
      <section class="card">
        <h2>Liên hệ (đầu mối, thủ trưởng; mỗi vai trò có thể nhiều người)</h2>
        ${Array.from({ length: contacts }, (_, i) => {
          const k = `contacts.${i}`;
          return html`<div class="row task">
            <div>
              <label for="${k}.role">Vai trò</label
              ><select id="${k}.role" name="${k}.role" ${cls(`${k}.role`)}>
                <option value=""></option>
                ${(['focal', 'head'] as const).map((r) => html`<option value="${r}" ${val(`${k}.role`) === r ? 'selected' : ''}>${contactRoleLabel[r]}</option>`)}</select
              >${err(`${k}.role`)}
            </div>
            ${text(`${k}.name`, 'Họ và tên')}${text(`${k}.title`, 'Chức vụ')}${text(`${k}.email`, 'Thư điện tử')}${text(`${k}.phone`, 'Điện thoại')}
            <div>
              <label class="plain"><input type="checkbox" name="${k}.placeholder" ${val(`${k}.placeholder`) ? 'checked' : ''} /> địa chỉ giữ chỗ</label>
            </div>
          </div>`;
        })}
      </section>
      <section class="card">
        <h2>Kế thừa (sáp nhập, hợp nhất, chia tách)</h2>
        <div class="row">${text('successor.from', 'Từ ngày (dd/mm/yyyy)')}${text('successor.basis', 'Căn cứ (văn bản)')}</div>
        ${err('successor.to')}
        <datalist id="agency-ids">${input.agencies.map((a) => html`<option value="${a.id}">${nameOn(a, input.today).name}</option>`)}</datalist>
        ${Array.from({ length: successors }, (_, i) => {
          const k = `successor.to.${i}`;
          return html`<div class="row">
            ${text(`${k}.agencyId`, i === 0 ? 'Cơ quan kế thừa chính (mã)' : 'Cơ quan kế thừa (mã)', html` list="agency-ids"`)}${text(`${k}.functions`, 'Chức năng tiếp nhận')}${text(`${k}.tasks`, 'Nhiệm vụ tiếp nhận (kế-hoạch:mã-nhiệm-vụ; …)')}
          </div>`;
        })}
        <p class="small muted">Cơ quan kế thừa chính nhận báo cáo định kỳ và mọi nhiệm vụ không ghi riêng cho cơ quan khác.</p>
      </section>
      <p><button type="submit">Lưu</button> <a href="/directory">Hủy</a></p>
    </form>`;
}

export function directoryImportPage(input: { file: string; problems: TableProblem[]; general: string[]; results: SaveResult[] | null }): Html {
  const count = (o: SaveResult['outcome']) => input.results?.filter((r) => r.outcome === o).length ?? 0;
  return html`<p><a href="/directory">← Danh bạ cơ quan</a></p>
    ${
      input.results
        ? html`<p class="ok" role="status">
            Đã nhập tệp ${input.file}: ${count('created')} cơ quan mới, ${count('updated')} cơ quan được cập nhật, ${count('unchanged')} không thay đổi.
          </p>`
        : html`<div class="errors" role="alert">
              <p>Không nhập tệp ${input.file}: ${input.problems.length + input.general.length} lỗi. Không dòng nào được nhập; sửa tệp rồi nhập lại.</p>
              ${
                input.general.length
                  ? html`<ul>
                      ${input.general.map((g) => html`<li>${g}</li>`)}
                    </ul>`
                  : ''
              }
            </div>
            ${
              input.problems.length
                ? html`<table>
                    <thead>
                      <tr>
                        <th>Dòng</th>
                        <th>Cột</th>
                        <th>Lý do</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${input.problems.map(
                        (p) =>
                          html`<tr>
                            <td class="num">${p.row}</td>
                            <td>${p.column ?? '—'}</td>
                            <td>${p.message}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : ''
            }`
    }`;
}
