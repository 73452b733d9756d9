-- Rules the PostgreSQL server enforces for every desk, whatever client connects (installed by
-- the schema migrations and by `inspector store setup`; idempotent). Role names: roles.sql.

-- The audit log is append-only: an entry once written is never changed or removed (the hash
-- chain would reveal it; this refuses it outright).
CREATE OR REPLACE FUNCTION inspector_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS audit_append_only ON audit;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION inspector_audit_append_only();

-- Whether the connected role acts as a supervisor. A server without the roles (a developer's
-- own database) has no one to tell apart: everyone may.
CREATE OR REPLACE FUNCTION inspector_is_supervisor() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inspector_supervisor')
      OR pg_has_role(current_user, 'inspector_supervisor', 'MEMBER')
$$;

-- A policy edit is audited by a supervisor only.
CREATE OR REPLACE FUNCTION inspector_audit_policy_rule() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'policy edited' AND NOT inspector_is_supervisor() THEN
    RAISE EXCEPTION 'only a supervisor may change the policy (role % is not one)', current_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS audit_policy_rule ON audit;
CREATE TRIGGER audit_policy_rule BEFORE INSERT ON audit
  FOR EACH ROW EXECUTE FUNCTION inspector_audit_policy_rule();

-- A case whose latest verdict of any traveler or group is REFER is closed by a supervisor only.
CREATE OR REPLACE FUNCTION inspector_close_rule() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL AND NOT inspector_is_supervisor()
     AND EXISTS (
       SELECT 1 FROM (
         SELECT DISTINCT ON (scope, subject) verdict FROM verdicts
         WHERE case_id = NEW.id ORDER BY scope, subject, id DESC
       ) latest WHERE verdict = 'refer') THEN
    RAISE EXCEPTION 'case % is REFER: only a supervisor may close it (role % is not one)',
      NEW.id, current_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS cases_close_rule ON cases;
CREATE TRIGGER cases_close_rule BEFORE UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION inspector_close_rule();
