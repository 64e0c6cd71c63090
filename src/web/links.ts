/**
 * Personal submission links: an HMAC-SHA256 signed token scoped to plan, period and agency, with an
 * expiry. Agencies submit without an account; a link opens only its own form, and only until it expires.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface LinkScope {
  planId: string;
  period: string;
  agencyId: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signLink(scope: LinkScope, secret: string): string {
  const body = b64(JSON.stringify([scope.planId, scope.period, scope.agencyId, scope.exp]));
  const mac = b64(createHmac('sha256', secret).update(body).digest());
  return `${body}.${mac}`;
}

export type VerifyResult = { ok: true; scope: LinkScope } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function verifyLink(token: string, secret: string, nowSeconds: number): VerifyResult {
  const [body, mac] = token.split('.');
  if (!body || !mac) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return { ok: false, reason: 'malformed' };
  const [planId, period, agencyId, exp] = parsed as [string, string, string, number];
  if (exp < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, scope: { planId, period, agencyId, exp } };
}
