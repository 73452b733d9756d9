-- The roles of a customs post's shared case store and what each may do. Run by the post's
-- administrator (`inspector store setup`, README) after the schema exists; idempotent.
-- Each desk logs in with a role of its own that is a member of one of these (no shared
-- superuser): CREATE ROLE desk07 LOGIN PASSWORD '…' IN ROLE inspector_officer;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inspector_auditor') THEN
    CREATE ROLE inspector_auditor NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inspector_officer') THEN
    CREATE ROLE inspector_officer NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inspector_supervisor') THEN
    CREATE ROLE inspector_supervisor NOLOGIN IN ROLE inspector_officer;
  END IF;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO inspector_auditor, inspector_officer;

-- auditor: reads everything (to verify the chain and read reports), writes nothing.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO inspector_auditor;

-- officer: records inspections. The audit log only grows (no UPDATE/DELETE, and rules.sql
-- refuses them even to the owner); the schema version is read, never written.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO inspector_officer;
GRANT INSERT, UPDATE ON cases, travelers, declarations, drives, verdicts, travel_groups,
  audit_anchor TO inspector_officer;
GRANT INSERT ON audit, desk_actions, audit_anchor TO inspector_officer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO inspector_officer;

-- supervisor: what an officer may, plus policy edits and closing a REFER (enforced by
-- rules.sql through membership of inspector_supervisor).
