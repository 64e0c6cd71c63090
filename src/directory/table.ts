/**
 * The directory as a table, the way officers keep such lists in Excel: one row per line of an agency.
 * An agency's first row carries its id, province, kind and note; each row may carry one name (with the
 * days it was used), one contact and one successor; more names, contacts or successors take more rows
 * with the same id. Export and import use the same columns, so a file exported, edited and imported
 * loses nothing. Import reports each problem with its row (as Excel numbers it), column and reason, in
 * Vietnamese, and returns no agency at all when there is any problem. Pure.
 */
import { parseViDate } from '../edge/dates.js';
import { agencyKinds } from '../plan/schema.js';
import { contactRoleLabel, directoryAgencySchema, kindLabel, type AgencyKind, type DirectoryAgency } from './model.js';

export const COLUMNS = [
  'Mã cơ quan',
  'Tỉnh',
  'Loại',
  'Tên',
  'Tên viết tắt',
  'Tên dùng từ ngày',
  'Tên dùng đến ngày',
  'Vai trò liên hệ',
  'Họ và tên',
  'Chức vụ',
  'Thư điện tử',
  'Điện thoại',
  'Địa chỉ giữ chỗ',
  'Kế thừa từ ngày',
  'Cơ quan kế thừa',
  'Chức năng kế thừa',
  'Nhiệm vụ kế thừa',
  'Căn cứ',
  'Ghi chú',
] as const;
export type Column = (typeof COLUMNS)[number];

export interface TableProblem {
  /** The row as the spreadsheet numbers it (the header is row 1). */
  row: number;
  column: Column | null;
  message: string;
}

const viDate = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '');

/** The rows of `agencies`, header first, every cell text. */
export function directoryRows(agencies: readonly DirectoryAgency[]): string[][] {
  const rows: string[][] = [[...COLUMNS]];
  for (const a of agencies) {
    const lines = Math.max(1, a.names.length, a.contacts.length, a.successor?.to.length ?? 0);
    for (let i = 0; i < lines; i++) {
      const n = a.names[i];
      const c = a.contacts[i];
      const s = a.successor?.to[i];
      const first = i === 0;
      const cell: Record<Column, string> = {
        'Mã cơ quan': a.id,
        Tỉnh: first ? a.province : '',
        Loại: first ? kindLabel[a.kind] : '',
        Tên: n?.name ?? '',
        'Tên viết tắt': n?.shortName ?? '',
        'Tên dùng từ ngày': viDate(n?.from),
        'Tên dùng đến ngày': viDate(n?.to),
        'Vai trò liên hệ': c ? contactRoleLabel[c.role] : '',
        'Họ và tên': c?.name ?? '',
        'Chức vụ': c?.title ?? '',
        'Thư điện tử': c?.email ?? '',
        'Điện thoại': c?.phone ?? '',
        'Địa chỉ giữ chỗ': c?.placeholder ? 'có' : '',
        'Kế thừa từ ngày': first && a.successor ? viDate(a.successor.from) : '',
        'Cơ quan kế thừa': s?.agencyId ?? '',
        'Chức năng kế thừa': s?.functions ?? '',
        'Nhiệm vụ kế thừa': s?.tasks.join('; ') ?? '',
        'Căn cứ': first ? (a.successor?.basis ?? '') : '',
        'Ghi chú': first ? (a.note ?? '') : '',
      };
      rows.push(COLUMNS.map((k) => cell[k]));
    }
  }
  return rows;
}

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');
const kindByText = new Map<string, AgencyKind>([...agencyKinds.map((k) => [k, k] as const), ...Object.entries(kindLabel).map(([k, v]) => [fold(v), k as AgencyKind] as const)]);
const roleByText = new Map<string, 'focal' | 'head'>([
  ['focal', 'focal'],
  ['head', 'head'],
  [fold(contactRoleLabel.focal), 'focal'],
  [fold(contactRoleLabel.head), 'head'],
]);
const yes = new Set(['có', 'x', 'yes', 'true', '1']);
const no = new Set(['', 'không', 'no', 'false', '0']);

/** Which spreadsheet cell each field of an agency came from, to word a schema problem as row and column. */
type Origin = Map<string, { row: number; column: Column }>;

