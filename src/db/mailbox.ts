/**
 * The development mail catcher's messages, kept in `caught_mail` so the web's /mail page survives a
 * restart and can be searched (subject, recipients, body).
 */
import type { CaughtMail } from '../mail/catcher.js';
import { iso, type SqlClient } from './sql.js';

export interface MailboxRepository {
  add(mail: CaughtMail): Promise<void>;
  /** Newest first; `q` matches the subject, the recipients or the text, case- and accent-sensitive as typed. */
  search(q?: string, limit?: number): Promise<CaughtMail[]>;
  count(): Promise<number>;
}

type Row = {
  message_id: string;
  date: Date;
  received_at: Date;
  from_addr: string;
  to_addrs: string[];
  cc_addrs: string[];
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string>;
  attachments: CaughtMail['attachments'];
};

/** LIKE's own characters typed in a search box are literal. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function sqlMailbox(db: SqlClient): MailboxRepository {
  return {
    async add(m) {
      await db.query(
        `INSERT INTO caught_mail (message_id, date, received_at, from_addr, to_addrs, cc_addrs, subject, text_body, html_body, headers, attachments)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          m.messageId,
          m.date,
          m.receivedAt,
          m.from,
          JSON.stringify(m.to),
          JSON.stringify(m.cc),
          m.subject,
          m.text,
          m.html,
          JSON.stringify(m.headers),
          JSON.stringify(m.attachments),
        ],
      );
    },
    async search(q, limit = 200) {
      const term = q?.normalize('NFC').trim();
      const rows = await db.query<Row>(
        `SELECT * FROM caught_mail
         WHERE $1::text IS NULL OR subject ILIKE $1 OR to_addrs::text ILIKE $1 OR cc_addrs::text ILIKE $1 OR text_body ILIKE $1
         ORDER BY received_at DESC, id DESC LIMIT $2`,
        [term ? likePattern(term) : null, limit],
      );
      return rows.map((r) => ({
        messageId: r.message_id,
        date: iso(r.date)!,
        receivedAt: iso(r.received_at)!,
        from: r.from_addr,
        to: r.to_addrs,
        cc: r.cc_addrs,
        subject: r.subject,
        text: r.text_body,
        html: r.html_body,
        headers: r.headers,
        attachments: r.attachments,
      }));
    },
    async count() {
      const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM caught_mail');
      return r?.n ?? 0;
    },
  };
}
