/**
 * Reading plan files: YAML → validated Plan, or a list of errors that each name the file, the field path
 * and the reason. Nothing here throws on bad input; callers decide how to report.
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { planSchema, type Plan } from './schema.js';

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
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Parses and validates plan text. `file` is only used to label errors. */
export function parsePlan(text: string, file: string): PlanResult {
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
  const data: unknown = doc.toJS();
  const parsed = planSchema.safeParse(data);
  if (parsed.success) return { ok: true, plan: parsed.data, file };
  return { ok: false, file, errors: parsed.error.issues.map((issue) => toPlanError(issue, file, doc, source)) };
}

function toPlanError(issue: z.core.$ZodIssue, file: string, doc: ReturnType<typeof parseDocument>, source: string): PlanError {
  const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
  let line: number | undefined;
  if (node && typeof node === 'object' && node.range) {
    line = lineOf(source, node.range[0]);
  }
  return { file, path: formatPath(issue.path), message: issue.message, ...(line ? { line } : {}) };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export async function loadPlanFile(file: string): Promise<PlanResult> {
  let text: string;
  try {
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
