/**
 * Reading plan files: YAML → validated Plan, or a list of errors that each name the file, the field path
 * and the reason. Nothing here throws on bad input; callers decide how to report.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { MAX_PLAN_ALIASES, MAX_PLAN_FILE_BYTES } from '../edge/limits.js';
import { xmlSafe } from '../edge/text.js';
import { formatViNumber } from '../edge/viNumber.js';
import { planSchema, type Plan } from './schema.js';

/** At most this many errors per file: a file that is wrong everywhere says so quickly. */
const MAX_ERRORS = 200;

export interface PlanError {
  file: string;
  /** Dotted field path, e.g. `tasks[3].lead[0]`; empty for file-level errors. */
  path: string;
  message: string;
  /** 1-based line in the file where the YAML parser or the field points, when known. */
  line?: number;
}

export type PlanResult = { ok: true; plan: Plan; file: string } | { ok: false; file: string; errors: PlanError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/**
 * Parses and validates plan text. `file` is only used to label errors. Never throws: whatever the
 * text (too large, an alias bomb, a parser failure), the result is this file's errors.
 */
export function parsePlan(text: string, file: string): PlanResult {
  try {
    return parsePlanText(text, file);
  } catch (err) {
    return { ok: false, file, errors: [{ file, path: '', message: `không đọc được tệp / cannot read the file: ${(err as Error).message}` }] };
  }
}

function parsePlanText(text: string, file: string): PlanResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_PLAN_FILE_BYTES) return { ok: false, file, errors: [tooLarge(file, bytes)] };
  const source = text.normalize('NFC');
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      file,
      errors: doc.errors.map((e) => ({
        file,
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
        line: e.linePos?.[0]?.line,
      })),
    };
  }
  // Aliases are bounded per file (a "billion laughs" file is made of them), as a plain error of this file.
  let aliases = 0;
  visit(doc, { Alias: () => void aliases++ });
  if (aliases > MAX_PLAN_ALIASES)
    return { ok: false, file, errors: [{ file, path: '', message: `quá nhiều bí danh YAML / too many YAML aliases: ${aliases} (tối đa / at most ${MAX_PLAN_ALIASES})` }] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_PLAN_ALIASES });
  } catch (err) {
    // yaml counts expanded aliases too: nested aliases that would expand too far are the same refusal.
    if (!/alias/i.test((err as Error).message)) throw err;
    return { ok: false, file, errors: [{ file, path: '', message: `bí danh YAML lồng nhau quá nhiều / YAML aliases expand too far (tối đa / at most ${MAX_PLAN_ALIASES})` }] };
  }
  // The document's words go into DOCX and XLSX files: cleaned like every other text at an edge.
  const parsed = planSchema.safeParse(cleanStrings(data));
  if (parsed.success) return { ok: true, plan: parsed.data, file };
  const lines = lineStarts(source);
  return { ok: false, file, errors: parsed.error.issues.slice(0, MAX_ERRORS).flatMap((issue) => toPlanErrors(issue, file, doc, lines)) };
}

/** Every string of parsed YAML, NFC and XML-safe (keys too). */
function cleanStrings(v: unknown): unknown {
  if (typeof v === 'string') return xmlSafe(v);
  if (Array.isArray(v)) return v.map(cleanStrings);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [xmlSafe(k), cleanStrings(x)]));
  return v;
}

const tooLarge = (file: string, bytes: number): PlanError => ({
  file,
  path: '',
  message: `tệp quá lớn / file too large: ${formatViNumber(bytes)} byte (tối đa / at most ${formatViNumber(MAX_PLAN_FILE_BYTES)})`,
});

function toPlanErrors(issue: z.core.$ZodIssue, file: string, doc: ReturnType<typeof parseDocument>, lines: number[]): PlanError[] {
  const lineAt = (path: readonly PropertyKey[], key = false) => {
    const node = key ? keyNode(doc, path) : (doc.getIn(path as (string | number)[], true) as { range?: [number, number, number] } | undefined);
    return node && typeof node === 'object' && node.range ? lineOf(lines, node.range[0]) : undefined;
  };
  if (issue.code === 'unrecognized_keys') {
    // One error per unknown key, at its own line, with the nearest known key: "remindres → reminders?".
    const known = knownKeys(issue.path);
    return issue.keys.map((k) => {
      const near = nearest(k, known);
      const line = lineAt([...issue.path, k], true);
      return { file, path: formatPath([...issue.path, k]), message: `khoá không được nhận / unknown key${near ? `: ${k} → ${near}?` : ` "${k}"`}`, ...(line ? { line } : {}) };
    });
  }
  const line = lineAt(issue.path);
  return [{ file, path: formatPath(issue.path), message: issue.message, ...(line ? { line } : {}) }];
}

/** The key node (not its value) of a mapping entry, for the line of an unknown key. */
function keyNode(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): { range?: [number, number, number] } | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as (string | number)[], true) : doc.contents;
  const items = (parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null)?.items;
  return items?.find((p) => p.key?.value === path.at(-1))?.key;
}

/** Offsets where each line starts; a line number is then a binary search, not a scan per error. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

type Def = { type: string; shape?: Record<string, { _zod: { def: Def } }>; innerType?: { _zod: { def: Def } }; element?: { _zod: { def: Def } }; in?: { _zod: { def: Def } } };

/** The keys the plan schema knows at a path (an object's shape, through defaults, optionals, arrays). */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  let def: Def | undefined = (planSchema as unknown as { _zod: { def: Def } })._zod.def;
  const unwrap = () => {
    while (def && ['default', 'optional', 'nullable', 'prefault', 'pipe', 'readonly', 'catch'].includes(def.type)) def = (def.innerType ?? def.in)?._zod.def;
  };
  for (const step of path) {
    unwrap();
    if (!def) return [];
    if (def.type === 'array' && typeof step === 'number') def = def.element?._zod.def;
    else if (def.type === 'object' && typeof step === 'string') def = def.shape?.[step]?._zod.def;
    else return [];
  }
  unwrap();
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The known key closest to a misspelt one (Levenshtein, at most a third of its length), or null. */
export function nearest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = levenshtein(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Reads and validates one plan file; never throws. A file over the size limit is refused before it is read. */
export async function loadPlanFile(file: string): Promise<PlanResult> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_PLAN_FILE_BYTES) return { ok: false, file, errors: [tooLarge(file, size)] };
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, file, errors: [{ file, path: '', message: `cannot read file: ${(err as Error).message}` }] };
  }
  return parsePlan(text, file);
}

/** Loads a plan or throws one Error listing every problem (for entry points that cannot go on). */
export async function loadPlanOrThrow(file: string): Promise<Plan> {
  const result = await loadPlanFile(file);
  if (result.ok) return result.plan;
  throw new Error(result.errors.map(formatPlanError).join('\n'));
}

export function formatPlanError(e: PlanError): string {
  const where = e.line ? `${e.file}:${e.line}` : e.file;
  return e.path ? `${where}: ${e.path}: ${e.message}` : `${where}: ${e.message}`;
}
