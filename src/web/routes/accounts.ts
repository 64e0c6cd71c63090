/**
 * Staff accounts in the web, for administrators (roles.ts refuses everyone else under /staff): add an
 * account or reset its password, change a role, close an account. Each change goes to the audit log with
 * who, what and from where; the form keeps what was typed (never the password) when it is refused.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../db/users.js';
import { hashPassword } from '../auth.js';
import { sendHtml, type WebContext } from '../context.js';
import { csrfInput } from '../csrf.js';
import { flashText } from '../flash.js';
import { html, type Html } from '../html.js';
import { ACTION_LABEL, accountsPage } from '../pages/accounts.js';
import { layout, messagePage } from '../pages/layout.js';
import { requireStaffSession } from '../staffPages.js';

type Body = Record<string, unknown> | undefined;
const one = (b: Body, k: string) => (typeof b?.[k] === 'string' ? (b[k] as string) : '');
const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** The reasons an account form is refused, by field, in Vietnamese. */
export function accountErrors(f: { name: string; role: string; password: string; password2: string }): Record<string, string> {
  const e: Record<string, string> = {};
  if (!/^[a-z0-9._-]{2,64}$/i.test(f.name)) e.name = 'Tên đăng nhập: 2–64 ký tự, chỉ chữ không dấu, chữ số, ".", "_" hoặc "-"';
  if (!isRole(f.role)) e.role = 'Hãy chọn một vai trò';
  if (f.password.length < 10) e.password = 'Mật khẩu phải có ít nhất 10 ký tự';
  else if (f.password.length > 1024) e.password = 'Mật khẩu dài quá 1.024 ký tự';
  if (f.password2 !== f.password) e.password2 = 'Hai lần nhập mật khẩu không khớp';
  return e;
}

export async function accountRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  await app.register(async (guarded) => {
    guarded.addHook('preHandler', requireStaffSession(ctx));
    const protect = { preHandler: guarded.csrfProtection };
    const users = ctx.opts.db?.users;
    const me = (req: FastifyRequest) => ctx.staffOf(req)?.user ?? '-';

    const view = async (
      req: FastifyRequest<{ Querystring: { ok?: string } }>,
      reply: FastifyReply,
      opts: { banner?: Html; code?: number; typed?: { name?: string; role?: string }; errors?: Record<string, string> } = {},
    ) => {
      if (!users) return sendHtml(reply, messagePage('Không có cơ sở dữ liệu', 'Máy chủ web chạy không có cơ sở dữ liệu: không quản lý được tài khoản.'), 503);
      const audit = ctx.opts.db?.audit ? (await ctx.opts.db.audit.recent(500)).filter((e) => Object.hasOwn(ACTION_LABEL, e.action)).slice(0, 50) : [];
      const ok = flashText(req.query.ok);
      const csrf = csrfInput(reply);
      const body = html`${ok ? html`<p class="ok" role="status">${ok}</p>` : ''}${opts.banner ?? ''}${accountsPage(await users.list(), audit, me(req), csrf, opts.typed, opts.errors)}`;
      return sendHtml(
        reply,
        layout(
          { title: 'Tài khoản cán bộ', staff: { user: me(req), csrf, temporalUiUrl: ctx.opts.temporalUiUrl, mail: Boolean(ctx.opts.catcher || ctx.opts.mailbox), admin: true } },
          body,
        ),
        opts.code ?? 200,
      );
    };
    const refusal = (reasons: string[]) =>
      html`<div class="errors" role="alert">
        <p>Không lưu được:</p>
        <ul>
          ${reasons.map((r) => html`<li>${r}</li>`)}
        </ul>
      </div>`;
    const adminsLeft = async (without: string) => (await users!.list()).filter((a) => a.role === 'admin' && a.name !== without).length;

    guarded.get<{ Querystring: { ok?: string } }>('/staff/accounts', async (req, reply) => view(req, reply));
    guarded.get('/staff', async (_req, reply) => reply.redirect('/staff/accounts', 303));

    guarded.post<{ Body: Body; Querystring: { ok?: string } }>('/staff/accounts', protect, async (req, reply) => {
      const f = { name: one(req.body, 'name').trim(), role: one(req.body, 'role'), password: one(req.body, 'password'), password2: one(req.body, 'password2') };
      const errors = accountErrors(f);
      const typed = { name: f.name.slice(0, 64), role: f.role };
      if (Object.keys(errors).length) return view(req, reply, { banner: refusal(Object.values(errors)), code: 422, typed, errors });
      if (!users) return view(req, reply);
      const existing = await users.find(f.name);
      if (existing?.role === 'admin' && f.role !== 'admin' && (await adminsLeft(f.name)) === 0)
        return view(req, reply, { banner: refusal(['Phải còn ít nhất một quản trị viên']), code: 422, typed, errors: { role: 'Phải còn ít nhất một quản trị viên' } });
      await users.upsert({ name: f.name, passwordHash: await hashPassword(f.password), role: f.role as Role });
      await ctx.audit(req, me(req), existing ? 'user-password' : 'user-add', f.name, { role: f.role, via: 'web' });
      return reply.redirect('/staff/accounts?ok=account-saved', 303);
    });

    guarded.post<{ Params: { name: string }; Body: Body; Querystring: { ok?: string } }>('/staff/accounts/:name/role', protect, async (req, reply) => {
      const role = one(req.body, 'role');
      const name = req.params.name;
      if (!users) return view(req, reply);
      if (!isRole(role)) return view(req, reply, { banner: refusal(['Hãy chọn một vai trò']), code: 422 });
      const existing = await users.find(name);
      if (!existing) return view(req, reply, { banner: refusal([`Không có tài khoản "${name.slice(0, 64)}"`]), code: 404 });
      if (existing.role === 'admin' && role !== 'admin' && (await adminsLeft(name)) === 0)
        return view(req, reply, { banner: refusal(['Phải còn ít nhất một quản trị viên']), code: 422 });
      await users.setRole(name, role);
      await ctx.audit(req, me(req), 'user-role', name, { role, before: existing.role, via: 'web' });
      return reply.redirect('/staff/accounts?ok=account-saved', 303);
    });

    guarded.post<{ Params: { name: string }; Querystring: { ok?: string } }>('/staff/accounts/:name/disable', protect, async (req, reply) => {
      const name = req.params.name;
      if (!users) return view(req, reply);
      if (name === me(req)) return view(req, reply, { banner: refusal(['Không thể tự khóa tài khoản của mình']), code: 422 });
      const existing = await users.find(name);
      if (!existing) return view(req, reply, { banner: refusal([`Không có tài khoản "${name.slice(0, 64)}"`]), code: 404 });
      if (existing.role === 'admin' && (await adminsLeft(name)) === 0) return view(req, reply, { banner: refusal(['Phải còn ít nhất một quản trị viên']), code: 422 });
      await users.disable(name);
      await ctx.audit(req, me(req), 'user-disable', name, { role: existing.role, via: 'web' });
      return reply.redirect('/staff/accounts?ok=account-disabled', 303);
    });
  });
}
