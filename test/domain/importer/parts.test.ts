import { ministryList } from '../../../src/import/admin.js';
import { describe, expect, it } from 'vitest';
import { agencyId, splitAgencyList, toAgency } from '../../../src/import/agencies.js';
import { Findings } from '../../../src/import/evidence.js';
import { extractReporting } from '../../../src/import/reporting.js';
import { buildOutline } from '../../../src/import/structure.js';
import { extractTargets, parseNumber } from '../../../src/import/targets.js';
import { extractAssignments } from '../../../src/import/tasks.js';
import { slug, toBlocks } from '../../../src/import/text.js';

describe('agency names', () => {
  it('three spellings of the Department of Labour are one agency with the convention id', () => {
    const ids = ['Sở Lao động - Thương binh và Xã hội', 'Sở LĐTBXH', 'Sở Lao động-Thương binh và Xã hội', 'Sở LĐTB&XH'].map((n) => agencyId(n));
    expect(new Set(ids)).toEqual(new Set(['so-lao-dong-thuong-binh-va-xa-hoi']));
    expect(toAgency('Sở LĐTBXH').name).toBe('Sở Lao động - Thương binh và Xã hội');
  });

  it('"Đề nghị" is dropped, names with commas stay whole, collective phrases are not agencies', () => {
    const items = splitAgencyList(
      'Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, Liên đoàn Lao động tỉnh, các Hội, Hiệp hội doanh nghiệp, UBND các huyện, thành phố, thị xã và các đơn vị liên quan',
    );
    expect(items.filter((i) => i.agency).map((i) => i.agency!.id)).toEqual([
      'uy-ban-mat-tran-to-quoc-tinh',
      'lien-doan-lao-dong-tinh',
      'cac-hoi-hiep-hoi-doanh-nghiep',
      'ubnd-cac-huyen-thanh-pho',
    ]);
    expect(splitAgencyList('các sở, ban, ngành của tỉnh').every((i) => i.group)).toBe(true);
  });

  it('"tỉnh <name>" suffixes drop from ids; ids are ASCII', () => {
    expect(agencyId('Liên đoàn Lao động tỉnh Thái Bình', 'Thái Bình')).toBe('lien-doan-lao-dong-tinh');
    expect(slug('Đài Phát thanh và Truyền hình Thái Bình')).toBe('dai-phat-thanh-va-truyen-hinh-thai-binh');
  });
});

describe('text and outline', () => {
  it('joins a sentence broken over lines and keeps numbered headings apart', () => {
    const blocks = toBlocks(
      'V. TỔ CHỨC THỰC HIỆN\n1. Sở Lao động - Thương binh và Xã\nhội\n- Chủ trì, phối hợp với các sở, ban,\nngành xây dựng kế hoạch.\n2. Sở Tài chính: Bố trí kinh phí.',
    );
    expect(blocks.map((b) => b.text)).toEqual([
      'V. TỔ CHỨC THỰC HIỆN',
      '1. Sở Lao động - Thương binh và Xã hội',
      '- Chủ trì, phối hợp với các sở, ban, ngành xây dựng kế hoạch.',
      '2. Sở Tài chính: Bố trí kinh phí.',
    ]);
    const ids = [...buildOutline(blocks).children[0]!.children].map((c) => c.id);
    expect(ids).toEqual(['v.1', 'v.2']);
  });

  it('numbers with roman numerals, digits, letters (đ → dd) and dashes', () => {
    const root = buildOutline(toBlocks('## III. NHIỆM VỤ\n**1. Phát triển**\na) Việc một.\nđ) Việc hai.\n- Ý một;\n- Ý hai.'));
    const iii = root.children[0]!;
    expect(iii.children[0]!.children.map((c) => c.id)).toEqual(['iii.1.a', 'iii.1.dd']);
    expect(iii.children[0]!.children[1]!.children.map((c) => c.id)).toEqual(['iii.1.dd.1', 'iii.1.dd.2']);
  });
});

