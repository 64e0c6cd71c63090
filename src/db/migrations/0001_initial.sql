-- dondoc's own data. Temporal stays the system of record for process state and submissions; large files
-- stay in the content-addressed store. Times are timestamptz (UTC inside, shown in Asia/Ho_Chi_Minh).

-- Staff accounts of the standing agency. The password hash is self-describing (scrypt$N$r$p$salt$hash).
CREATE TABLE staff_users (
  name          text PRIMARY KEY,
  password_hash text NOT NULL,
  role          text NOT NULL DEFAULT 'officer' CHECK (role IN ('admin', 'officer', 'leader')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

-- Staff sessions, shared by every web replica. The cookie carries a random id; only its SHA-256 is kept,
-- so a copy of the table logs nobody in.
CREATE TABLE staff_sessions (
  id_sha256  text PRIMARY KEY,
  user_name  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip         text,
  user_agent text
);
CREATE INDEX staff_sessions_expires_at ON staff_sessions (expires_at);

-- The delivery log: one row per message (per workflow step key), written before the message is sent.
-- state: sending (handed to the relay, outcome not yet recorded), failed (the relay refused or was
-- unreachable: not delivered), accepted (the relay answered 250: relay_response).
CREATE TABLE deliveries (
  key              text PRIMARY KEY,
  message_id       text NOT NULL UNIQUE,
  kind             text,
  plan_id          text,
  period           text,
  agency_id        text,
  to_addrs         jsonb NOT NULL,
  cc_addrs         jsonb NOT NULL DEFAULT '[]',
  subject          text NOT NULL,
  business_at      timestamptz NOT NULL,
  state            text NOT NULL CHECK (state IN ('sending', 'failed', 'accepted')),
  attempts         integer NOT NULL DEFAULT 1,
  unknown_outcomes integer NOT NULL DEFAULT 0,
  intent_at        timestamptz NOT NULL DEFAULT now(),
  last_attempt_at  timestamptz NOT NULL DEFAULT now(),
  accepted_at      timestamptz,
  relay_response   text,
  last_error       text
);
-- Keys start with the workflow id (`report:<plan>:<period>:<agency>/reminder/…`): the agency page asks by prefix.
CREATE INDEX deliveries_key_prefix ON deliveries (key text_pattern_ops);
CREATE INDEX deliveries_plan_period ON deliveries (plan_id, period);

-- Who did what, when, from where.
CREATE TABLE audit_log (
  id     bigserial PRIMARY KEY,
  at     timestamptz NOT NULL DEFAULT now(),
  actor  text NOT NULL,
  action text NOT NULL,
  target text,
  ip     text,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The development mail catcher's messages (`dondoc start` without SMTP_URL), so /mail survives a restart.
CREATE TABLE caught_mail (
  id          bigserial PRIMARY KEY,
  message_id  text NOT NULL,
  date        timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  from_addr   text NOT NULL,
  to_addrs    jsonb NOT NULL,
  cc_addrs    jsonb NOT NULL,
  subject     text NOT NULL,
  text_body   text NOT NULL,
  html_body   text NOT NULL,
  headers     jsonb NOT NULL,
  attachments jsonb NOT NULL
);
CREATE INDEX caught_mail_received_at ON caught_mail (received_at);

-- Files of the data directory already imported (users.json, the sent/ log), so each is imported once.
CREATE TABLE legacy_imports (
  name text PRIMARY KEY,
  at   timestamptz NOT NULL DEFAULT now(),
  rows integer NOT NULL
);
