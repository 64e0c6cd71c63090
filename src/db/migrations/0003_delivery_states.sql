-- Proof of notice (issue 15): what became of each message after the relay took it, and how bounces find it.
-- `state` keeps its meaning (sending / failed / accepted: whether to send again); `notice_state` is what was
-- learnt afterwards (delayed, bounced, delivered, opened), never lowered by a later, lesser event.
ALTER TABLE deliveries ADD COLUMN return_token text;
ALTER TABLE deliveries ADD COLUMN notice_state text CHECK (notice_state IN ('delayed', 'bounced', 'delivered', 'opened'));
ALTER TABLE deliveries ADD COLUMN notice_at timestamptz;
ALTER TABLE deliveries ADD COLUMN notice_detail text;
-- Recipients reported as permanently failed (lower case): the fallback tries the agency's other contacts.
ALTER TABLE deliveries ADD COLUMN bounced_addrs jsonb NOT NULL DEFAULT '[]';
-- The VERP token of the return path (bounce+<token>@<DONDOC_BOUNCE_DOMAIN>): a bounce names its message by it.
CREATE UNIQUE INDEX deliveries_return_token ON deliveries (return_token);
CREATE INDEX deliveries_scope ON deliveries (plan_id, period, agency_id);

-- Every event of every message, and the agencies' opens of their links (no message: keyed by plan, period, agency).
CREATE TABLE delivery_events (
  id           bigserial PRIMARY KEY,
  delivery_key text REFERENCES deliveries (key) ON DELETE CASCADE,
  plan_id      text,
  period       text,
  agency_id    text,
  type         text NOT NULL CHECK (type IN ('queued', 'accepted', 'failed', 'delayed', 'bounced', 'delivered', 'opened')),
  at           timestamptz NOT NULL DEFAULT now(),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  recipient    text,
  status       text,
  diagnostic   text,
  source       text NOT NULL CHECK (source IN ('mailer', 'inbound-smtp', 'imap', 'portal', 'link-api')),
  detail       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX delivery_events_key ON delivery_events (delivery_key, id);
CREATE INDEX delivery_events_scope ON delivery_events (plan_id, period, agency_id, type);
