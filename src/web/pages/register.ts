/**
 * The pages of registering a plan from its document: the upload, the review (the draft's values in a form
 * beside the document's text, each value linked to the words it was read from, highlighted), the preview
 * (the year's due dates and every agency's reminder and escalation steps, and for an amendment what
 * changes), and a registered plan's own page. Plain HTML, no script: links to `#ev-N` anchors do the
 * pointing.
 */
import type { Evidence } from '../../import/evidence.js';
import { lexicon, nameKey } from '../../import/agencies.js';
import { provinceByName, provinceUnits } from '../../import/admin.js';
import type { PlanChange } from '../../plan/diff.js';
import type { Plan, PlanInput } from '../../plan/schema.js';
import type { ObligationInstance } from '../../reporting/obligations.js';
import type { Draft } from '../registerDrafts.js';
import { allFields, type Field, type FieldGroup, type FormValues } from '../registerForm.js';
import { periodLabel, viDate, viDateTime } from '../format.js';
import { html, type Html } from '../html.js';

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
const knownAgencyKeys = new Set(lexicon.map(nameKey));
const KIND_VI: Record<string, string> = { text: 'văn bản', docx: 'Word (.docx)', pdf: 'PDF', yaml: 'tệp kế hoạch YAML' };

export interface RegisteredRow {
  planId: string;
  title: string;
  state: 'running' | 'ended';
  at: string;
  sourceName: string | null;
}

