-- Plans registered from the web (issue 14 item 3): every version an officer registered or amended, with the
-- document it came from. `state`: running (its plan workflow was started or amended) or ended (its horizon
-- had passed when it was registered: stored, listed, never started, so nothing is dispatched).
CREATE TABLE plan_registrations (
  id            bigserial PRIMARY KEY,
  plan_id       text NOT NULL,
  plan_hash     text NOT NULL,
  state         text NOT NULL CHECK (state IN ('running', 'ended')),
  action        text NOT NULL CHECK (action IN ('register', 'amend')),
  source_name   text,
  source_sha256 text,
  actor         text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_registrations_plan ON plan_registrations (plan_id, id DESC);
