/** The directory as CSV and XLSX: what is exported comes back whole; a bad row is named by row, column and reason. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryAgency } from '../../src/directory/model.js';
import { fromCsv, fromXlsx, toCsv, toXlsx } from '../../src/directory/files.js';
import { seedDirectory } from '../../src/directory/seed.js';
import { COLUMNS, directoryRows, parseDirectoryRows } from '../../src/directory/table.js';
import { loadPlanOrThrow } from '../../src/plan/load.js';

let directory: DirectoryAgency[];
beforeAll(async () => {
  directory = seedDirectory(await Promise.all(['son-la-37-ct-tw-2024', 'thai-nguyen-227-kh-ubnd-2021'].map((f) => loadPlanOrThrow(`plans/${f}.yaml`))));
  // Real contacts: several per role, a phone with its leading zero, a name with diacritics.
  const tc = directory.find((a) => a.id === 'son-la.so-tai-chinh')!;
  tc.contacts = [
    { role: 'focal', name: 'Lò Thị Mai', title: 'Chuyên viên phòng Ngân sách', email: 'mai.lt@sonla.gov.vn', phone: '0212 3852 456', placeholder: false },
    { role: 'focal', email: 'vanthu.stc@sonla.gov.vn', placeholder: false },
    { role: 'head', name: 'Cầm Văn Đức', title: 'Giám đốc', email: 'duc.cv@sonla.gov.vn', placeholder: false },
  ];
});

const header = [...COLUMNS];
const row = (cells: Partial<Record<(typeof COLUMNS)[number], string>>) => COLUMNS.map((c) => cells[c] ?? '');

describe('export and import', () => {
  it('CSV: every agency, name, contact and successor comes back as it was', async () => {
    const back = parseDirectoryRows(await fromCsv(await toCsv(directoryRows(directory))));
    expect(back.problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(back.agencies))).toEqual(JSON.parse(JSON.stringify(directory)));
  });

  it('XLSX: the same, and the phone keeps its leading zero', async () => {
    const back = parseDirectoryRows(await fromXlsx(await toXlsx(directoryRows(directory))));
    expect(back.problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(back.agencies))).toEqual(JSON.parse(JSON.stringify(directory)));
    expect(back.agencies.find((a) => a.id === 'son-la.so-tai-chinh')!.contacts[0]!.phone).toBe('0212 3852 456');
  });

  it('the CSV starts with a BOM so Excel reads the diacritics; Excel’s semicolon CSV reads too', async () => {
    const csv = await toCsv([header, row({ 'Mã cơ quan': 'son-la.so-noi-vu', Tỉnh: 'Sơn La', Loại: 'Sở', Tên: 'Sở Nội vụ' })]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const semi = Buffer.from(`${header.join(';')}\r\n${row({ 'Mã cơ quan': 'son-la.so-noi-vu', Tỉnh: 'Sơn La', Loại: 'Sở', Tên: 'Sở Nội vụ, tỉnh Sơn La' }).join(';')}\r\n`);
    const r = parseDirectoryRows(await fromCsv(semi));
    expect(r.problems).toEqual([]);
    expect(r.agencies[0]!.names[0]!.name).toBe('Sở Nội vụ, tỉnh Sơn La');
  });
});

describe('import reports each problem by row, column and reason, and imports nothing then', () => {
  it('a bad date, an unknown kind, a bad address and a contact without role', () => {
    const r = parseDirectoryRows([
      header,
      row({ 'Mã cơ quan': 'son-la.so-ke-hoach-va-dau-tu', Tỉnh: 'Sơn La', Loại: 'Sở', Tên: 'Sở Kế hoạch và Đầu tư', 'Tên dùng đến ngày': '30/02/2025' }),
      row({ 'Mã cơ quan': 'son-la.so-tai-chinh', Tỉnh: 'Sơn La', Loại: 'Bộ phận', Tên: 'Sở Tài chính' }),
      row({ 'Mã cơ quan': 'son-la.so-tai-chinh', 'Vai trò liên hệ': 'Đầu mối', 'Thư điện tử': 'mai.lt@sonla' }),
      row({ 'Mã cơ quan': 'son-la.so-tai-chinh', 'Thư điện tử': 'duc.cv@sonla.gov.vn' }),
    ]);
    expect(r.agencies).toEqual([]);
    expect(r.problems).toEqual([
      { row: 2, column: 'Tên dùng đến ngày', message: '"30/02/2025" không phải một ngày có thật (nhập dd/mm/yyyy)' },
      { row: 3, column: 'Loại', message: expect.stringContaining('"Bộ phận" không phải một loại cơ quan') },
      { row: 4, column: 'Thư điện tử', message: 'son-la.so-tai-chinh: Địa chỉ thư không hợp lệ' },
      { row: 5, column: 'Vai trò liên hệ', message: 'Liên hệ cần vai trò: Đầu mối hoặc Thủ trưởng' },
    ]);
  });

  it('a column the directory does not have is refused rather than dropped', () => {
    const r = parseDirectoryRows([
      [...header, 'Fax'],
      [...row({ 'Mã cơ quan': 'son-la.so-noi-vu', Tỉnh: 'Sơn La', Loại: 'Sở', Tên: 'Sở Nội vụ' }), '0212 385 000'],
    ]);
    expect(r.problems).toEqual([{ row: 1, column: null, message: expect.stringContaining('Cột "Fax" không thuộc danh bạ') }]);
  });

  it('a successor without its day, and two provinces for one agency', () => {
    const r = parseDirectoryRows([
      header,
      row({ 'Mã cơ quan': 'son-la.so-ke-hoach-va-dau-tu', Tỉnh: 'Sơn La', Loại: 'Sở', Tên: 'Sở Kế hoạch và Đầu tư', 'Cơ quan kế thừa': 'son-la.so-tai-chinh' }),
      row({ 'Mã cơ quan': 'son-la.so-ke-hoach-va-dau-tu', Tỉnh: 'Điện Biên' }),
    ]);
    expect(r.problems).toEqual([
      { row: 2, column: 'Kế thừa từ ngày', message: 'son-la.so-ke-hoach-va-dau-tu: Có cơ quan kế thừa nhưng thiếu ngày kế thừa' },
      { row: 3, column: 'Tỉnh', message: 'Khác với giá trị đã ghi ở dòng 2' },
    ]);
  });
});
