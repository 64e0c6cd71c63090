/**
 * Today's administration as data: the 34 provinces and centrally-run cities from 01/07/2025 with the names
 * they absorbed (src/import/data/provinces.json), the ministries and ministerial-level agencies of the
 * Government from 01/03/2025 with their former names (data/ministries.json). Documents are read against
 * these lists, so a plan from any province, a city or a ministry is recognised without a rule per document.
 */
import ministries from './data/ministries.json' with { type: 'json' };
import provinces from './data/provinces.json' with { type: 'json' };
import { fold } from './text.js';

export interface ProvinceUnit {
  /** The name without its kind word: "Hồ Chí Minh", "Thái Nguyên". */
  name: string;
  kind: 'tỉnh' | 'thành phố';
  /** The province (from 01/07/2025) the name belongs to; itself for a unit that still exists. */
  current: string;
  currentKind: 'tỉnh' | 'thành phố';
  /** True when the name is one of the 63 units merged away on 01/07/2025. */
  merged: boolean;
}

const key = (s: string) =>
  fold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const units: ProvinceUnit[] = provinces.units.flatMap((u) => {
  const kind = u.kind as ProvinceUnit['kind'];
  const own: ProvinceUnit = { name: u.name, kind, current: u.name, currentKind: kind, merged: false };
  const aka = ((u as { alsoKnownAs?: string[] }).alsoKnownAs ?? []).map((n) => ({ ...own, name: n }));
  const former = u.formerly.map((n): ProvinceUnit => ({ name: n, kind: 'tỉnh', current: u.name, currentKind: kind, merged: true }));
  return [own, ...aka, ...former];
});

/** Every province name, current and former, longest first (so "Bà Rịa - Vũng Tàu" wins over shorter ones). */
export const provinceUnits: readonly ProvinceUnit[] = [...units].sort((a, b) => b.name.length - a.name.length);

export const provinceSource = provinces.source;

/** The unit a name denotes, compared without diacritics, case or punctuation; undefined if none. */
export function provinceByName(name: string): ProvinceUnit | undefined {
  const k = key(name);
  return provinceUnits.find((u) => key(u.name) === k);
}

/** The first province name at the start of `text` ("THANH HÓA NĂM 2026" → Thanh Hóa). */
export function provinceAtStart(text: string): ProvinceUnit | undefined {
  const k = ` ${key(text)} `;
  return provinceUnits.find((u) => k.startsWith(` ${key(u.name)} `));
}

/** "Ủy ban nhân dân tỉnh Sơn La", "Ủy ban nhân dân thành phố Hồ Chí Minh". */
export function committeeName(unit: Pick<ProvinceUnit, 'name' | 'kind'>): string {
  return `Ủy ban nhân dân ${unit.kind} ${unit.name}`;
}

export interface Ministry {
  name: string;
  /** For a former name: the ministry that carries its work since 01/03/2025. */
  successor?: string;
}

export const ministryList: readonly Ministry[] = [
  ...[...ministries.ministries, ...ministries.ministerialAgencies, ...ministries.governmentAgencies].map((name) => ({ name })),
  ...Object.entries(ministries.former).map(([name, successor]) => ({ name, successor })),
];

/** The ministry a name denotes ("BỘ CÔNG AN" → Bộ Công an). */
export function ministryByName(name: string): Ministry | undefined {
  const k = key(name);
  return ministryList.find((m) => key(m.name) === k);
}

/** The ministry whose name starts `text` ("BỘ TƯ PHÁP Số: …"), longest name first. */
export function ministryAtStart(text: string): Ministry | undefined {
  const k = ` ${key(text)} `;
  return [...ministryList].sort((a, b) => b.name.length - a.name.length).find((m) => k.startsWith(` ${key(m.name)} `));
}
