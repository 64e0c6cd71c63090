/**
 * What every staff route file shares: the session guard and the page frame (navigation, CSRF, the
 * accounts link for administrators). One place, so every staff page shows the same navigation.
 */
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { sendHtml, type WebContext } from './context.js';
import { csrfInput } from './csrf.js';
import type { Html } from './html.js';
import { layout, messagePage } from './pages/layout.js';

/** A staff session, else the login (pages) or a refusal (actions: the form's data is not kept anyway). */
export function requireStaffSession(ctx: WebContext): preHandlerHookHandler {
  return (req, reply, done) => {
    if (ctx.staffOf(req)?.via === 'session') return done();
    if (req.method === 'GET' || req.method === 'HEAD') return void reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    return void sendHtml(reply, messagePage('Cần đăng nhập', 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.'), 401);
  };
}

/** A staff page in the common frame. */
export function staffPage(ctx: WebContext, req: FastifyRequest, reply: FastifyReply, title: string, body: Html, code = 200) {
  return sendHtml(
    reply,
    layout(
      {
        title,
        staff: {
          user: ctx.staffOf(req)?.user ?? '',
          csrf: csrfInput(reply),
          temporalUiUrl: ctx.opts.temporalUiUrl,
          mail: Boolean(ctx.opts.catcher || ctx.opts.mailbox),
          admin: ctx.roleOf(req) === 'admin',
        },
      },
      body,
    ),
    code,
  );
}
