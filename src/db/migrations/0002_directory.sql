-- The province's agency directory, shared by every plan (src/directory). An agency keeps a stable id
-- (`<province>.<slug>`, e.g. son-la.so-tai-chinh); names, contacts and successors are rows of their own so
-- that names over time and several contacts per role are plain data. Every change bumps `revision` and
-- keeps the whole record as it became in directory_history (and a line in audit_log).

CREATE TABLE directory_agencies (
  id         text PRIMARY KEY,
  province   text NOT NULL,
  kind       text NOT NULL,
  note       text,
  revision   integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directory_agencies_province ON directory_agencies (province);

-- Names over time: valid_from / valid_to are days (inclusive); NULL is open-ended.
CREATE TABLE directory_names (
  agency_id  text NOT NULL REFERENCES directory_agencies (id) ON DELETE CASCADE,
  ord        integer NOT NULL,
  name       text NOT NULL,
  short_name text,
  valid_from date,
  valid_to   date,
  PRIMARY KEY (agency_id, ord),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);

-- Focal points (đầu mối) and heads (thủ trưởng), several of each.
CREATE TABLE directory_contacts (
  agency_id   text NOT NULL REFERENCES directory_agencies (id) ON DELETE CASCADE,
  ord         integer NOT NULL,
  role        text NOT NULL CHECK (role IN ('focal', 'head')),
  name        text,
  title       text,
  email       text NOT NULL,
  phone       text,
  placeholder boolean NOT NULL DEFAULT false,
  PRIMARY KEY (agency_id, ord)
);

-- An agency succeeded from a day (merger, rename, split, abolition) ...
CREATE TABLE directory_successions (
  agency_id  text PRIMARY KEY REFERENCES directory_agencies (id) ON DELETE CASCADE,
  valid_from date NOT NULL,
  basis      text
);
-- ... by one or several successors, each with the functions and tasks (`<planId>:<taskId>`) it takes over.
-- The first (ord 0) carries the reporting duty and every task not listed for another.
CREATE TABLE directory_successors (
  agency_id    text NOT NULL REFERENCES directory_successions (agency_id) ON DELETE CASCADE,
  ord          integer NOT NULL,
  successor_id text NOT NULL REFERENCES directory_agencies (id),
  functions    text,
  tasks        jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (agency_id, ord),
  CHECK (successor_id <> agency_id)
);

-- The record as each change left it: who, when, from where, and the whole agency as JSON.
CREATE TABLE directory_history (
  id        bigserial PRIMARY KEY,
  agency_id text NOT NULL,
  revision  integer NOT NULL,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  action    text NOT NULL,
  ip        text,
  record    jsonb NOT NULL,
  UNIQUE (agency_id, revision)
);