export function uploadPage(v: { csrf: Html; action: string; amend?: { planId: string; title: string }; reasons?: string[]; registered?: RegisteredRow[] }): Html {
  return html`${
      v.reasons?.length
        ? html`<div class="errors" role="alert">
            <p>Không lập được bản nháp từ tệp này:</p>
            <ul>
              ${v.reasons.map((r) => html`<li>${r}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <section class="card narrow-form">
      ${v.amend ? html`<p>Sửa đổi kế hoạch <strong>${v.amend.title}</strong> (<code>${v.amend.planId}</code>): tải lên văn bản mới; trang xem trước cho biết những gì thay đổi từ kỳ báo cáo tiếp theo.</p>` : html`<p>Tải lên văn bản kế hoạch (hoặc công văn giao việc) để dondoc lập bản nháp: cơ quan, nhiệm vụ, chỉ tiêu và hạn báo cáo, mỗi giá trị kèm câu văn bản mà nó được đọc ra. Bạn kiểm tra, sửa rồi mới khởi chạy.</p>`}
      <form method="post" action="${v.action}" enctype="multipart/form-data">
        ${v.csrf}
        <label for="document">Văn bản: TXT/MD (UTF-8), Word (.docx), PDF có lớp chữ, hoặc tệp kế hoạch YAML</label>
        <input id="document" name="document" type="file" accept=".txt,.md,.docx,.pdf,.yaml,.yml" required />
        <p><button type="submit">Đọc văn bản và lập bản nháp</button></p>
      </form>
    </section>
    ${
      v.registered?.length
        ? html`<h2>Kế hoạch đã đăng ký từ trang web</h2>
            <table>
              <thead>
                <tr>
                  <th>Kế hoạch</th>
                  <th>Tình trạng</th>
                  <th>Đăng ký lúc</th>
                  <th>Văn bản</th>
                </tr>
              </thead>
              <tbody>
                ${v.registered.map(
                  (r) =>
                    html`<tr>
                      <td>
                        <a href="/register/plans/${r.planId}">${r.title}</a>
                        <div class="small muted">${r.planId}</div>
                      </td>
                      <td>${r.state === 'ended' ? 'Đã kết thúc (không gửi)' : 'Đang chạy'}</td>
                      <td>${viDateTime(r.at)}</td>
                      <td class="small">${r.sourceName ?? '–'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }`;
}

/** The evidence a row cites: its own path, else the nearest enclosing item's (an obligation's stated sentence). */
function evidenceFor(evidence: readonly Evidence[], path: string): number {
  for (let p = path; p;) {
    const i = evidence.findIndex(
      (e) => e.line !== null && (e.path === p || e.path.startsWith(`${p}.`) || e.path.startsWith(`${p}[`) || p.startsWith(`${e.path}.`) || p.startsWith(`${e.path}[`)),
    );
    if (i >= 0) return i;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0 || !/\[\d+\]/.test(p.slice(0, cut))) break;
    p = p.slice(0, cut);
  }
  return -1;
}

/**
 * The document's lines, numbered, with every cited span marked and anchored (`#ev-N`). The importer's line
 * is where its block starts (a heading above a paragraph): the quote is looked for there and a few lines on.
 * Where spans overlap, the shorter (more specific) one is marked and the other keeps an anchor at its line.
 */
interface Placed {
  spans: Map<number, { start: number; end: number; i: number }[]>;
  anchors: Map<number, number[]>;
  /** Evidence index → the 1-based line it is shown on. */
  lineOf: Map<number, number>;
}
export function placeEvidence(lines: readonly string[], evidence: readonly Evidence[]): Placed {
  const spans = new Map<number, { start: number; end: number; i: number }[]>();
  const anchors = new Map<number, number[]>();
  const lineOf = new Map<number, number>();
  const order = evidence
    .map((e, i) => ({ e, i }))
    .filter((x) => x.e.line !== null)
    .sort((a, b) => a.e.quote.length - b.e.quote.length);
  for (const { e, i } of order) {
    const quote = e.quote.split('\n')[0]!.replace(/…$/, '');
    let placed = false;
    for (let l = e.line! - 1; quote && l < Math.min(lines.length, e.line! + 8); l++) {
      const at = lines[l]!.indexOf(quote);
      if (at < 0) continue;
      const taken = spans.get(l) ?? [];
      if (taken.some((s) => at < s.end && at + quote.length > s.start)) break;
      spans.set(l, [...taken, { start: at, end: at + quote.length, i }]);
      lineOf.set(i, l + 1);
      placed = true;
      break;
    }
    if (!placed) {
      anchors.set(e.line! - 1, [...(anchors.get(e.line! - 1) ?? []), i]);
      lineOf.set(i, e.line!);
    }
  }
  return { spans, anchors, lineOf };
}

function sourcePanel(lines: readonly string[], evidence: readonly Evidence[], { spans, anchors }: Placed): Html {
  return html`<ol class="source">
    ${lines.map((line, n) => {
      const own = (spans.get(n) ?? []).sort((a, b) => a.start - b.start);
      const pins = (anchors.get(n) ?? []).map((i) => html`<span id="ev-${i}" title="${evidence[i]!.path}"></span>`);
      if (!own.length && !pins.length) return html`<li>${line || ' '}</li>`;
      const parts: (Html | string)[] = [];
      let pos = 0;
      for (const s of own) {
        parts.push(line.slice(pos, s.start), html`<mark id="ev-${s.i}" title="${evidence[s.i]!.path}">${line.slice(s.start, s.end)}</mark>`);
        pos = s.end;
      }
      parts.push(line.slice(pos));
      return html`<li id="l-${n + 1}" ${!own.length ? html` class="cited"` : ''}>${pins}${parts}</li>`;
    })}
  </ol>`;
}

function input(f: Field, value: string, error: string | undefined): Html {
  const id = fieldId(f.name);
  const err = error ? html`<p class="error" id="${id}-error">${error}</p>` : '';
  const aria = error ? html` aria-invalid="true" aria-describedby="${id}-error"` : '';
  const cls = error ? 'invalid' : '';
  if (f.kind === 'checkbox')
    return html`<label class="plain" for="${id}"><input id="${id}" type="checkbox" name="${f.name}" ${value ? html` checked` : ''} /> ${f.label}</label>${err}`;
  const control =
    f.kind === 'select'
      ? html`<select id="${id}" name="${f.name}" class="${cls}" ${aria}>
          ${(f.options ?? []).map((o) => html`<option value="${o.value}" ${o.value === value ? html` selected` : ''}>${o.label}</option>`)}${(f.options ?? []).some((o) => o.value === value) ? '' : html`<option value="${value}" selected>${value}</option>`}
        </select>`
      : f.kind === 'textarea'
        ? html`<textarea id="${id}" name="${f.name}" class="${cls}" ${aria}>${value}</textarea>`
        : html`<input
            id="${id}"
            name="${f.name}"
            type="${f.kind === 'email' ? 'email' : 'text'}"
            value="${value}"
            class="${cls}${f.kind === 'int' ? ' short' : ''}"
            ${f.kind === 'int' || f.kind === 'number' ? html` inputmode="decimal"` : ''}${f.list ? html` list="${f.list}"` : ''}${aria}
          />`;
  return html`<div class="field"><label for="${id}">${f.label}</label>${control}${err}</div>`;
}

function agencyMatch(plan: PlanInput, name: string, id: string): Html {
  const a = plan.agencies.find((x) => x.id === id);
  if (a?.successor)
    return html`<span class="small muted"
      >kế thừa từ ${a.successor.from.split('-').reverse().join('/')}: ${a.successor.agencyIds.map((s) => plan.agencies.find((x) => x.id === s)?.name ?? s).join(', ')}</span
    >`;
  return knownAgencyKeys.has(nameKey(name))
    ? html`<span class="small match">✓ có trong danh mục cơ quan</span>`
    : html`<span class="small muted">ngoài danh mục cơ quan thường gặp: kiểm tra tên</span>`;
}

export function reviewPage(v: {
  draftId: string;
  draft: Draft;
  groups: FieldGroup[];
  values: FormValues;
  errors: Record<string, string>;
  general: string[];
  text: string | null;
  csrf: Html;
}): Html {
  const { draft, values, errors } = v;
  const plan = draft.plan;
  const lines = v.text === null ? [] : v.text.split(/\r?\n/);
  const placed = placeEvidence(lines, draft.evidence);
  const province = values['document.province'] ?? '';
  const fieldsWithErrors = allFields(v.groups).filter((f) => errors[f.name]).length;
  const cite = (path: string) => {
    const i = evidenceFor(draft.evidence, path);
    return i >= 0
      ? html` <a class="cite small" href="#ev-${i}">dòng ${placed.lineOf.get(i) ?? draft.evidence[i]!.line}</a>`
      : draft.source.kind === 'yaml'
        ? ''
        : html` <span class="small muted">(không có trong văn bản)</span>`;
  };
  const form = html`<form method="post" action="/register/drafts/${v.draftId}" novalidate>
    ${v.csrf}
    ${v.groups
      .filter((g) => g.rows.length)
      .map(
        (g) =>
          html`<fieldset id="g-${g.id}">
            <legend>${g.title}</legend>
            ${g.rows.map(
              (r) =>
                html`<div class="review-row">
                  <div class="row-title">
                    ${r.title}${cite(r.evidencePath)}${g.id === 'agencies' ? html` ${agencyMatch(plan, values[r.fields[0]!.name] ?? r.title, plan.agencies[Number(/\[(\d+)\]/.exec(r.evidencePath)![1])]!.id)}` : ''}
                  </div>
                  ${r.note ? html`<p class="note small">${r.note}</p>` : ''}
                  <div class="row">${r.fields.map((f) => input(f, values[f.name] ?? '', errors[f.name]))}</div>
                </div>`,
            )}
          </fieldset>`,
      )}
    <datalist id="agencies">${lexicon.map((n) => html`<option value="${n}"></option>`)}</datalist>
    <datalist id="provinces">${provinceUnits.filter((u) => !u.merged).map((u) => html`<option value="${u.name}"></option>`)}</datalist>
    <p><button type="submit">Kiểm tra và xem trước</button> <a href="/register/drafts/${v.draftId}/plan.yaml">Tải bản nháp YAML</a></p>
  </form>`;
  return html`<p class="muted">
      Tệp: ${draft.source.name} (${KIND_VI[draft.source.kind] ?? draft.source.kind})${draft.amendOf ? html` · sửa đổi kế hoạch <code>${draft.amendOf}</code>` : ''}
    </p>
    ${draft.summary ? html`<p class="ok" role="status">Đã đọc: ${draft.summary}</p>` : ''}
    ${
      fieldsWithErrors || v.general.length
        ? html`<div class="errors" role="alert">
            <p>
              Chưa khởi chạy được:
              ${fieldsWithErrors ? `${fieldsWithErrors} trường cần sửa (ghi ngay dưới trường)` : ''}${fieldsWithErrors && v.general.length ? '; ' : ''}${v.general.length ? 'các lỗi khác:' : ''}
            </p>
            ${
              v.general.length
                ? html`<ul>
                    ${v.general.map((g) => html`<li>${g}</li>`)}
                  </ul>`
                : ''
            }
          </div>`
        : ''
    }
    ${province && !provinceByName(province) && province !== 'Toàn quốc' ? html`<p class="note">"${province}" không có trong danh sách 34 tỉnh, thành phố (và tên trước 01/07/2025).</p>` : ''}
    ${
      draft.warnings.length
        ? html`<details class="card" open>
            <summary>Cảnh báo của trình đọc văn bản (${draft.warnings.length})</summary>
            <ul class="small">
              ${draft.warnings.map((w) => html`<li>${w.message}${w.path ? html` <span class="muted">(${w.path})</span>` : ''}</li>`)}
            </ul>
          </details>`
        : ''
    }
    <div class="split">
      <div>${form}</div>
      <aside class="source-panel card">
        <h2>Văn bản gốc</h2>
        ${v.text === null ? html`<p class="muted">Tệp kế hoạch YAML: không có văn bản để đối chiếu.</p>` : sourcePanel(lines, draft.evidence, placed)}
      </aside>
    </div>`;
}

const changeVi = { added: 'Thêm', removed: 'Bỏ', changed: 'Sửa' } as const;
const itemVi: Record<PlanChange['item'], string> = {
  document: 'Văn bản',
  agency: 'Cơ quan',
  task: 'Nhiệm vụ',
  deadline: 'Hạn báo cáo',
  target: 'Chỉ tiêu',
  recipient: 'Nơi nhận',
  leader: 'Lãnh đạo',
};

export function diffTable(changes: readonly PlanChange[]): Html {
  if (!changes.length) return html`<p>Không có gì thay đổi so với phiên bản đang chạy.</p>`;
  return html`<table class="diff">
    <thead>
      <tr>
        <th>Mục</th>
        <th>Thay đổi</th>
        <th>Nội dung</th>
        <th>Trước</th>
        <th>Sau</th>
      </tr>
    </thead>
    <tbody>
      ${changes.map(
        (c) =>
          html`<tr class="${c.change}" data-item="${c.item}" data-id="${c.id}">
            <td>${itemVi[c.item]}</td>
            <td>${changeVi[c.change]}</td>
            <td>${c.label}</td>
            <td class="small">${c.before ? html`<del>${c.before}</del>` : ''}</td>
            <td class="small">${c.after ? html`<ins>${c.after}</ins>` : ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The year's due dates, then every agency's steps: reminders before, escalations after (the regime's own schedule). */
export function calendarTable(entries: readonly ObligationInstance[]): Html {
  if (!entries.length) return html`<p>Năm này không có hạn báo cáo nào.</p>`;
  const periods = [...new Map(entries.map((e) => [`${e.role}/${e.period}`, e])).values()];
  const day = (iso: string) => viDate(iso.slice(0, 10));
  return html`<table class="calendar">
      <thead>
        <tr>
          <th>Kỳ</th>
          <th>Ai báo cáo</th>
          <th>Hạn theo văn bản</th>
          <th>Hạn thực tế</th>
          <th>Số cơ quan</th>
        </tr>
      </thead>
      <tbody>
        ${periods.map((p) => {
          const n = entries.filter((e) => e.role === p.role && e.period === p.period).length;
          return html`<tr data-period="${p.period}" data-role="${p.role}">
            <td>${periodLabel(p.period)}</td>
            <td>${p.role === 'standing' ? 'Cơ quan thường trực' : 'Các cơ quan'}</td>
            <td>${viDate(p.statedLastDay)}</td>
            <td>
              <strong>${viDate(p.lastDay)}</strong
              >${p.lastDay !== p.statedLastDay ? html`<div class="small muted">ngày nghỉ: lùi theo Điều 148 BLDS</div>` : ''}${p.assumed ? html`<div class="note small">Ngày giả định (văn bản không nêu)</div>` : ''}
            </td>
            <td class="num">${n}</td>
          </tr>`;
        })}
      </tbody>
    </table>
    <h3>Lịch từng cơ quan: nhắc hạn và đôn đốc (08:00 các ngày làm việc)</h3>
    <table class="steps">
      <thead>
        <tr>
          <th>Cơ quan</th>
          <th>Kỳ</th>
          <th>Hạn</th>
          <th>Nhắc hạn (nếu chưa nộp)</th>
          <th>Quá hạn → đôn đốc</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map(
          (e) =>
            html`<tr data-agency="${e.agencyId}" data-period="${e.period}">
              <td>
                ${e.role === 'standing' ? '★ ' : ''}${e.agencyName}${e.answersFor.length ? html`<div class="small muted">thay cho ${e.answersFor.map((a) => a.name).join(', ')}</div>` : ''}
              </td>
              <td>${periodLabel(e.period)}</td>
              <td>${viDate(e.lastDay)}</td>
              <td class="small">${e.reminders.map((r) => day(r.at)).join(', ')}</td>
              <td class="small">
                ${e.escalations.map((s) => `${day(s.at)} (${s.level === 'overdue' ? 'thông báo quá hạn' : s.level === 'director' ? 'giám đốc' : 'lãnh đạo tỉnh'})`).join(', ')}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

export function previewPage(v: {
  draftId: string;
  plan: Plan;
  year: number;
  entries: ObligationInstance[];
  current: Plan | null;
  changes: PlanChange[] | null;
  nextCycle: { period: string; opensAt: string; dueAt: string } | null;
  ended: boolean;
  csrf: Html;
}): Html {
  const { plan } = v;
  const placeholders =
    plan.agencies.flatMap((a) => a.contacts).filter((c) => c.placeholder).length +
    plan.recipients.filter((r) => r.placeholder).length +
    plan.leadership.filter((l) => l.placeholder).length;
  return html`<p class="muted">${plan.document.title}</p>
    <p>
      Mã kế hoạch <code>${plan.id}</code> · ${plan.agencies.length} cơ quan · ${plan.tasks.length} nhiệm vụ · ${plan.targets.length} chỉ tiêu · thực hiện
      ${plan.document.horizon.from}–${plan.document.horizon.to}
    </p>
    ${v.ended ? html`<p class="note" role="status">Thời gian thực hiện đã kết thúc (năm ${plan.document.horizon.to}): kế hoạch được đăng ký ở trạng thái <strong>đã kết thúc</strong>, không gửi kế hoạch và không mở kỳ báo cáo nào.</p>` : ''}
    ${placeholders ? html`<p class="note">Còn ${placeholders} địa chỉ thư giữ chỗ (example.gov.vn): thư gửi tới đó sẽ không đến ai. Sửa ở bước trước hoặc trong danh bạ.</p>` : ''}
    ${plan.reporting.obligations.filter((o) => o.assumed).map((o) => html`<p class="note small">Hạn giả định (${o.id}): ${o.assumptionNote ?? ''}</p>`)}
    ${
      v.current
        ? html`<section class="card">
            <h2>Sửa đổi: những gì thay đổi</h2>
            <p>
              Kế hoạch này đang chạy. Phiên bản mới được áp dụng từ kỳ báo cáo tiếp
              theo${v.nextCycle ? html`: <strong>${periodLabel(v.nextCycle.period)}</strong> (mở ${viDateTime(v.nextCycle.opensAt)}, hạn ${viDateTime(v.nextCycle.dueAt)})` : ''};
              các kỳ đã mở giữ nguyên.
            </p>
            ${diffTable(v.changes ?? [])}
          </section>`
        : ''
    }
    <section class="card">
      <h2>Lịch báo cáo năm ${v.year}</h2>
      <p class="small muted">
        Xem trước lịch các bước mà quy trình sẽ thực hiện, tính từ văn bản bằng chính bộ lịch (ngày nghỉ, Điều 148 BLDS) và quy tắc nhắc, đôn đốc của dondoc; không chạy mô phỏng
        trên máy chủ Temporal. <a href="?year=${v.year - 1}">Năm ${v.year - 1}</a> · <a href="?year=${v.year + 1}">Năm ${v.year + 1}</a>
      </p>
      ${calendarTable(v.entries)}
    </section>
    <form method="post" action="/register/drafts/${v.draftId}/start">
      ${v.csrf}
      <p>
        <button type="submit">${v.current ? 'Áp dụng sửa đổi' : v.ended ? 'Đăng ký (đã kết thúc, không gửi)' : 'Khởi chạy kế hoạch'}</button>
        <a href="/register/drafts/${v.draftId}">Quay lại sửa</a> · <a href="/register/drafts/${v.draftId}/plan.yaml">Tải YAML</a>
      </p>
    </form>`;
}

export function registeredPlanPage(v: { plan: Plan; state: 'running' | 'ended'; at: string | null; sourceName: string | null }): Html {
  return html`<p class="muted">${v.plan.document.title}</p>
    <p>
      ${v.state === 'ended' ? html`<strong>Đã kết thúc</strong>: thời gian thực hiện đến năm ${v.plan.document.horizon.to} đã qua; kế hoạch được lưu, không gửi kế hoạch, không mở kỳ báo cáo.` : html`<strong>Đang chạy</strong> · <a href="/plans/${v.plan.id}">bảng theo dõi</a>`}
    </p>
    <p class="small muted">${v.at ? `Đăng ký lúc ${viDateTime(v.at)}` : ''}${v.sourceName ? ` từ ${v.sourceName}` : ''}</p>
    <p><a href="/plans/${v.plan.id}/plan.yaml">Tải tệp kế hoạch (YAML)</a> · <a href="/plans/${v.plan.id}/amend">Sửa đổi từ văn bản mới</a></p>`;
}
