/** Edited consolidated reports (`report_versions`): DOCX files staff uploaded over a period's draft; the bytes are in the content store. */
import { iso, type SqlClient } from './sql.js';

export interface ReportVersion {
  id: number;
  planId: string;
  period: string;
  sha256: string;
  name: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  approvedAt: string | null;
}

export interface ReportVersionRepository {
  add(v: { planId: string; period: string; sha256: string; name: string; size: number; uploadedBy: string }): Promise<ReportVersion>;
  /** Every upload of a period, oldest first. */
  list(planId: string, period: string): Promise<ReportVersion[]>;
  markApproved(id: number): Promise<void>;
}

type Row = { id: string | number; plan_id: string; period: string; sha256: string; name: string; size: number; uploaded_by: string; uploaded_at: Date; approved_at: Date | null };
const toVersion = (r: Row): ReportVersion => ({
  id: Number(r.id),
  planId: r.plan_id,
  period: r.period,
  sha256: r.sha256,
  name: r.name,
  size: r.size,
  uploadedBy: r.uploaded_by,
  uploadedAt: iso(r.uploaded_at)!,
  approvedAt: iso(r.approved_at),
});

export function sqlReportVersions(db: SqlClient): ReportVersionRepository {
  return {
    async add(v) {
      const [r] = await db.query<Row>('INSERT INTO report_versions (plan_id, period, sha256, name, size, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *', [
        v.planId,
        v.period,
        v.sha256,
        v.name,
        v.size,
        v.uploadedBy,
      ]);
      return toVersion(r!);
    },
    async list(planId, period) {
      return (await db.query<Row>('SELECT * FROM report_versions WHERE plan_id = $1 AND period = $2 ORDER BY id', [planId, period])).map(toVersion);
    },
    async markApproved(id) {
      await db.query('UPDATE report_versions SET approved_at = now() WHERE id = $1 AND approved_at IS NULL', [id]);
    },
  };
}
