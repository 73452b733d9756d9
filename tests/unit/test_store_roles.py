"""A post's server set up by `inspector store setup`: the roles' grants and the server's own
rules (resources/store/roles.sql, rules.sql) on a real PostgreSQL server."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from inspector.core.case import audit
from inspector.core.case.policy_store import active_policy
from inspector.core.case.records import DriveIdentity
from inspector.core.case.schema import SCHEMA_VERSION
from inspector.core.case.server_setup import setup_server
from inspector.core.case.store import RefusedByServer, open_store
from tests.unit.casekit import TB, sampled_scan


@pytest.fixture
def post(pg_server):
    """A database made by setup_server (not the template), with three desk logins."""
    name = f"post_{__import__('uuid').uuid4().hex[:8]}"
    admin = pg_server.url(name)
    result = setup_server(
        admin, [("desk1", "officer"), ("sup1", "supervisor"), ("aud1", "auditor")]
    )
    assert result.created and {x.role for x in result.logins} == {
        "officer",
        "supervisor",
        "auditor",
    }

    def as_role(role: str) -> str:  # the test cluster trusts its socket: the role is the user
        return admin.replace(f"{pg_server.user}@", f"{role}@", 1)

    yield as_role
    pg_server.drop_database(name)


def _refer_case(store):
    case = store.open_case("Ana", "Desk 1")
    store.add_traveler(case.id, "Li", group="MH1")
    d = store.begin_drive(
        case.id, "Li", DriveIdentity("serial:S1", "/dev/sdb", capacity_bytes=20 * TB)
    )
    store.finish_drive(
        d.id, sampled_scan(10 * TB, {"ai-dataset": (0.9, 0.85, 0.95)}, capacity=20 * TB)
    )
    assert store.summary(case.id).verdict == "refer"
    return case


def test_setup_again_is_harmless(pg_server, post):
    again = setup_server(post(pg_server.user), [])
    assert not again.created and again.migrated_from == SCHEMA_VERSION


def test_auditor_reads_and_cannot_write(post):
    with open_store(url=post("desk1")) as officer:
        case = _refer_case(officer)
    with open_store(url=post("aud1")) as auditor:
        assert auditor.summary(case.id).verdict == "refer"
        assert auditor.verify().intact
        with pytest.raises(RefusedByServer, match="permission denied"):
            auditor.open_case("Eve")
        with pytest.raises(RefusedByServer, match="permission denied"):
            auditor._read(lambda c: c.execute(text("DELETE FROM audit")))


def test_officer_cannot_close_a_refer_or_change_policy_supervisor_can(post):
    with open_store(url=post("desk1")) as officer:
        case = _refer_case(officer)
        with pytest.raises(RefusedByServer, match="only a supervisor may close it"):
            officer.close_case(case.id)
        with pytest.raises(RefusedByServer, match="only a supervisor"):
            officer.require_supervisor("change the policy")
        with pytest.raises(RefusedByServer, match="only a supervisor may change the policy"):
            officer.record_policy_change(active_policy(), active_policy(), "Ana")
        assert officer.case(case.id).is_open
        clear = officer.open_case("Ana")  # a case that is not REFER: the officer closes it
        officer.add_traveler(clear.id, "Bo")
        officer.begin_drive(
            clear.id, "Bo", DriveIdentity("serial:S9", "/dev/sdc", capacity_bytes=TB)
        )
        d = officer.drives(clear.id)[0]
        officer.finish_drive(
            d.id, sampled_scan(TB // 10, {"image": (1.0, 0.99, 1.0)}, capacity=TB, serial="S9")
        )
        assert officer.close_case(clear.id).closed_at is not None
    with open_store(url=post("sup1")) as supervisor:
        supervisor.require_supervisor("change the policy")
        supervisor.record_policy_change(active_policy(), active_policy(), "Chief")
        assert supervisor.close_case(case.id, by="Chief").closed_at is not None
        assert supervisor.verify().intact
        kinds = [e.kind for e in supervisor.audit_entries()]
        assert audit.POLICY_EDITED in kinds and kinds.count(audit.CASE_CLOSED) == 2


def test_audit_log_is_append_only_even_for_the_owner(pg_server, post):
    with open_store(url=post("desk1")) as officer:
        _refer_case(officer)
        with pytest.raises(RefusedByServer):
            officer._read(lambda c: c.execute(text("UPDATE audit SET data = '{}' WHERE seq = 1")))
    with open_store(url=post(pg_server.user)) as owner:  # the superuser that ran setup
        with pytest.raises(RefusedByServer, match="append-only"):
            owner._read(lambda c: c.execute(text("DELETE FROM audit WHERE seq = 1")))
        assert owner.verify().intact
