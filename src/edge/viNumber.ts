/**
 * Numbers as Vietnamese is written: "." groups thousands, "," starts the decimals. "16.000" is sixteen
 * thousand, "63,5" is sixty-three and a half, "1.234,5" and "1 234,5" are both 1234.5. One parser for
 * the portal, the CLI and the importer. Pure.
 */

/** The number `s` writes, or NaN when it is not a number written the Vietnamese way (e.g. "63.5", "abc"). */
export function parseViNumber(s: string): number {
  const t = s.trim().replace(/[\s\u00A0\u202F]/g, '');
  const m = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(t);
  if (!m) return NaN;
  return Number(`${m[1]}${m[2]!.replace(/\./g, '')}${m[3] ? `.${m[3]}` : ''}`);
}

/** 63.5 → "63,5"; 16000 → "16.000". */
export function formatViNumber(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}
