/**
 * Response headers for every page, file and API answer (@fastify/helmet): a CSP that allows no script
 * at all and styles only from dondoc's own stylesheet, `nosniff`, no framing (frame-ancestors 'none'
 * and X-Frame-Options DENY), a same-origin referrer, and HSTS when the public URL is https.
 * The consolidated report's HTML (styled inline for mail clients) gets its own, stricter policy.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Pages: nothing inline, nothing from elsewhere; forms post only back here. */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** report.html: inline styles (it is also an e-mail body) but no script, no form, no fetch; sandboxed. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox";

export async function registerSecurityHeaders(app: FastifyInstance, opts: { hsts: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // One year, once the site is on https; never on http (a browser would then refuse the dev server).
    strictTransportSecurity: opts.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * Where to go after the login: a path on this site, or "/". Refused: other origins ("//x", "/\\x"),
 * schemes, and anything with controls, spaces or backslashes (browsers drop a tab: "/\t/x" is "//x").
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/';
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/.test(next)) return '/';
  try {
    const base = 'http://dondoc.invalid';
    const u = new URL(next, base);
    return u.origin === base && u.pathname.startsWith('/') && !u.pathname.startsWith('//') ? `${u.pathname}${u.search}` : '/';
  } catch {
    return '/';
  }
}
