/**
 * Personal submission links: an HMAC-SHA256 signed token scoped to plan, period and agency, with an
 * expiry. Agencies submit without an account; a link opens only its own form, and only until it expires.
 *
 * One spelling per token: base64url without padding, body "." signature, the body the exact JSON that
 * `signLink` writes. Any other spelling of the same bytes (padding, the `+/` alphabet, spare bits in
 * the last character, an extra segment, other JSON whitespace) is refused as malformed, so a token is
 * a stable key for logs and rate limits.
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
const encodeBody = (scope: LinkScope) => b64(JSON.stringify([scope.planId, scope.period, scope.agencyId, scope.exp]));
const mac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest();

/** A token's shape: two base64url segments, the second a 32-byte MAC (43 characters). Bounded length. */
const TOKEN = /^([A-Za-z0-9_-]{1,700})\.([A-Za-z0-9_-]{43})$/;

export function signLink(scope: LinkScope, secret: string): string {
  const body = encodeBody(scope);
  return `${body}.${b64(mac(body, secret))}`;
}

export type VerifyResult = { ok: true; scope: LinkScope } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function verifyLink(token: string, secret: string, nowSeconds: number): VerifyResult {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, body, sig] = m as unknown as [string, string, string];
  const given = Buffer.from(sig, 'base64url');
  // Canonical: re-encoding the decoded bytes gives back the same characters (no spare bits set).
  if (b64(given) !== sig) return { ok: false, reason: 'malformed' };
  const expected = mac(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const bytes = Buffer.from(body, 'base64url');
  if (b64(bytes) !== body) return { ok: false, reason: 'malformed' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return { ok: false, reason: 'malformed' };
  const [planId, period, agencyId, exp] = parsed as unknown[];
  if (typeof planId !== 'string' || typeof period !== 'string' || typeof agencyId !== 'string' || typeof exp !== 'number' || !Number.isSafeInteger(exp))
    return { ok: false, reason: 'malformed' };
  const scope = { planId, period, agencyId, exp };
  if (encodeBody(scope) !== body) return { ok: false, reason: 'malformed' };
  if (exp < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, scope };
}
