/**
 * A draft plan as YAML for the officer to review: the plan, with the source line and words of each value as
 * a comment above it, and the warnings at the top. Comments, not a sidecar, so the evidence stays next to
 * the value through every edit.
 */
import { Document, isMap, isNode, isScalar } from 'yaml';
import type { PlanInput } from '../plan/schema.js';
import type { Evidence, ImportWarning } from './evidence.js';

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

/** "tasks[3].lead" → ["tasks", 3, "lead"]. */
function pathOf(path: string): (string | number)[] {
  return path.split(/\.|(?=\[)/u).map((p) => (/^\[\d+\]$/u.test(p) ? Number(p.slice(1, -1)) : p));
}

export function renderDraftYaml(plan: PlanInput, warnings: readonly ImportWarning[], evidence: readonly Evidence[], summary?: string): string {
  const doc = new Document(plan, { aliasDuplicateObjects: false });
  const header = [
    'yaml-language-server: $schema=../schema/plan.schema.json',
    `Bản nháp do "dondoc plan import" tạo từ ${plan.document.source}. Kiểm tra rồi bổ sung danh bạ trước khi chạy.`,
    'Draft made by "dondoc plan import": each "nguồn" comment quotes the source line the value was read from.',
    ...(summary ? ['', `Tóm tắt: ${summary}.`] : []),
  ];
  if (warnings.length) header.push('', `Cảnh báo / warnings (${warnings.length}):`, ...warnings.map((w) => `- [${w.code}] ${w.path ? `${w.path}: ` : ''}${short(w.message, 200)}`));
  const loose: Evidence[] = [];
  for (const e of evidence) {
    const path = pathOf(e.path);
    const note = ` nguồn${e.line ? ` (dòng ${e.line})` : ''}: “${short(e.quote)}”`;
    const parent = doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    // A map entry carries the comment on its key ("title:" line); a list item on the item itself.
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === last) : undefined;
    const target = pair && isScalar(pair.key) ? pair.key : doc.getIn(path, true);
    if (isNode(target)) target.commentBefore = target.commentBefore ? `${target.commentBefore}\n${note}` : note;
    else loose.push(e);
  }
  if (loose.length)
    header.push('', 'Nguồn của chế độ báo cáo / evidence of the reporting regime:', ...loose.map((e) => `- ${e.path} (dòng ${e.line ?? '?'}): “${short(e.quote, 140)}”`));
  doc.commentBefore = header.map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0 });
}
