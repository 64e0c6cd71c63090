/**
 * CSRF protection for every state-changing form (dashboard and portal): a secret in an httpOnly,
 * SameSite=Strict cookie and a token derived from it in each form (@fastify/csrf-protection, the
 * synchroniser-token pattern). Multipart bodies carry fields as `{ value }` objects, hence getToken.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html, type Html } from './html.js';

export const CSRF_FIELD = '_csrf';

function tokenOf(req: FastifyRequest): string | undefined {
  const field = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (typeof field === 'string') return field;
  if (field && typeof field === 'object' && 'value' in field && typeof field.value === 'string') return field.value;
  const header = req.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

export async function registerCsrf(app: FastifyInstance, secureCookies: boolean): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    cookieKey: '_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: secureCookies },
    getToken: tokenOf,
  });
}

/** The hidden field every form that changes something carries. */
export const csrfInput = (reply: FastifyReply): Html => html`<input type="hidden" name="${CSRF_FIELD}" value="${reply.generateCsrf()}" />`;