describe('tasks', () => {
  it('dashes under one heading become separate tasks only when they assign different agencies', () => {
    const text =
      'V. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Phát triển nông thôn\n- Chỉ đạo đào tạo nghề nông nghiệp.\n- Phối hợp với Sở Lao động - Thương binh và Xã hội triển khai chính sách.\n2. Công an tỉnh\n- Việc một.\n- Việc hai.';
    const blocks = toBlocks(text);
    const r = extractAssignments(buildOutline(blocks), blocks, 'Thử', false, new Findings());
    expect(r.tasks.map((t) => [t.id, t.lead.join(','), t.cooperating.join(',')])).toEqual([
      ['v.1.1', 'so-nong-nghiep-va-phat-trien-nong-thon', ''],
      ['v.1.2', 'so-lao-dong-thuong-binh-va-xa-hoi', 'so-nong-nghiep-va-phat-trien-nong-thon'],
      ['v.2', 'cong-an-tinh', ''],
    ]);
  });
});

describe('deadlines and targets', () => {
  const run = (text: string) => {
    const blocks = toBlocks(text);
    const root = buildOutline(blocks);
    const f = new Findings();
    const a = extractAssignments(root, blocks, 'Thử', false, f);
    const top = { id: 'ubnd-tinh', name: 'Ủy ban nhân dân tỉnh Thử' };
    return extractReporting(
      { root, headings: a.headings, known: a.known, isLetter: false, horizon: { from: 2024, to: 2030 }, targetYears: [2025, 2030], top, ministries: ministryList },
      f,
    );
  };

  // The plan schema: "periodic: several period types at once (e.g. 6-month and annual)".
  it('"Định kỳ 6 tháng trước ngày 15/6, hàng năm trước ngày 10/12" is a periodic report with two stated deadlines', () => {
    const r = run(
      'V. TỔ CHỨC THỰC HIỆN\n1. Sở Lao động - Thương binh và Xã hội\nTheo dõi, đôn đốc.\n2. Chế độ báo cáo\nCác sở, ban, ngành định kỳ báo cáo UBND tỉnh (qua Sở Lao động - Thương binh và Xã hội) ( Định kỳ 6 tháng trước ngày 15/6, hàng năm trước ngày 10/12).',
    );
    expect(r.standingAgency).toBe('so-lao-dong-thuong-binh-va-xa-hoi');
    const [agencies, own] = r.obligations;
    expect(agencies!.frequency).toBe('periodic');
    expect(agencies!.deadlines.map((d) => `${d.period} ${d.rule} ${d.day}/${d.month} ${d.assumed}`)).toEqual(['H1 before 15/6 false', 'year before 10/12 false']);
    expect(own!.deadlines.every((d) => d.assumed)).toBe(true);
  });

  it('"sơ kết 05 năm, tổng kết 10 năm" puts the reviews 5 and 10 years after the start, assumed', () => {
    const r = run(
      'V. TỔ CHỨC THỰC HIỆN\n1. Sở Lao động - Thương binh và Xã hội\nLà cơ quan thường trực; đánh giá sơ kết 05 năm, tổng kết 10 năm, báo cáo Ủy ban nhân dân tỉnh trước ngày 20 tháng 12 hằng năm.',
    );
    expect(r.reviewYears).toEqual([2029, 2034]);
    expect(r.obligations.find((o) => o.kind === 'consolidated-report' && o.frequency === 'annual')?.deadlines).toEqual([
      { period: 'year', rule: 'before', day: 20, month: 12, assumed: false },
    ]);
  });

  it('reads "đạt 75% vào năm 2025 và đạt 78% vào năm 2030" as two targets and "dưới" as at most', () => {
    const root = buildOutline(
      toBlocks('II. MỤC TIÊU\n2. Mục tiêu cụ thể\n- Tỷ lệ lao động qua đào tạo đạt 75% vào năm 2025 và đạt 78% vào năm 2030.\n- Tỷ lệ thất nghiệp chung dưới 2%.'),
    );
    const t = extractTargets(root, 2030, new Findings());
    expect(t.map((x) => `${x.label} ${x.comparison} ${x.value}${x.unit} ${x.year}`)).toEqual([
      'Tỷ lệ lao động qua đào tạo >= 75% 2025',
      'Tỷ lệ lao động qua đào tạo >= 78% 2030',
      'Tỷ lệ thất nghiệp chung <= 2% 2030',
    ]);
    expect([parseNumber('5.000'), parseNumber('6,5')]).toEqual([5000, 6.5]);
  });
});
