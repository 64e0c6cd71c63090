/**
 * Sending mail through SMTP (nodemailer) at most once per workflow step.
 * Each message has a Message-ID derived from its step key; a sent log under the storage directory
 * records it after the server accepted it, so a retried activity does not send a second copy. (A crash
 * between the server's acceptance and the log write can still repeat one message, with the same
 * Message-ID, which mail clients fold together.)
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  /** Unique per workflow step, e.g. `report:p:2026-H1:so-x/reminder/2026-06-15/7`. */
  key: string;
  /** When the step happened (business time): the Date header. */
  at: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SentMail {
  messageId: string;
  duplicate: boolean;
}

export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly sentLogDir: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  static messageIdFor(key: string): string {
    return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@dondoc>`;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const messageId = Mailer.messageIdFor(mail.key);
    const logFile = join(this.sentLogDir, `${messageId.slice(1, 33)}.json`);
    try {
      await readFile(logFile);
      return { messageId, duplicate: true };
    } catch {
      // not sent yet
    }
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      cc: mail.cc?.length ? mail.cc : undefined,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      date: new Date(mail.at),
      messageId,
      headers: { 'X-Dondoc-Key': mail.key, ...mail.headers },
      attachments: mail.attachments,
    });
    await mkdir(this.sentLogDir, { recursive: true });
    await writeFile(logFile, JSON.stringify({ key: mail.key, messageId, at: mail.at, to: mail.to, subject: mail.subject }));
    return { messageId, duplicate: false };
  }

  close(): void {
    this.transport.close();
  }
}
