/**
 * An agency's personal submission link (`/nop/<token>`): signed, scoped to one plan, period and agency,
 * valid until `validityDays` after the period's last day. The same function serves the emails (activity)
 * and staff who copy or resend it (CLI, API, web).
 */
import { signLink } from '../web/links.js';

export interface LinkSettings {
  publicUrl: string;
  linkSecret: string;
  /** Days the link stays valid after the period's last day. */
  linkValidityDays: number;
}

export function personalLink(settings: LinkSettings, scope: { planId: string; period: string; agencyId: string; lastDay: string }): { url: string; expiresAt: string } {
  const exp = Math.floor(Date.parse(`${scope.lastDay}T23:59:59+07:00`) / 1000) + settings.linkValidityDays * 86_400;
  const token = signLink({ planId: scope.planId, period: scope.period, agencyId: scope.agencyId, exp }, settings.linkSecret);
  return { url: `${settings.publicUrl.replace(/\/$/, '')}/nop/${token}`, expiresAt: new Date(exp * 1000).toISOString() };
}
