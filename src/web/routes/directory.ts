/**
 * The agency directory for staff: list, agency page, edit and create forms, CSV/XLSX export and import.
 * Behind the staff login; every change goes through the repository, which keeps the history and writes
 * the audit log in the same transaction, then drops this process's directory cache so the plans shown
 * and run follow at once.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dayOf } from '../../calendar/isoDate.js';
import { DirectoryConflictError, DirectoryReferenceError, type SaveResult } from '../../db/directory.js';
import { fold } from '../../import/text.js';
import { fromCsv, fromXlsx, toCsv, toXlsx } from '../../directory/files.js';
import { nameOn, type StoredAgency } from '../../directory/model.js';
import { directoryRows, parseDirectoryRows, type TableProblem } from '../../directory/table.js';
import { csrfInput } from '../csrf.js';
import { sendHtml, type WebContext } from '../context.js';
import { agencyFromValues, valuesFromBody } from '../directoryForm.js';
import type { Html } from '../html.js';
import { directoryAgencyPage, directoryFormPage, directoryImportPage, directoryListPage, formValuesOf, type DirectoryFormValues } from '../pages/directory.js';
import { messagePage } from '../pages/layout.js';
import { requireStaffSession, staffPage } from '../staffPages.js';

/** An import file: a directory of a province is a few hundred rows; 5 MB is far more. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export async function directoryRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const repo = ctx.opts.db?.directory;
  if (!repo) return; // route tests without a database: no directory
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 },
    async onFile(part) {
      const buf = await part.toBuffer();
      part.value = { buf, truncated: part.file.truncated };
    },
  });
  app.addHook('preHandler', requireStaffSession(ctx));
  const protect = { preHandler: app.csrfProtection };
  const page = (req: FastifyRequest, reply: FastifyReply, title: string, body: Html, code = 200) => staffPage(ctx, req, reply, title, body, code);
  const today = async () => dayOf(await ctx.nowMs());
  const by = (req: FastifyRequest, action: string) => ({ actor: ctx.staffOf(req)?.user ?? '-', ip: req.ip, action });
  const sortByName = (list: StoredAgency[], day: string) =>
    [...list].sort((a, b) => a.province.localeCompare(b.province, 'vi') || nameOn(a, day).name.localeCompare(nameOn(b, day).name, 'vi'));
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');

  app.get<{ Querystring: { tinh?: string; q?: string } }>('/directory', async (req, reply) => {
    const day = await today();
    const all = await repo.list();
    const province = str(req.query.tinh);
    const q = str(req.query.q).trim();
    const shown = sortByName(all, day).filter(
      (a) =>
        (!province || a.province === province) &&
        (!q ||
          fold(`${a.id} ${a.names.map((n) => n.name).join(' ')} ${a.contacts.map((c) => c.email).join(' ')}`)
            .toLowerCase()
            .includes(fold(q).toLowerCase())),
    );
    const provinces = [...new Set(all.map((a) => a.province))].sort((a, b) => a.localeCompare(b, 'vi'));
    return page(req, reply, 'Danh bạ cơ quan', directoryListPage({ all, shown, provinces, province, q, today: day, csrf: csrfInput(reply) }));
  });

  const exportRows = async (tinh: unknown) => {
    const province = str(tinh);
    return directoryRows(
      sortByName(await repo.list(), await today())
        .filter((a) => !province || a.province === province)
        .map(({ revision: _r, updatedAt: _u, ...a }) => a),
    );
  };
  const download = (reply: FastifyReply, name: string, type: string, body: Buffer) =>
    reply.type(type).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(body);
  app.get<{ Querystring: { tinh?: string } }>('/directory/export.csv', async (req, reply) =>
    download(reply, 'danh-ba-co-quan.csv', 'text/csv; charset=utf-8', await toCsv(await exportRows(req.query.tinh))),
  );
  app.get<{ Querystring: { tinh?: string } }>('/directory/export.xlsx', async (req, reply) =>
    download(reply, 'danh-ba-co-quan.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await toXlsx(await exportRows(req.query.tinh))),
  );

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { creating: boolean; values: DirectoryFormValues; errors?: Record<string, string[]>; general?: string[]; spare?: boolean },
    code = 200,
  ) => {
    const day = await today();
    const title = opts.creating ? 'Thêm cơ quan vào danh bạ' : `Sửa: ${opts.values['names.0.name'] || opts.values.id}`;
    return page(
      req,
      reply,
      title,
      directoryFormPage({
        creating: opts.creating,
        values: opts.values,
        errors: opts.errors ?? {},
        general: opts.general ?? [],
        agencies: sortByName(await repo.list(), day),
        today: day,
        csrf: csrfInput(reply),
        spare: opts.spare ?? true,
      }),
      code,
    );
  };

  app.get('/directory/new', async (req, reply) => form(req, reply, { creating: true, values: { kind: 'department' } }));
  app.get<{ Params: { id: string } }>('/directory/:id', async (req, reply) => {
    const agency = await repo.get(req.params.id);
    if (!agency) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có cơ quan này trong danh bạ.'), 404);
    const day = await today();
    return page(req, reply, nameOn(agency, day).name, directoryAgencyPage({ agency, all: await repo.list(), history: await repo.history(agency.id), today: day }));
  });
  app.get<{ Params: { id: string } }>('/directory/:id/edit', async (req, reply) => {
    const agency = await repo.get(req.params.id);
    if (!agency) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có cơ quan này trong danh bạ.'), 404);
    return form(req, reply, { creating: false, values: formValuesOf(agency) });
  });

  /** Validates and saves; on any problem, the same form again with what was typed and the reasons beside the fields. */
  const save = async (req: FastifyRequest, reply: FastifyReply, creating: boolean, id?: string) => {
    const values = valuesFromBody(req.body);
    if (id !== undefined) values.id = id;
    const { agency, errors } = agencyFromValues(values);
    const again = (general: string[], code = 422) => form(req, reply, { creating, values, errors, general, spare: false }, code);
    if (!agency) return again([]);
    const revision = Number(values.revision ?? '0');
    if (creating && (await repo.get(agency.id))) return form(req, reply, { creating, values, errors: { id: ['Mã này đã có trong danh bạ'] }, spare: false }, 422);
    try {
      await repo.save(agency, by(req, creating ? 'directory-create' : 'directory-edit'), { expectedRevision: Number.isInteger(revision) ? revision : -1 });
    } catch (err) {
      if (err instanceof DirectoryConflictError || err instanceof DirectoryReferenceError) return again([err.message], err instanceof DirectoryConflictError ? 409 : 422);
      throw err;
    }
    ctx.opts.directory?.invalidate();
    return reply.redirect(`/directory/${encodeURIComponent(agency.id)}`, 303);
  };
  app.post('/directory', protect, async (req, reply) => save(req, reply, true));
  app.post<{ Params: { id: string } }>('/directory/:id', protect, async (req, reply) => save(req, reply, false, req.params.id));

  app.post('/directory/import', protect, async (req, reply) => {
    const file = (req.body as Record<string, unknown> | undefined)?.file as { filename?: string; value?: { buf: Buffer; truncated: boolean } } | undefined;
    const name = (file?.filename ?? '').slice(0, 200);
    const show = (problems: TableProblem[], general: string[], results: SaveResult[] | null, code: number) =>
      page(req, reply, 'Nhập danh bạ', directoryImportPage({ file: name || '(không có tệp)', problems, general, results }), code);
    if (!file?.value || !name) return show([], ['Hãy chọn một tệp XLSX hoặc CSV'], null, 422);
    if (file.value.truncated) return show([], [`Tệp lớn quá ${MAX_IMPORT_BYTES / 1024 / 1024} MB`], null, 413);
    const buf = file.value.buf;
    // By content: an XLSX is a ZIP package ("PK"); anything else is read as CSV text.
    const isXlsx = buf.subarray(0, 2).toString('latin1') === 'PK';
    let rows: string[][];
    try {
      rows = isXlsx ? await fromXlsx(buf) : await fromCsv(buf);
    } catch (err) {
      return show([], [(err as Error).message], null, 422);
    }
    const parsed = parseDirectoryRows(rows);
    if (parsed.problems.length) return show(parsed.problems, [], null, 422);
    try {
      const results = await repo.saveMany(parsed.agencies, by(req, 'directory-import'));
      ctx.opts.directory?.invalidate();
      return show([], [], results, 200);
    } catch (err) {
      if (err instanceof DirectoryReferenceError) return show([], [err.message], null, 422);
      throw err;
    }
  });
}
