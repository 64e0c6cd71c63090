-- Edited versions of a period's consolidated report: a DOCX a staff member re-uploaded over the draft.
-- The file is in the content store (sha256); both the generated and the edited versions are kept. The
-- newest row of a (plan, period) is the one offered for sending; approved_at marks the one approved.
CREATE TABLE report_versions (
  id          bigserial PRIMARY KEY,
  plan_id     text NOT NULL,
  period      text NOT NULL,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  name        text NOT NULL,
  size        integer NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  approved_at timestamptz
);
CREATE INDEX report_versions_plan_period ON report_versions (plan_id, period, id);
