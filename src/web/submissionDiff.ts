/**
 * What changed from one revision of an agency's report to the next: each task's status, progress and
 * result, each target's value and note, the three free texts (word by word) and the attachments. Pure;
 * the agency page highlights it.
 */
import type { SubmissionPayload } from '../reporting/types.js';

export type Segment = { op: 'same' | 'del' | 'ins'; text: string };
export type Change<T> = { before: T | undefined; after: T | undefined };

export interface TaskChange {
  taskId: string;
  kind: 'added' | 'removed' | 'changed';
  status?: Change<string>;
  progress?: Change<number>;
  /** The result text, word by word (only when it changed). */
  result?: Segment[];
}

export interface TargetChange {
  targetId: string;
  kind: 'added' | 'removed' | 'changed';
  value?: Change<number>;
  note?: Change<string>;
}

export type TextField = 'narrative' | 'difficulties' | 'recommendations';

export interface SubmissionDiff {
  tasks: TaskChange[];
  targets: TargetChange[];
  texts: { field: TextField; segments: Segment[] }[];
  attachments: { added: string[]; removed: string[] };
  /** Nothing the agency reported changed (a resubmission of the same report). */
  same: boolean;
}

const TEXT_FIELDS: TextField[] = ['narrative', 'difficulties', 'recommendations'];
/** Above this many word pairs the middle of a text is shown as replaced as a whole (the table would be too large). */
const MAX_CELLS = 2_000_000;

const changed = <T>(before: T | undefined, after: T | undefined): Change<T> | undefined => (before === after ? undefined : { before, after });

export function diffSubmissions(prev: SubmissionPayload, next: SubmissionPayload): SubmissionDiff {
  const tasks: TaskChange[] = [];
  const before = new Map(prev.tasks.map((t) => [t.taskId, t]));
  const after = new Map(next.tasks.map((t) => [t.taskId, t]));
  for (const id of union([...before.keys()], [...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    const status = changed(a?.status, b?.status);
    const progress = changed(a?.progress, b?.progress);
    const result = (a?.result ?? '') === (b?.result ?? '') ? undefined : diffText(a?.result ?? '', b?.result ?? '');
    if (!status && !progress && !result) continue;
    tasks.push({ taskId: id, kind: !a ? 'added' : !b ? 'removed' : 'changed', ...(status ? { status } : {}), ...(progress ? { progress } : {}), ...(result ? { result } : {}) });
  }
  const targets: TargetChange[] = [];
  const tb = new Map(prev.targets.map((t) => [t.targetId, t]));
  const ta = new Map(next.targets.map((t) => [t.targetId, t]));
  for (const id of union([...tb.keys()], [...ta.keys()])) {
    const a = tb.get(id);
    const b = ta.get(id);
    const value = changed(a?.value, b?.value);
    const note = changed(a?.note || undefined, b?.note || undefined);
    if (!value && !note) continue;
    targets.push({ targetId: id, kind: !a ? 'added' : !b ? 'removed' : 'changed', ...(value ? { value } : {}), ...(note ? { note } : {}) });
  }
  const texts = TEXT_FIELDS.filter((f) => prev[f] !== next[f]).map((field) => ({ field, segments: diffText(prev[field], next[field]) }));
  const key = (a: SubmissionPayload['attachments'][number]) => `${a.sha256}\u0000${a.name}`;
  const had = new Set(prev.attachments.map(key));
  const has = new Set(next.attachments.map(key));
  const attachments = { added: next.attachments.filter((a) => !had.has(key(a))).map((a) => a.name), removed: prev.attachments.filter((a) => !has.has(key(a))).map((a) => a.name) };
  return { tasks, targets, texts, attachments, same: !tasks.length && !targets.length && !texts.length && !attachments.added.length && !attachments.removed.length };
}

/** Ids of both lists, in the order of the first and then the new ones of the second. */
function union(a: string[], b: string[]): string[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}

/** Word-level difference (whitespace kept with the words), adjacent pieces of one kind merged. */
export function diffText(a: string, b: string): Segment[] {
  const x = tokens(a.normalize('NFC'));
  const y = tokens(b.normalize('NFC'));
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const out: Segment[] = [];
  push(out, 'same', x.slice(0, start).join(''));
  const mx = x.slice(start, endX);
  const my = y.slice(start, endY);
  if (mx.length * my.length > MAX_CELLS) {
    push(out, 'del', mx.join(''));
    push(out, 'ins', my.join(''));
  } else for (const s of lcsDiff(mx, my)) push(out, s.op, s.text);
  push(out, 'same', x.slice(endX).join(''));
  return mergeAcrossSpaces(out);
}

/**
 * Two unrelated sentences share only their spaces: word by word they would interleave ("Kinh Thiếu phí
 * phóng …"). A change run keeps the spaces between its words, so each side reads as a phrase.
 */
function mergeAcrossSpaces(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  let del = '';
  let ins = '';
  let space = '';
  const flush = () => {
    push(out, 'del', del);
    push(out, 'ins', ins);
    push(out, 'same', space);
    del = ins = space = '';
  };
  for (const s of segments) {
    if (s.op === 'same' && /^\s+$/.test(s.text) && (del || ins)) space += s.text;
    else if (s.op === 'same') {
      flush();
      push(out, 'same', s.text);
    } else {
      // A space inside a change run is in both texts: it goes to both sides, so each still reads as written.
      del += space;
      ins += space;
      space = '';
      if (s.op === 'del') del += s.text;
      else ins += s.text;
    }
  }
  flush();
  return out;
}

const tokens = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];

function push(out: Segment[], op: Segment['op'], text: string): void {
  if (!text) return;
  const last = out.at(-1);
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

function lcsDiff(x: string[], y: string[]): Segment[] {
  const n = x.length;
  const m = y.length;
  // lengths[i][j]: LCS of x[i..] and y[j..], one flat array.
  const L = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[at(i, j)] = x[i] === y[j] ? L[at(i + 1, j + 1)]! + 1 : Math.max(L[at(i + 1, j)]!, L[at(i, j + 1)]!);
  const out: Segment[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push(out, 'same', x[i]!);
      i++;
      j++;
    } else if (L[at(i + 1, j)]! >= L[at(i, j + 1)]!) push(out, 'del', x[i++]!);
    else push(out, 'ins', y[j++]!);
  }
  while (i < n) push(out, 'del', x[i++]!);
  while (j < m) push(out, 'ins', y[j++]!);
  return out;
}
