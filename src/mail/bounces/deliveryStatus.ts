/**
 * The `message/delivery-status` body of an RFC 3464 DSN: one group of per-message fields, then one group
 * per recipient, groups separated by blank lines, fields written like mail headers (folded lines
 * continue with white space). Pure text in, plain data out.
 */

export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface DsnRecipient {
  /** Final-Recipient's address (else Original-Recipient's), lower case. */
  address: string;
  action: DsnAction;
  /** RFC 3463 status, `class.subject.detail`, e.g. `5.1.1`. */
  status: string | null;
  /** Diagnostic-Code without its type (`smtp; 550 5.1.1 …` → `550 5.1.1 …`). */
  diagnostic: string | null;
  remoteMta: string | null;
}

export interface DeliveryStatus {
  reportingMta: string | null;
  arrivalDate: string | null;
  recipients: DsnRecipient[];
}

const ACTIONS: readonly DsnAction[] = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'];

/** Field groups: each a map of lower-case field name → unfolded value (first occurrence wins). */
function groups(text: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) {
      if (current.size) out.push(current);
      current = new Map();
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      current.set(last, `${current.get(last)} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    last = m[1]!.toLowerCase();
    if (!current.has(last)) current.set(last, m[2]!.trim());
  }
  if (current.size) out.push(current);
  return out;
}

/** `rfc822; a@b` → `a@b`; a value without a type is taken whole. */
const typed = (v: string | undefined): string | null => {
  if (!v) return null;
  const i = v.indexOf(';');
  const s = (i >= 0 ? v.slice(i + 1) : v).trim().replace(/^<|>$/g, '');
  return s || null;
};

export const STATUS_CODE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

export function parseDeliveryStatus(text: string): DeliveryStatus {
  const [perMessage, ...perRecipient] = groups(text);
  const recipients: DsnRecipient[] = [];
  for (const g of perRecipient) {
    const address = typed(g.get('final-recipient')) ?? typed(g.get('original-recipient'));
    const action = g.get('action')?.toLowerCase().split(/[\s(]/)[0] as DsnAction | undefined;
    if (!address || !action || !ACTIONS.includes(action)) continue;
    const status = STATUS_CODE.exec(g.get('status') ?? '')?.[0] ?? null;
    recipients.push({ address: address.toLowerCase(), action, status, diagnostic: typed(g.get('diagnostic-code')), remoteMta: typed(g.get('remote-mta')) });
  }
  return { reportingMta: typed(perMessage?.get('reporting-mta')), arrivalDate: perMessage?.get('arrival-date') ?? null, recipients };
}
