/**
 * The statutory public holidays as data, each with the day it took effect, so a new holiday from a date is one
 * line here (and a test). Labour Code 2019 (45/2019/QH14, in force 01/01/2021), Art. 112(1):
 * a) Tết Dương lịch 1/1; b) Tết Âm lịch, 5 days; c) 30/4; d) 1/5; đ) Quốc khánh 2/9 and one adjacent day
 * (before or after); e) Giỗ Tổ Hùng Vương 10/3 lunar. Art. 112(3): the Prime Minister fixes the days of b) and
 * đ) each year. Before 2021 the Labour Code 2012 (10/2012/QH13, in force 01/05/2013, Art. 115) gave the same
 * days without the adjacent day of 2/9; years before 01/05/2013 are not modelled.
 *
 * Not a holiday (yet): 24/11 (Ngày Văn hóa Việt Nam). Resolution 80-NQ/TW proposes it as a paid day off and
 * the government has tasked an amendment of Art. 112; add it here with the date the amended law takes effect.
 */
import type { IsoDate } from './isoDate.js';

export type HolidayRule =
  | { kind: 'solar'; month: number; day: number }
  | { kind: 'lunar'; month: number; day: number }
  /** Tết: the days the Prime Minister chooses; computed as the last day of the lunar year and the first `days − 1`. */
  | { kind: 'tet'; days: number }
  /** The day next to 2/9 the Prime Minister chooses; computed as the one that joins a weekend. */
  | { kind: 'national-day-adjacent' };

export interface StatutoryHoliday {
  id: string;
  name: string;
  rule: HolidayRule;
  /** First day the rule applies. */
  from: IsoDate;
  /** Last day it applies, when repealed. */
  until?: IsoDate;
  basis: string;
}

export const STATUTORY_HOLIDAYS: readonly StatutoryHoliday[] = [
  { id: 'tet-duong-lich', name: 'Tết Dương lịch', rule: { kind: 'solar', month: 1, day: 1 }, from: '2013-05-01', basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a' },
  { id: 'tet-am-lich', name: 'Tết Âm lịch', rule: { kind: 'tet', days: 5 }, from: '2013-05-01', basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b' },
  {
    id: 'gio-to',
    name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    rule: { kind: 'lunar', month: 3, day: 10 },
    from: '2013-05-01',
    basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm e',
  },
  { id: 'chien-thang', name: 'Ngày Chiến thắng', rule: { kind: 'solar', month: 4, day: 30 }, from: '2013-05-01', basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm c' },
  { id: 'quoc-te-lao-dong', name: 'Ngày Quốc tế lao động', rule: { kind: 'solar', month: 5, day: 1 }, from: '2013-05-01', basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm d' },
  { id: 'quoc-khanh', name: 'Quốc khánh', rule: { kind: 'solar', month: 9, day: 2 }, from: '2013-05-01', basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ' },
  {
    id: 'quoc-khanh-lien-ke',
    name: 'Quốc khánh (ngày liền kề)',
    rule: { kind: 'national-day-adjacent' },
    from: '2021-01-01',
    basis: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ',
  },
];

/** Art. 111(3): a holiday on the weekly rest day gives the next working day off. */
export const COMPENSATION_BASIS = 'Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù)';
