/**
 * Who may do what, on every staff route, in one place: a leader (lãnh đạo) reads; an officer (cán bộ
 * thường trực) also acts (approves, decides, exempts, requests, resends); an administrator also manages
 * the staff accounts. Routes outside the staff area (the agencies' links, the login, health, assets)
 * are not this module's business.
 */
import type { FastifyInstance } from 'fastify';
import type { Role } from '../db/users.js';
import type { WebContext } from './context.js';
import { sendHtml } from './context.js';
import { messagePage } from './pages/layout.js';

export type Need = 'read' | 'act' | 'accounts';

export const roleLabel: Record<Role, string> = { admin: 'Quản trị', officer: 'Cán bộ thường trực', leader: 'Lãnh đạo (chỉ xem)' };

const RANK: Record<Role, number> = { leader: 0, officer: 1, admin: 2 };
const NEED_RANK: Record<Need, number> = { read: 0, act: 1, accounts: 2 };

export const allowed = (role: Role, need: Need): boolean => RANK[role] >= NEED_RANK[need];

/** What a request to the staff area needs; null for what is not the staff area or what any role may do (logout). */
export function needOf(method: string, path: string): Need | null {
  if (path === '/login' || path === '/logout' || path === '/healthz' || path === '/readyz' || path.startsWith('/assets/')) return null;
  if (path.startsWith('/nop/') || path.startsWith('/api/links/')) return null;
  if (path === '/staff' || path.startsWith('/staff/')) return 'accounts';
  return method === 'GET' || method === 'HEAD' ? 'read' : 'act';
}

/** Refuses, before any handler, what the signed-in role may not do. Not signed in: the routes' own guards answer (login, 401). */
export function registerRoleGuard(app: FastifyInstance, ctx: WebContext): void {
  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0]!;
    const need = needOf(req.method, path);
    const role = need ? ctx.roleOf(req) : null;
    if (!need || !role || allowed(role, need)) return;
    const why = need === 'accounts' ? 'Chỉ quản trị viên được quản lý tài khoản.' : 'Tài khoản lãnh đạo chỉ được xem, không thực hiện thao tác này.';
    if (path.startsWith('/api/')) return reply.code(403).send({ error: `Không có quyền: ${why}` });
    return sendHtml(reply, messagePage('Không có quyền', why), 403);
  });
}
