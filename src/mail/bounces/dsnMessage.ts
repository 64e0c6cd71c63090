/**
 * Writes a delivery status notification the way Postfix does (RFC 3464: multipart/report with a
 * human part, a message/delivery-status part and the original's headers), or Gmail's plain-text
 * notice: what the development catcher answers with, so the whole loop runs on real formats.
 */
export interface DsnRecipientInput {
  address: string;
  /** RFC 3463 status: `5.1.1` (unknown user), `4.2.2` (mailbox full), `2.0.0` (delivered). */
  status: string;
  diagnostic: string;
}

export interface DsnInput {
  reportingMta: string;
  /** The envelope sender the report goes back to (the VERP return path). */
  to: string;
  recipient: DsnRecipientInput;
  /** The original's header block, as received. */
  originalHeaders: string;
  arrivalDate: Date;
  /** `dsn` (RFC 3464) or `text` (a plain notice, Gmail style). */
  format?: 'dsn' | 'text';
}

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');
const actionOf = (status: string) => (status.startsWith('5') ? 'failed' : status.startsWith('4') ? 'delayed' : 'delivered');

export function buildDsn(i: DsnInput): string {
  const action = actionOf(i.recipient.status);
  const r = i.recipient;
  const headers = i.originalHeaders.replace(/\r?\n/g, '\r\n').replace(/(\r\n)+$/, '');
  const id = `${i.arrivalDate.getTime().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
  if (i.format === 'text')
    return [
      `From: Mail Delivery Subsystem <mailer-daemon@${i.reportingMta}>`,
      `To: ${i.to}`,
      `Subject: Delivery Status Notification (${action === 'failed' ? 'Failure' : action === 'delayed' ? 'Delay' : 'Success'})`,
      `Date: ${rfc2822(i.arrivalDate)}`,
      `Message-ID: <${id}@${i.reportingMta}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'This is an automatically generated Delivery Status Notification',
      '',
      `Delivery to the following recipient ${action === 'failed' ? 'failed permanently' : 'has been delayed'}:`,
      '',
      `     ${r.address}`,
      '',
      'The error that the other server returned was:',
      r.diagnostic,
      '',
      '----- Original message -----',
      '',
      headers,
      '',
    ].join('\r\n');
  const boundary = `${id}/${i.reportingMta}`;
  const human =
    action === 'failed'
      ? `I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n<${r.address}>: ${r.diagnostic}`
      : action === 'delayed'
        ? `Your message could not be delivered yet. It will be retried.\r\n\r\n<${r.address}>: ${r.diagnostic}`
        : `Your message was successfully delivered to the destination(s)\r\nlisted below.\r\n\r\n<${r.address}>: ${r.diagnostic}`;
  return [
    `From: MAILER-DAEMON@${i.reportingMta} (Mail Delivery System)`,
    `To: ${i.to}`,
    `Subject: ${action === 'failed' ? 'Undelivered Mail Returned to Sender' : action === 'delayed' ? 'Delayed Mail (still being retried)' : 'Successful Mail Delivery Report'}`,
    `Date: ${rfc2822(i.arrivalDate)}`,
    `Message-ID: <${id}@${i.reportingMta}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `This is the mail system at host ${i.reportingMta}.`,
    '',
    human,
    '',
    `--${boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns; ${i.reportingMta}`,
    `Arrival-Date: ${rfc2822(i.arrivalDate)}`,
    '',
    `Final-Recipient: rfc822; ${r.address}`,
    `Action: ${action}`,
    `Status: ${r.status}`,
    `Diagnostic-Code: smtp; ${r.diagnostic}`,
    '',
    `--${boundary}`,
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    '',
    headers,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
