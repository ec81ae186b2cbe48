"""A signed plan's problem keeps the findings it was signed with.

Django creates the problem-to-finding link table itself, so no model Meta can carry its
triggers: they are written here, in the same form as iop.locks (no pgtrigger.ignore
escape hatch). Linking and unlinking on a draft stays open; TRUNCATE never.
"""

from django.db import migrations

TABLE = "treatment_plans_planproblem_instrument_results"

FORWARD = f"""
CREATE OR REPLACE FUNCTION iop_problem_findings_locked() RETURNS TRIGGER AS $$
DECLARE
    R RECORD;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them',
            TG_TABLE_NAME;
    END IF;
    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
    IF EXISTS (
        SELECT 1 FROM treatment_plans_planproblem pr
        JOIN treatment_plans_treatmentplan p ON p.id = pr.plan_id
        WHERE pr.id IN (R.planproblem_id, OLD.planproblem_id) AND p.activated_at IS NOT NULL
    ) THEN
        RAISE EXCEPTION '%: Signed plan versions are locked: make a new version.', TG_TABLE_NAME;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER iop_findings_locked_once_signed
    BEFORE INSERT OR UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION iop_problem_findings_locked();
CREATE TRIGGER iop_findings_never_truncated
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION iop_problem_findings_locked();
"""

BACKWARD = f"""
DROP TRIGGER IF EXISTS iop_findings_locked_once_signed ON {TABLE};
DROP TRIGGER IF EXISTS iop_findings_never_truncated ON {TABLE};
DROP FUNCTION IF EXISTS iop_problem_findings_locked();
"""


class Migration(migrations.Migration):
    dependencies = [("treatment_plans", "0007_clinical_rows_never_deleted_locks_not_switchable")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
