/**
 * The directory edit form: typed values → a record for `directoryAgencySchema`, and its issues → the
 * field they belong to. Blank rows are dropped; a day that is not dd/mm/yyyy of a real day is refused
 * here with the value kept, so the officer sees what was typed.
 */
import { parseViDate } from '../edge/dates.js';
import { directoryAgencySchema, type DirectoryAgency } from '../directory/model.js';
import type { DirectoryFormValues } from './pages/directory.js';

export type FieldErrors = Record<string, string[]>;

export function valuesFromBody(body: unknown): DirectoryFormValues {
  const out: DirectoryFormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string' && k !== '_csrf' && k.length < 64) out[k] = first.slice(0, 2000);
  }
  return out;
}

const indices = (v: DirectoryFormValues, prefix: string) =>
  [...new Set(Object.keys(v).flatMap((k) => new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`).exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);

export function agencyFromValues(v: DirectoryFormValues): { agency: DirectoryAgency | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (k: string, m: string) => (errors[k] ??= []).push(m);
  const s = (k: string) => (v[k] ?? '').trim();
  const day = (k: string): string | null => {
    if (!s(k)) return null;
    const iso = parseViDate(s(k));
    if (!iso) add(k, 'Ngày không hợp lệ (nhập dd/mm/yyyy, một ngày có thật)');
    return iso;
  };
  // Form index → the index the record ends up with (blank rows removed), to send issues back to the right field.
  const back = new Map<string, string>();
  const names = indices(v, 'names')
    .filter((i) => ['name', 'shortName', 'from', 'to'].some((f) => s(`names.${i}.${f}`)))
    .map(
      (i, j) => (
        back.set(`names.${j}`, `names.${i}`),
        { name: s(`names.${i}.name`), shortName: s(`names.${i}.shortName`), from: day(`names.${i}.from`), to: day(`names.${i}.to`) }
      ),
    );
  const contacts = indices(v, 'contacts')
    .filter((i) => ['name', 'title', 'email', 'phone'].some((f) => s(`contacts.${i}.${f}`)))
    .map(
      (i, j) => (
        back.set(`contacts.${j}`, `contacts.${i}`),
        {
          role: s(`contacts.${i}.role`),
          name: s(`contacts.${i}.name`),
          title: s(`contacts.${i}.title`),
          email: s(`contacts.${i}.email`),
          phone: s(`contacts.${i}.phone`),
          placeholder: Boolean(s(`contacts.${i}.placeholder`)),
        }
      ),
    );
  const to = indices(v, 'successor.to')
    .filter((i) => ['agencyId', 'functions', 'tasks'].some((f) => s(`successor.to.${i}.${f}`)))
    .map(
      (i, j) => (
        back.set(`successor.to.${j}`, `successor.to.${i}`),
        {
          agencyId: s(`successor.to.${i}.agencyId`),
          functions: s(`successor.to.${i}.functions`),
          tasks: s(`successor.to.${i}.tasks`)
            .split(/[;,\n]/)
            .map((t) => t.trim())
            .filter(Boolean),
        }
      ),
    );
  const from = day('successor.from');
  const hasSuccessor = Boolean(from || s('successor.basis') || to.length);
  if (hasSuccessor && !s('successor.from')) add('successor.from', 'Có cơ quan kế thừa thì cần ngày kế thừa');
  if (hasSuccessor && to.length === 0) add('successor.to.0.agencyId', 'Cần ít nhất một cơ quan kế thừa');
  const parsed = directoryAgencySchema.safeParse({
    id: s('id'),
    province: s('province'),
    kind: s('kind'),
    note: s('note'),
    names,
    contacts,
    successor: hasSuccessor ? { from: from ?? '', basis: s('successor.basis'), to } : null,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      // names.1.to → the form's names.3.to when rows 1 and 2 were blank.
      const head = path.slice(0, path[0] === 'successor' ? 3 : 2).join('.');
      const mapped = back.get(head);
      const key = mapped ? [mapped, ...path.slice(head.split('.').length)].join('.') : path.join('.');
      const field = key === 'names' ? 'names' : key === 'successor.from' && errors['successor.from'] ? null : key;
      if (field) add(field === 'names' && names.length === 0 ? 'names.0.name' : field, issue.message.replace(/^[^:]+: /, ''));
    }
  }
  return { agency: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null, errors };
}
