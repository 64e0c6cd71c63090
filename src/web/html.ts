/**
 * HTML building with escaping by default: every value interpolated into `html\`…\`` is escaped unless
 * it is itself the result of `html` (or `raw`). Pages are strings; no template engine needed.
 */
import { escapeHtml } from '../html/escape.js';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const esc = escapeHtml;

type Value = Html | string | number | null | undefined | false | readonly Value[];

const render = (v: Value): string => (v === null || v === undefined || v === false ? '' : v instanceof Html ? v.value : Array.isArray(v) ? v.map(render).join('') : esc(String(v)));

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Html(out);
}

/** Trusted markup (built here, never from input). */
export const raw = (s: string) => new Html(s);
