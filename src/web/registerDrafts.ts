/**
 * Drafts between the steps of registering a plan (upload → review → preview → start), kept in the
 * content store as JSON: a draft's id is its hash, so any web replica can serve the next step and a
 * corrected draft is a new id, never an overwrite. The uploaded file and its text are stored beside it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Evidence, ImportWarning } from '../import/evidence.js';
import { importPlan } from '../import/importPlan.js';
import { readSource, SourceError } from '../import/sources.js';
import { summarise } from '../import/summary.js';
import { formatPlanError, parsePlan } from '../plan/load.js';
import type { PlanInput } from '../plan/schema.js';
import type { ContentStore } from '../storage/contentStore.js';
import type { PlanSourceKind } from './uploads.js';

export interface Draft {
  v: 1;
  plan: PlanInput;
  warnings: ImportWarning[];
  evidence: Evidence[];
  /** The importer's summary line (what was found, what to check); null for a YAML plan file. */
  summary: string | null;
  source: { name: string; kind: PlanSourceKind; fileSha256: string; textSha256: string | null };
  /** The running plan this draft amends, or null for a new registration. */
  amendOf: string | null;
}

const DRAFT_EXT = '.draft.json';
const TEXT_EXT = '.txt';

/** The text of a DOCX or PDF, through the importer's own reader (it reads files: a private temporary one). */
async function documentText(buf: Buffer, kind: 'docx' | 'pdf', name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-register-'));
  try {
    const file = join(dir, `upload.${kind}`);
    await writeFile(file, buf);
    return (await readSource(file)).text;
  } catch (err) {
    if (err instanceof SourceError) throw new SourceError(name, err.code, err.reason);
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An uploaded document or plan file → a draft, or the reasons it cannot be one (Vietnamese). */
export async function draftFromUpload(
  storage: ContentStore,
  file: { name: string; kind: PlanSourceKind; buf: Buffer },
  amendOf: string | null,
): Promise<{ ok: true; draft: Draft } | { ok: false; reasons: string[] }> {
  const { sha256: fileSha256 } = await storage.put(file.buf);
  if (file.kind === 'yaml') {
    const parsed = parsePlan(file.buf.toString('utf8'), file.name);
    if (!parsed.ok) return { ok: false, reasons: parsed.errors.map(formatPlanError) };
    return {
      ok: true,
      draft: { v: 1, plan: parsed.plan, warnings: [], evidence: [], summary: null, source: { name: file.name, kind: 'yaml', fileSha256, textSha256: null }, amendOf },
    };
  }
  let text: string;
  try {
    text = (file.kind === 'text' ? file.buf.toString('utf8') : await documentText(file.buf, file.kind, file.name)).normalize('NFC');
  } catch (err) {
    if (err instanceof SourceError) return { ok: false, reasons: [`${file.name}: ${err.reason}`] };
    throw err;
  }
  const { sha256: textSha256 } = await storage.put(text, TEXT_EXT);
  const r = importPlan(text, { source: file.name });
  if (!r.ok) return { ok: false, reasons: [r.reason, ...r.warnings.map((w) => w.message)] };
  return {
    ok: true,
    draft: {
      v: 1,
      plan: r.plan,
      warnings: r.warnings,
      evidence: r.evidence,
      summary: summarise(r.plan, r.warnings).line,
      source: { name: file.name, kind: file.kind, fileSha256, textSha256 },
      amendOf,
    },
  };
}

export async function putDraft(storage: ContentStore, draft: Draft): Promise<string> {
  return (await storage.put(JSON.stringify(draft), DRAFT_EXT)).sha256;
}

export async function getDraft(storage: ContentStore, id: string): Promise<Draft | null> {
  if (!/^[0-9a-f]{64}$/.test(id) || !(await storage.has(id, DRAFT_EXT))) return null;
  return JSON.parse((await storage.get(id, DRAFT_EXT)).toString('utf8')) as Draft;
}

export async function draftText(storage: ContentStore, draft: Draft): Promise<string | null> {
  return draft.source.textSha256 ? (await storage.get(draft.source.textSha256, TEXT_EXT)).toString('utf8') : null;
}
