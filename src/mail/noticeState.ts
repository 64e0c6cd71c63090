/**
 * Proof of notice: what became of a message after dondoc handed it over, as plain data and pure rules.
 * The delivery log (src/db/deliveries.ts) stores the events; this module says which state they lead to,
 * which messages count as notices to an agency, and whether an agency was demonstrably told.
 *
 *   sending → failed | accepted (the relay answered 250) → delayed (4.x.x DSN, not final)
 *                                                        → bounced (5.x.x: every recipient refused)
 *                                                        → delivered (DSN Action: delivered/relayed)
 *                                                        → opened (the agency opened its link or report page)
 *
 * "Opened" is never a tracking pixel: the portal and the link API record that the agency's own signed link
 * was used, for a plan, period and agency; every notice of that scope sent before it is then opened.
 */
import { viDate } from '../calendar/isoDate.js';

export type MessageState = 'sending' | 'failed' | 'accepted' | 'delayed' | 'bounced' | 'delivered' | 'opened';

/** What happens to a message after the relay took it: reported by a DSN, a bounce, or the portal. */
export type NoticeEventType = 'delayed' | 'bounced' | 'delivered' | 'opened';

/** Where an event came from. */
export type EventSource = 'mailer' | 'inbound-smtp' | 'imap' | 'portal' | 'link-api';

/** The state a person reads (agency page, `dondoc status`). */
export const MESSAGE_STATE_LABEL: Record<MessageState, string> = {
  sending: 'đang gửi',
  failed: 'gửi không được',
  accepted: 'máy chủ thư đã nhận',
  delayed: 'chậm gửi',
  bounced: 'bị trả lại',
  delivered: 'đã đến hộp thư',
  opened: 'đã mở liên kết',
};

/**
 * Messages that tell an agency about its own report: what proves it was told. Escalations (addressed to
 * the director or the leader), requests to the standing agency and undeliverable notices are not.
 */
export const NOTICE_KINDS: readonly string[] = ['dispatch', 'period-open', 'link', 'reminder', 'overdue', 'receipt', 'extension', 'exemption', 'fallback'];

/** How far a message got; a later event never moves it back (a late "delayed" after "delivered" changes nothing). */
const REACH: Record<MessageState, number> = { sending: 0, failed: 0, accepted: 1, delayed: 2, bounced: 3, delivered: 4, opened: 5 };

export interface MessageFacts {
  state: MessageState;
  /** Envelope recipients (to and cc). */
  recipients: string[];
  /** Recipients already reported as permanently failed. */
  bounced: string[];
}

export interface NoticeEvent {
  type: NoticeEventType;
  /** The recipient the report is about (a DSN's Final-Recipient), when it names one. */
  recipient?: string | null;
  /** RFC 3463 status, e.g. `5.1.1`. */
  status?: string | null;
  diagnostic?: string | null;
}

const norm = (a: string) => a.trim().toLowerCase();

/**
 * The state after an event. A permanent failure of one recipient bounces the message only when every
 * recipient has failed (a reminder whose cc still reached the head was delivered to the agency); the
 * failing addresses are kept either way, for the fallback to the agency's other contacts.
 */
export function applyEvent(m: MessageFacts, e: NoticeEvent): MessageFacts {
  const bounced = [...m.bounced];
  let target: MessageState = e.type;
  if (e.type === 'bounced') {
    const who = e.recipient ? norm(e.recipient) : null;
    const failed = who ? [who] : m.recipients.map(norm);
    for (const a of failed) if (!bounced.includes(a)) bounced.push(a);
    const all = m.recipients.length === 0 || m.recipients.every((r) => bounced.includes(norm(r)));
    if (!all) target = m.state;
  }
  if (e.type === 'opened' && m.state === 'bounced') target = m.state;
  return { ...m, bounced, state: REACH[target] > REACH[m.state] ? target : m.state };
}

/** One line of detail for an event: "550 5.1.1 <a@b>: Recipient address rejected (a@b)". */
export function eventDetail(e: NoticeEvent): string {
  // The relay's words usually carry the status already ("550 5.1.1 …"): said once.
  const status = e.status && !e.diagnostic?.includes(e.status) ? e.status : null;
  const parts = [status, e.diagnostic].filter((x): x is string => Boolean(x && x.trim()));
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return [text, e.recipient ? `(${e.recipient})` : ''].filter(Boolean).join(' ').slice(0, 500);
}

export interface NoticeMessage {
  key: string;
  kind: string | null;
  to: string[];
  /** Business time of the step (the message's Date). */
  at: string;
  state: MessageState;
  /** The relay's answer, the bounce's status and diagnostic, or the error. */
  detail: string | null;
  /** Addresses reported as permanently failed (lower case). */
  bouncedAddresses: string[];
}

export interface NoticeOpen {
  at: string;
  source: EventSource;
}

export interface ProofOfNotice {
  planId: string;
  period: string;
  agencyId: string;
  /** The notices of this plan, period and agency, oldest first. */
  messages: NoticeMessage[];
  /** When the agency opened its personal link or report page. */
  opens: NoticeOpen[];
  /** A notice was delivered (reported by the relay) or opened: the agency was told. */
  hasDeliveredOrOpenedNotice: boolean;
}

export const hasDeliveredOrOpenedNotice = (p: Pick<ProofOfNotice, 'messages' | 'opens'>): boolean =>
  p.opens.length > 0 || p.messages.some((m) => m.state === 'delivered' || m.state === 'opened');

/** The proof from every message of the scope (any kind) and its opens: the notices only, in time order. */
export function proofOfNotice(scope: { planId: string; period: string; agencyId: string }, messages: NoticeMessage[], opens: NoticeOpen[]): ProofOfNotice {
  const notices = messages.filter((m) => m.kind !== null && NOTICE_KINDS.includes(m.kind)).sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  const sortedOpens = [...opens].sort((a, b) => a.at.localeCompare(b.at));
  return { ...scope, messages: notices, opens: sortedOpens, hasDeliveredOrOpenedNotice: hasDeliveredOrOpenedNotice({ messages: notices, opens: sortedOpens }) };
}

/** The reminders and overdue notices sent, as an escalation email states them: "đã nhắc 2 lần: 04/06 (đã đến hộp thư), 10/06 (đã mở liên kết)". */
export function proofLine(p: ProofOfNotice): string {
  const sent = p.messages.filter((m) => m.kind === 'reminder' || m.kind === 'overdue' || m.kind === 'fallback');
  if (!sent.length) return 'chưa nhắc lần nào';
  const day = (iso: string) => viDate(new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10)).slice(0, 5);
  return `đã nhắc ${sent.length} lần: ${sent.map((m) => `${day(m.at)} (${MESSAGE_STATE_LABEL[m.state]})`).join(', ')}`;
}
