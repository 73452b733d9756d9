"""Policy loading: the shipped default, units, and one clear error per mistake."""

from __future__ import annotations

import pytest

from inspector.core.case.policy import PolicyError, load_policy, parse_policy

GOOD = """
[policy]
name = "t"
compare = "upper"
[traveler]
undeclared_volume = "100 GB"
total_capacity = "20 TB"
ai_data_licence = "1 TB"
encrypted_share = "50 %"
disguised_files = 0.01
[group]
undeclared_volume = "1 TB"
total_capacity = "1.2 PB"
ai_data_licence = "500 GiB"
encrypted_share = "50 %"
disguised_files = "1 %"
"""


def test_default_policy_loads():
    p = load_policy()
    assert p.compare == "upper"
    assert p.traveler.total_capacity == 20 * 10**12
    assert len(p.hash) == 64


def test_units():
    p = parse_policy(GOOD)
    assert p.group.total_capacity == 1_200_000_000_000_000
    assert p.group.ai_data_licence == 500 * 2**30
    assert p.traveler.disguised_files == pytest.approx(0.01)
    assert p.traveler.encrypted_share == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('total_capacity = "20 TB"', 'total_capacity = "lots"', "line 7: traveler.total_capacity"),
        ('encrypted_share = "50 %"\ndis', 'encrypted_share = "150 %"\ndis', "outside 0–100 %"),
        ('compare = "upper"', 'compare = "maybe"', 'policy.compare must be "upper"'),
        ("[group]", "[group]\nbogus = 1", "unknown key group.bogus"),
        ("[traveler]", "[traveler", "Expected ']'"),
        ('ai_data_licence = "1 TB"', "", "missing key traveler.ai_data_licence"),
    ],
)
def test_errors_name_key_and_line(old, new, needle):
    text = GOOD.replace(old, new, 1)
    with pytest.raises(PolicyError) as err:
        parse_policy(text, "p.toml")
    assert needle in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(PolicyError, match="No such file"):
        load_policy(tmp_path / "nope.toml")