export function parseDirectoryRows(table: readonly (readonly string[])[]): { agencies: DirectoryAgency[]; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  const [header, ...body] = table;
  if (!header) return { agencies: [], problems: [{ row: 1, column: null, message: 'Tệp trống: cần dòng tiêu đề với các cột của danh bạ' }] };
  const index = new Map<Column, number>();
  header.forEach((h, i) => {
    const name = h.normalize('NFC').trim();
    if (name === '') return;
    const col = COLUMNS.find((c) => fold(c) === fold(name));
    if (!col)
      problems.push({ row: 1, column: null, message: `Cột "${name}" không thuộc danh bạ (các cột: ${COLUMNS.join(', ')}); dữ liệu của cột này sẽ bị mất nên tệp không được nhập` });
    else if (index.has(col)) problems.push({ row: 1, column: col, message: 'Cột có hai lần' });
    else index.set(col, i);
  });
  if (!index.has('Mã cơ quan')) problems.push({ row: 1, column: 'Mã cơ quan', message: 'Thiếu cột "Mã cơ quan"' });
  if (problems.length) return { agencies: [], problems };

  type Draft = {
    input: Record<string, unknown> & { names: unknown[]; contacts: unknown[] };
    successor: { from?: string; basis?: string; to: unknown[] } | null;
    origin: Origin;
    firstRow: number;
  };
  const drafts = new Map<string, Draft>();
  const get = (r: readonly string[], c: Column) => (index.has(c) ? (r[index.get(c)!] ?? '').normalize('NFC').trim() : '');

  body.forEach((r, i) => {
    const row = i + 2;
    if (r.every((v) => v.trim() === '')) return;
    const id = get(r, 'Mã cơ quan');
    if (!id) return void problems.push({ row, column: 'Mã cơ quan', message: 'Bắt buộc phải có (dòng tiếp theo của một cơ quan cũng ghi lại mã của nó)' });
    let d = drafts.get(id);
    if (!d) {
      d = { input: { id, names: [], contacts: [] }, successor: null, origin: new Map([['id', { row, column: 'Mã cơ quan' }]]), firstRow: row };
      drafts.set(id, d);
    }
    const draft = d;
    /** A field of the agency itself: given once, or repeated with the same value. */
    const single = (column: Column, key: string, value: unknown, set: (v: unknown) => void, current: unknown) => {
      if (value === undefined || value === '') return;
      if (current !== undefined && current !== value) return void problems.push({ row, column, message: `Khác với giá trị đã ghi ở dòng ${draft.origin.get(key)?.row}` });
      set(value);
      draft.origin.set(key, { row, column });
    };
    const day = (column: Column): string | null | undefined => {
      const v = get(r, column);
      if (!v) return null;
      const iso = parseViDate(v);
      if (!iso) problems.push({ row, column, message: `"${v}" không phải một ngày có thật (nhập dd/mm/yyyy)` });
      return iso ?? undefined;
    };

    single('Tỉnh', 'province', get(r, 'Tỉnh'), (v) => (draft.input.province = v), draft.input.province);
    const kindText = get(r, 'Loại');
    if (kindText) {
      const kind = kindByText.get(fold(kindText));
      if (!kind) problems.push({ row, column: 'Loại', message: `"${kindText}" không phải một loại cơ quan (một trong: ${Object.values(kindLabel).join(', ')})` });
      else single('Loại', 'kind', kind, (v) => (draft.input.kind = v), draft.input.kind);
    }
    single('Ghi chú', 'note', get(r, 'Ghi chú'), (v) => (draft.input.note = v), draft.input.note);

    const name = get(r, 'Tên');
    const nameFrom = day('Tên dùng từ ngày');
    const nameTo = day('Tên dùng đến ngày');
    if (name) {
      const k = `names.${draft.input.names.length}`;
      draft.origin.set(`${k}.name`, { row, column: 'Tên' });
      draft.origin.set(`${k}.to`, { row, column: 'Tên dùng đến ngày' });
      draft.origin.set(`${k}.from`, { row, column: 'Tên dùng từ ngày' });
      draft.input.names.push({ name, shortName: get(r, 'Tên viết tắt'), from: nameFrom ?? null, to: nameTo ?? null });
    } else if (get(r, 'Tên viết tắt') || nameFrom || nameTo) problems.push({ row, column: 'Tên', message: 'Có tên viết tắt hoặc ngày dùng tên nhưng không có tên' });

    const email = get(r, 'Thư điện tử');
    const roleText = get(r, 'Vai trò liên hệ');
    if (email || roleText || get(r, 'Họ và tên') || get(r, 'Điện thoại')) {
      const role = roleByText.get(fold(roleText));
      if (!role)
        problems.push({
          row,
          column: 'Vai trò liên hệ',
          message: roleText ? `"${roleText}" không phải vai trò (Đầu mối hoặc Thủ trưởng)` : 'Liên hệ cần vai trò: Đầu mối hoặc Thủ trưởng',
        });
      const ph = fold(get(r, 'Địa chỉ giữ chỗ'));
      if (!yes.has(ph) && !no.has(ph)) problems.push({ row, column: 'Địa chỉ giữ chỗ', message: 'Ghi "có" hoặc để trống' });
      const k = `contacts.${draft.input.contacts.length}`;
      for (const [f, column] of [
        ['email', 'Thư điện tử'],
        ['phone', 'Điện thoại'],
        ['role', 'Vai trò liên hệ'],
        ['name', 'Họ và tên'],
        ['title', 'Chức vụ'],
      ] as const)
        draft.origin.set(`${k}.${f}`, { row, column });
      draft.input.contacts.push({ role: role ?? roleText, name: get(r, 'Họ và tên'), title: get(r, 'Chức vụ'), email, phone: get(r, 'Điện thoại'), placeholder: yes.has(ph) });
    }

    const from = day('Kế thừa từ ngày');
    const successorId = get(r, 'Cơ quan kế thừa');
    const basis = get(r, 'Căn cứ');
    if (from || successorId || basis || get(r, 'Chức năng kế thừa') || get(r, 'Nhiệm vụ kế thừa')) {
      draft.successor ??= { to: [] };
      const s = draft.successor;
      single('Kế thừa từ ngày', 'successor.from', from ?? undefined, (v) => (s.from = v as string), s.from);
      single('Căn cứ', 'successor.basis', basis, (v) => (s.basis = v as string), s.basis);
      if (successorId || get(r, 'Chức năng kế thừa') || get(r, 'Nhiệm vụ kế thừa')) {
        const k = `successor.to.${s.to.length}`;
        draft.origin.set(`${k}.agencyId`, { row, column: 'Cơ quan kế thừa' });
        draft.origin.set(`${k}.tasks`, { row, column: 'Nhiệm vụ kế thừa' });
        s.to.push({
          agencyId: successorId,
          functions: get(r, 'Chức năng kế thừa'),
          tasks: get(r, 'Nhiệm vụ kế thừa')
            .split(/[;,\n]/)
            .map((t) => t.trim())
            .filter(Boolean),
        });
      }
    }
  });

  const agencies: DirectoryAgency[] = [];
  for (const d of drafts.values()) {
    const input = { ...d.input, successor: d.successor ? { from: d.successor.from ?? '', basis: d.successor.basis, to: d.successor.to } : null };
    if (d.successor && !d.successor.from) d.origin.set('successor.from', { row: d.firstRow, column: 'Kế thừa từ ngày' });
    if (!d.origin.has('province')) d.origin.set('province', { row: d.firstRow, column: 'Tỉnh' });
    if (!d.origin.has('kind')) d.origin.set('kind', { row: d.firstRow, column: 'Loại' });
    if (d.input.names.length === 0) d.origin.set('names', { row: d.firstRow, column: 'Tên' });
    if (d.successor && d.successor.to.length === 0) d.origin.set('successor.to', { row: d.firstRow, column: 'Cơ quan kế thừa' });
    const parsed = directoryAgencySchema.safeParse(input);
    if (parsed.success) {
      agencies.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      // The most precise cell known: the field, else its parent (a whole name, contact, successor).
      const parts = path.split('.');
      let at: { row: number; column: Column } | undefined;
      for (let n = parts.length; n > 0 && !at; n--) at = d.origin.get(parts.slice(0, n).join('.'));
      const message = path === 'successor.from' && !d.successor?.from ? 'Có cơ quan kế thừa nhưng thiếu ngày kế thừa' : issue.message.replace(/^[^:]+: /, '');
      problems.push({ row: at?.row ?? d.firstRow, column: at?.column ?? null, message: `${d.input.id}: ${message}` });
    }
  }
  // One reason per cell: the row check's own words before the schema's restatement of it.
  const seen = new Set<string>();
  const unique = problems
    .sort((a, b) => a.row - b.row)
    .filter((p) => {
      const k = `${p.row}/${p.column}`;
      if (p.column !== null && seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  return unique.length ? { agencies: [], problems: unique } : { agencies, problems: [] };
}
