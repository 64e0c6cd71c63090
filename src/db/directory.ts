/**
 * The agency directory (`directory_*` tables, migration 0002). A save replaces the agency's names,
 * contacts and successors in one transaction, bumps its revision, keeps the record as it became in
 * `directory_history` and writes a line to `audit_log`: a change is never lost, nor half made. A save that
 * changes nothing writes nothing. Records are validated by the caller (`directoryAgencySchema`).
 */
import type { DirectoryAgency, DirectorySnapshot, StoredAgency } from '../directory/model.js';
import { iso, type SqlClient } from './sql.js';

/** Who changes the directory, for the history and the audit log. */
export interface ChangedBy {
  actor: string;
  ip?: string | null;
  /** e.g. `directory-edit`, `directory-import`, `directory-seed`. */
  action: string;
}

export interface DirectoryHistoryEntry {
  revision: number;
  at: string;
  actor: string;
  action: string;
  ip: string | null;
  record: DirectoryAgency;
}

/** Someone else saved the agency since the form was opened. */
export class DirectoryConflictError extends Error {
  constructor(
    readonly id: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Cơ quan "${id}" vừa được người khác sửa (phiên bản ${actual}, biểu mẫu mở từ phiên bản ${expected}). Hãy tải lại trang và sửa lại.`);
    this.name = 'DirectoryConflictError';
  }
}

/** A successor named that the directory does not hold. */
export class DirectoryReferenceError extends Error {
  constructor(
    readonly id: string,
    readonly missing: string[],
  ) {
    super(`Cơ quan "${id}": cơ quan kế thừa ${missing.map((m) => `"${m}"`).join(', ')} chưa có trong danh bạ`);
    this.name = 'DirectoryReferenceError';
  }
}

export interface SaveResult {
  id: string;
  revision: number;
  outcome: 'created' | 'updated' | 'unchanged';
}

export interface DirectoryRepository {
  list(): Promise<StoredAgency[]>;
  get(id: string): Promise<StoredAgency | null>;
  /** Every agency, as the pure resolution reads it. */
  snapshot(): Promise<DirectorySnapshot>;
  count(): Promise<number>;
  /** Creates or replaces one agency; `expectedRevision` (the form's) guards against a lost update. */
  save(agency: DirectoryAgency, by: ChangedBy, opts?: { expectedRevision?: number }): Promise<SaveResult>;
  /** Creates or replaces several in one transaction (an import): all of them or none. */
  saveMany(agencies: readonly DirectoryAgency[], by: ChangedBy): Promise<SaveResult[]>;
  history(id: string): Promise<DirectoryHistoryEntry[]>;
  /** Fills an empty directory (first start); returns the agencies written, 0 when it held any. */
  seedIfEmpty(agencies: readonly DirectoryAgency[], by: ChangedBy): Promise<number>;
}

type AgencyRow = { id: string; province: string; kind: DirectoryAgency['kind']; note: string | null; revision: number; updated_at: Date };
type NameRow = { agency_id: string; name: string; short_name: string | null; valid_from: string | null; valid_to: string | null };
type ContactRow = { agency_id: string; role: 'focal' | 'head'; name: string | null; title: string | null; email: string; phone: string | null; placeholder: boolean };
type SuccessionRow = { agency_id: string; valid_from: string; basis: string | null };
type SuccessorRow = { agency_id: string; successor_id: string; functions: string | null; tasks: string[] };

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** The record's canonical JSON: what "unchanged" compares and what the history keeps. */
export function canonical(a: DirectoryAgency): DirectoryAgency {
  return {
    id: a.id,
    province: a.province,
    kind: a.kind,
    names: a.names.map((n) => ({ name: n.name, shortName: n.shortName, from: n.from ?? null, to: n.to ?? null })),
    contacts: a.contacts.map((c) => ({ role: c.role, name: c.name, title: c.title, email: c.email, phone: c.phone, placeholder: c.placeholder })),
    successor: a.successor
      ? { from: a.successor.from, to: a.successor.to.map((s) => ({ agencyId: s.agencyId, functions: s.functions, tasks: [...s.tasks] })), basis: a.successor.basis }
      : null,
    note: a.note,
  };
}
const same = (a: DirectoryAgency, b: DirectoryAgency) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

async function load(db: SqlClient, id?: string): Promise<StoredAgency[]> {
  const where = id === undefined ? '' : ' WHERE agency_id = $1';
  const p = id === undefined ? [] : [id];
  const agencies = await db.query<AgencyRow>(
    `SELECT id, province, kind, note, revision, updated_at FROM directory_agencies${id === undefined ? '' : ' WHERE id = $1'} ORDER BY province, id`,
    p,
  );
  if (agencies.length === 0) return [];
  const names = await db.query<NameRow>(
    `SELECT agency_id, name, short_name, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM directory_names${where} ORDER BY agency_id, ord`,
    p,
  );
  const contacts = await db.query<ContactRow>(`SELECT agency_id, role, name, title, email, phone, placeholder FROM directory_contacts${where} ORDER BY agency_id, ord`, p);
  const successions = await db.query<SuccessionRow>(`SELECT agency_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, basis FROM directory_successions${where}`, p);
  const successors = await db.query<SuccessorRow>(`SELECT agency_id, successor_id, functions, tasks FROM directory_successors${where} ORDER BY agency_id, ord`, p);
  const group = <R extends { agency_id: string }>(rows: R[]) => {
    const m = new Map<string, R[]>();
    for (const r of rows) m.set(r.agency_id, [...(m.get(r.agency_id) ?? []), r]);
    return m;
  };
  const [n, c, s, t] = [group(names), group(contacts), group(successions), group(successors)];
  return agencies.map((a) => {
    const succ = s.get(a.id)?.[0];
    return {
      id: a.id,
      province: a.province,
      kind: a.kind,
      names: (n.get(a.id) ?? []).map((r) => ({ name: r.name, shortName: opt(r.short_name), from: r.valid_from, to: r.valid_to })),
      contacts: (c.get(a.id) ?? []).map((r) => ({ role: r.role, name: opt(r.name), title: opt(r.title), email: r.email, phone: opt(r.phone), placeholder: r.placeholder })),
      successor: succ
        ? { from: succ.valid_from, basis: opt(succ.basis), to: (t.get(a.id) ?? []).map((r) => ({ agencyId: r.successor_id, functions: opt(r.functions), tasks: r.tasks })) }
        : null,
      note: opt(a.note),
      revision: a.revision,
      updatedAt: iso(a.updated_at)!,
    };
  });
}

/** Writes the agency's own row, names and contacts; removes its succession (written after, once every agency exists). */
async function writeBody(tx: SqlClient, a: DirectoryAgency, revision: number): Promise<void> {
  await tx.query(
    `INSERT INTO directory_agencies (id, province, kind, note, revision) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET province = EXCLUDED.province, kind = EXCLUDED.kind, note = EXCLUDED.note, revision = EXCLUDED.revision, updated_at = now()`,
    [a.id, a.province, a.kind, a.note ?? null, revision],
  );
  if (revision > 1) for (const table of ['directory_names', 'directory_contacts', 'directory_successions']) await tx.query(`DELETE FROM ${table} WHERE agency_id = $1`, [a.id]);
  await insertRows(
    tx,
    'directory_names',
    ['agency_id', 'ord', 'name', 'short_name', 'valid_from', 'valid_to'],
    a.names.map((n, i) => [a.id, i, n.name, n.shortName ?? null, n.from ?? null, n.to ?? null]),
  );
  await insertRows(
    tx,
    'directory_contacts',
    ['agency_id', 'ord', 'role', 'name', 'title', 'email', 'phone', 'placeholder'],
    a.contacts.map((c, i) => [a.id, i, c.role, c.name ?? null, c.title ?? null, c.email, c.phone ?? null, c.placeholder]),
  );
}

/** One multi-row INSERT: a seed of a hundred agencies is a few hundred statements, not thousands. */
async function insertRows(tx: SqlClient, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
  await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, rows.flat());
}

async function writeSuccession(tx: SqlClient, a: DirectoryAgency): Promise<void> {
  if (!a.successor) return;
  const ids = a.successor.to.map((s) => s.agencyId);
  const found = new Set((await tx.query<{ id: string }>('SELECT id FROM directory_agencies WHERE id = ANY($1::text[])', [ids])).map((r) => r.id));
  const missing = ids.filter((x) => !found.has(x));
  if (missing.length) throw new DirectoryReferenceError(a.id, missing);
  await tx.query('INSERT INTO directory_successions (agency_id, valid_from, basis) VALUES ($1, $2, $3)', [a.id, a.successor.from, a.successor.basis ?? null]);
  await insertRows(
    tx,
    'directory_successors',
    ['agency_id', 'ord', 'successor_id', 'functions', 'tasks'],
    a.successor.to.map((s, i) => [a.id, i, s.agencyId, s.functions ?? null, JSON.stringify(s.tasks)]),
  );
}

async function saveAll(tx: SqlClient, agencies: readonly DirectoryAgency[], by: ChangedBy, expectedRevision?: number): Promise<SaveResult[]> {
  const results: SaveResult[] = [];
  const written: { a: DirectoryAgency; revision: number }[] = [];
  for (const a of agencies) {
    // FOR UPDATE: two saves of one agency queue up instead of both reading revision n.
    const [row] = await tx.query<{ revision: number }>('SELECT revision FROM directory_agencies WHERE id = $1 FOR UPDATE', [a.id]);
    if (expectedRevision !== undefined && (row?.revision ?? 0) !== expectedRevision) throw new DirectoryConflictError(a.id, expectedRevision, row?.revision ?? 0);
    const before = row ? (await load(tx, a.id))[0] : undefined;
    if (before && same(before, a)) {
      results.push({ id: a.id, revision: row!.revision, outcome: 'unchanged' });
      continue;
    }
    const revision = (row?.revision ?? 0) + 1;
    await writeBody(tx, a, revision);
    written.push({ a, revision });
    results.push({ id: a.id, revision, outcome: row ? 'updated' : 'created' });
  }
  for (const { a, revision } of written) {
    await writeSuccession(tx, a);
    await tx.query('INSERT INTO directory_history (agency_id, revision, actor, action, ip, record) VALUES ($1, $2, $3, $4, $5, $6)', [
      a.id,
      revision,
      by.actor,
      by.action,
      by.ip ?? null,
      JSON.stringify(canonical(a)),
    ]);
    await tx.query('INSERT INTO audit_log (actor, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5)', [
      by.actor,
      by.action,
      a.id,
      by.ip ?? null,
      JSON.stringify({ revision }),
    ]);
  }
  return results;
}

export function sqlDirectory(db: SqlClient): DirectoryRepository {
  return {
    list: () => load(db),
    async get(id) {
      return (await load(db, id))[0] ?? null;
    },
    async snapshot() {
      return { agencies: (await load(db)).map(({ revision: _r, updatedAt: _u, ...a }) => a) };
    },
    async count() {
      const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_agencies');
      return r?.n ?? 0;
    },
    async save(agency, by, opts = {}) {
      return (await db.transaction((tx) => saveAll(tx, [agency], by, opts.expectedRevision)))[0]!;
    },
    saveMany: (agencies, by) => db.transaction((tx) => saveAll(tx, agencies, by)),
    async history(id) {
      const rows = await db.query<{ revision: number; at: Date; actor: string; action: string; ip: string | null; record: DirectoryAgency }>(
        'SELECT revision, at, actor, action, ip, record FROM directory_history WHERE agency_id = $1 ORDER BY revision DESC',
        [id],
      );
      return rows.map((r) => ({ ...r, at: iso(r.at)! }));
    },
    async seedIfEmpty(agencies, by) {
      return db.transaction(async (tx) => {
        // The migration lock's sibling: two processes starting together seed once.
        await tx.query('SELECT pg_advisory_xact_lock($1)', [7_233_002]);
        const [r] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_agencies');
        if ((r?.n ?? 0) > 0) return 0;
        return (await saveAll(tx, agencies, by)).filter((x) => x.outcome !== 'unchanged').length;
      });
    },
  };
}
