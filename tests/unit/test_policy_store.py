"""The desk policy: a supervisor's validated edit replaces the default for new cases only."""

from __future__ import annotations

import json

import pytest

from inspector.core.case import audit
from inspector.core.case.policy import PolicyError, load_policy
from inspector.core.case.policy_store import active_policy, active_policy_path, save_policy
from tests.unit.test_case_cli import ok_json, run
from tests.unit.test_policy import GOOD


def test_default_until_a_supervisor_saves_one(data_dir, store):
    assert active_policy().text == load_policy().text
    old_case = store.open_case("Ana")
    before, after = save_policy(GOOD)
    assert before.text == load_policy().text and after.name == "t"
    assert active_policy_path() == data_dir / "policy.toml"
    store.record_policy_change(before, after, "Supervisor Kim")
    new_case = store.open_case("Ana")
    assert new_case.policy_hash == after.hash != old_case.policy_hash
    assert store.case(old_case.id).policy_hash == before.hash  # cases keep their policy
    [entry] = [e for e in store.audit_entries() if e.kind == audit.POLICY_EDITED]
    assert entry.case_id is None and entry.officer == "Supervisor Kim"
    assert store.verify().intact
    # a second edit keeps the version it replaces
    save_policy(GOOD.replace('name = "t"', 'name = "t2"'))
    assert (data_dir / f"policy-{after.hash[:16]}.toml").read_text() == GOOD


def test_invalid_edit_changes_nothing(data_dir):
    with pytest.raises(PolicyError, match=r"traveler\.total_capacity"):
        save_policy(GOOD.replace('total_capacity = "20 TB"', 'total_capacity = "lots"'))
    assert not (data_dir / "policy.toml").exists()


def test_policy_cli(data_dir, tmp_path):
    assert ok_json("policy", "show")["name"] == "default"
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace('compare = "upper"', 'compare = "maybe"'))
    out = run("policy", "set", str(bad), "--by", "Kim")
    assert out.returncode == 2 and "policy.compare" in out.stderr
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    out = run("policy", "set", str(good), "--by", "Kim", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["name"] == "t"
    assert ok_json("policy", "show")["name"] == "t"
    assert ok_json("case", "open", "--officer", "Ana")["case"]["policy"]["name"] == "t"
    assert ok_json("audit", "verify")["intact"]
