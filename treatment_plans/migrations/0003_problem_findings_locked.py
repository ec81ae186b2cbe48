"""The link between a problem and the findings that support it is part of the signed plan.

The many-to-many table is created by Django, so its lock is written here in SQL: the same
rule as the other parts' triggers (no change once the plan version is signed).
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION treatment_plans_problem_findings_locked() RETURNS trigger AS $$
DECLARE
    R RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
    IF EXISTS (
        SELECT 1
        FROM treatment_plans_planproblem pr
        JOIN treatment_plans_treatmentplan p ON p.id = pr.plan_id
        WHERE pr.id = R.planproblem_id AND p.activated_at IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'Signed plan versions are locked: make a new version.';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER problem_findings_locked
BEFORE INSERT OR UPDATE OR DELETE ON treatment_plans_planproblem_instrument_results
FOR EACH ROW EXECUTE FUNCTION treatment_plans_problem_findings_locked();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS problem_findings_locked ON treatment_plans_planproblem_instrument_results;
DROP FUNCTION IF EXISTS treatment_plans_problem_findings_locked();
"""


class Migration(migrations.Migration):
    dependencies = [("treatment_plans", "0002_library")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
