/**
 * A bounce, whatever its shape, as one plain report: an RFC 3464 DSN (multipart/report;
 * report-type=delivery-status), or the plain-text notices some relays still write (Gmail's
 * "Delivery Status Notification (Failure)", Exim's "Mail delivery failed", qmail, Exchange's text).
 * No I/O: bytes in, report out (mailparser reads the MIME), tested on fixtures in milliseconds.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { NoticeEventType } from '../noticeState.js';
import { parseDeliveryStatus, STATUS_CODE, type DsnAction, type DsnRecipient } from './deliveryStatus.js';

export interface ParsedBounce {
  format: 'dsn' | 'text';
  recipients: DsnRecipient[];
  /** Where the bounce was addressed (its To header): the return path, when it is a VERP address. */
  to: string[];
  /** The original message's Message-ID and dondoc key, read from the headers the bounce returns. */
  originalMessageId: string | null;
  originalKey: string | null;
  arrivalDate: string | null;
  subject: string;
}

/** What a recipient's report means for the delivery log. */
export const eventTypeOf = (r: Pick<DsnRecipient, 'action'>): Exclude<NoticeEventType, 'opened'> =>
  r.action === 'failed' ? 'bounced' : r.action === 'delayed' ? 'delayed' : 'delivered';

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase())).filter(Boolean);

const header = (text: string, name: string): string | null => {
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)`, 'im').exec(text);
  return m ? m[1]!.replace(/\s+/g, ' ').trim() : null;
};

/** The returned original: a message/rfc822 or text/rfc822-headers part, else the text after the notice. */
function returnedHeaders(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers' || a.contentType === 'message/rfc822-headers');
  if (part) {
    const text = part.content.toString('utf8');
    const end = text.search(/\r?\n\r?\n/);
    return end >= 0 ? text.slice(0, end) : text;
  }
  return mail.text ?? '';
}

const SUBJECT =
  /undeliver|delivery status notification|delivery (has )?failed|failure notice|returned mail|mail delivery failed|delivery failure|non-?delivery|delayed mail|warning: message|could not be delivered|không gửi được|không thể gửi/i;
const SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const TEMPORARY = /\b(delayed|temporar(il)?y|will (be )?retr(y|ied)|still trying|deferred|quota exceeded|mailbox full)\b/i;

/** The human text up to the returned original (whose own addresses are not the failed ones). */
function noticeText(mail: ParsedMail): string {
  const text = (mail.text ?? '').replace(/\r\n?/g, '\n');
  const cut = text.search(
    /^[ \t]*-{2,}[ \t]*(original message|below this line is a copy|this is a copy of the message|message header follows|original message follows)|^[ \t]*-{2,}.*(original|copy of the message)|^[ \t]*original message headers/im,
  );
  return cut >= 0 ? text.slice(0, cut) : text;
}

/** A plain-text bounce: the failed addresses, the status code, the diagnostic line. Null when it says none. */
function fromText(mail: ParsedMail, own: Set<string>): DsnRecipient[] | null {
  const text = noticeText(mail);
  const statusMatch = STATUS_CODE.exec(text);
  const smtp = /\b([45]\d\d)[ -](?:[245]\.\d{1,3}\.\d{1,3}\b)?/.exec(text);
  if (!statusMatch && !smtp && !SUBJECT.test(mail.subject ?? '')) return null;
  const status = statusMatch ? statusMatch[0] : smtp ? `${smtp[1]![0]}.0.0` : null;
  const temporary = status ? status.startsWith('4') : TEMPORARY.test(text);
  const action: DsnAction = temporary ? 'delayed' : 'failed';
  // The line that carries the code is the relay's own words (the diagnostic).
  const codeLine = text.split('\n').find((l) => (statusMatch && l.includes(statusMatch[0])) || (smtp && l.includes(smtp[0])));
  const diagnostic = codeLine ? codeLine.trim().slice(0, 500) : null;
  const failedHeader = mail.headers.get('x-failed-recipients');
  const listed =
    typeof failedHeader === 'string'
      ? failedHeader
          .split(',')
          .map((a) => a.trim().toLowerCase())
          .filter(Boolean)
      : [];
  const found = listed.length ? listed : [...new Set((text.match(EMAIL) ?? []).map((a) => a.toLowerCase()))].filter((a) => !own.has(a) && !SENDER.test(a) && !/^bounce\+/i.test(a));
  if (!found.length) return null;
  // A plain notice lists the failing address first; later addresses are hosts' postmasters or examples.
  const addressesOut = listed.length ? listed : [found[0]!];
  return addressesOut.map((address) => ({ address, action, status, diagnostic, remoteMta: null }));
}

/** The bounce's report, or null when the message is not a bounce (an auto-reply, a person's answer). */
export async function parseBounce(raw: Buffer | string): Promise<ParsedBounce | null> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipImageLinks: true, skipTextLinks: true });
  const to = addresses(mail.to);
  const from = addresses(mail.from);
  const returned = returnedHeaders(mail);
  const originalMessageId = header(returned, 'Message-ID')?.match(/<[^>]+>/)?.[0] ?? null;
  const originalKey = header(returned, 'X-Dondoc-Key');
  const status = mail.attachments.find((a) => a.contentType === 'message/delivery-status' || a.contentType === 'message/global-delivery-status');
  const base = { to, originalMessageId, originalKey, subject: mail.subject ?? '' };
  if (status) {
    const dsn = parseDeliveryStatus(status.content.toString('utf8'));
    if (dsn.recipients.length)
      return {
        ...base,
        format: 'dsn',
        recipients: dsn.recipients,
        arrivalDate: dsn.arrivalDate && !Number.isNaN(Date.parse(dsn.arrivalDate)) ? new Date(dsn.arrivalDate).toISOString() : null,
      };
  }
  const looksLikeBounce = from.some((a) => SENDER.test(a)) || SUBJECT.test(mail.subject ?? '') || mail.headers.has('x-failed-recipients');
  if (!looksLikeBounce) return null;
  const recipients = fromText(mail, new Set([...to, ...from]));
  return recipients ? { ...base, format: 'text', recipients, arrivalDate: null } : null;
}
