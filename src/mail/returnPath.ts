/**
 * Per-message return paths (VERP): each message goes out with the SMTP envelope sender
 * `bounce+<token>@<DONDOC_BOUNCE_DOMAIN>`, so a bounce, which goes to the envelope sender, names the
 * message it is about even when the relay quotes none of the original. The token is derived from the
 * message's key (like its Message-ID) and stored with it in the delivery log; the `From:` header is unchanged.
 */
import { createHash } from 'node:crypto';

const LOCAL = 'bounce';

/** 24 hex digits (96 bits) of SHA-256 over the key: lower case, since relays may fold a local part's case. */
export const returnTokenFor = (key: string): string => createHash('sha256').update(`return-path:${key}`).digest('hex').slice(0, 24);

export const returnPathFor = (token: string, domain: string): string => `${LOCAL}+${token}@${domain.toLowerCase()}`;

/** The token of a return path (`bounce+<token>@<domain>`; any domain when none is given), or null. */
export function tokenOfReturnPath(address: string, domain?: string): string | null {
  const m = /^<?\s*bounce\+([0-9a-f]{24})@([^>\s]+)\s*>?$/i.exec(address.trim());
  if (!m) return null;
  if (domain && m[2]!.toLowerCase() !== domain.toLowerCase()) return null;
  return m[1]!.toLowerCase();
}
