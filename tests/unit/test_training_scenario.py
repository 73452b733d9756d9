"""Scenario files: the shipped ones load; invalid ones fail with one line naming file, key, line."""

from __future__ import annotations

import pytest

from inspector.core.training.loader import load_scenario, parse_scenario, shipped_scenarios
from inspector.core.training.scenario import ScenarioError

SHIPPED = (
    "seed",
    "holiday",
    "encrypted-courier",
    "disguised",
    "replug",
    "traveler-20m",
    "one-directory",
)

GOOD = """
[scenario]
title = "Tiny"
seed = 3

[[recipe.mix.content]]
format = "parquet"
share = "60 %"
size = "1 GB"
spread = "10 %"

[[recipe.mix.content]]
format = "jpeg"
share = 0.4
size = "5 MB"

[[traveler]]
name = "T1"
group = "G"
declared = "1 TB"
expected = "refer"
bays = ["1", "2"]

[[group]]
name = "G"
expected = "refer"

[[drive]]
count = 2
model = "Disk"
serial = "S{n}"
bay = "{n}"
capacity = "2 TB"
fill = "50 %"
recipe = "mix"
"""


def test_every_shipped_scenario_loads():
    assert set(SHIPPED) <= set(shipped_scenarios())
    for name in SHIPPED:
        s = load_scenario(name)
        assert s.travelers and s.drives and s.timeline
        plugged = {e.drive for e in s.timeline if e.kind == "plug"}
        assert plugged == {d.id for d in s.drives}


def test_seed_is_the_kuala_lumpur_case():
    s = load_scenario("seed")
    assert len(s.travelers) == 4 and len(s.groups) == 1
    for t in s.travelers:
        drives = s.drives_of(t.name)
        assert len(drives) == 15
        assert sum(d.capacity for d in drives) == 1_200 * 10**12
        assert t.group == s.groups[0].name and t.expected == "refer"
        assert all(d.fill > 0.9 for d in drives)
    assert sum(d.capacity for d in s.drives) == 4_800 * 10**12


def test_good_scenario_expands_counts_and_maps_bays():
    s = parse_scenario(GOOD, "tiny.toml")
    assert [d.serial for d in s.drives] == ["S1", "S2"]
    assert [d.traveler for d in s.drives] == ["T1", "T1"]  # by the bay map
    assert s.drives[0].capacity == 2 * 10**12 and s.drives[0].fill == 0.5
    assert s.travelers[0].declared_bytes == 10**12
    assert [e.at for e in s.timeline] == [0.0, 1.0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('capacity = "2 TB"', 'capacity = "2 TX"'), "line 33: drive[1].capacity: unknown unit"),
        (
            ("share = 0.4", "share = 0.3"),
            "line 8: shares of recipe 'mix' add up to 90 %, not 100 %",
        ),
        (('format = "jpeg"', 'format = "jpg2"'), "line 13: recipe.mix.content[2].format: unknown"),
        (('recipe = "mix"', 'recipe = "mux"'), "line 35: drive[1].recipe: no [recipe.mux]"),
        (('expected = "refer"\nbays', 'expected = "maybe"\nbays'), "line 21: traveler[1].expected"),
        (('fill = "50 %"', 'fill = "150 %"'), "line 34: drive[1].fill"),
        (('serial = "S{n}"', 'serial = "S"'), "line 31: drive[1].serial needs a {n} field"),
        (('title = "Tiny"', 'title = "Tiny"\ncolour = 1'), "line 4: unknown key scenario.colour"),
        (('name = "G"', 'name = "H"'), "group 'H' has no traveler"),
        (('bay = "{n}"', 'bay = "X{n}"'), "no traveler given and bay 'X1' is not mapped"),
        (('size = "5 MB"', "size = 0"), "line 15: recipe.mix.content[2].size must be more than 0"),
    ],
)
def test_invalid_scenarios_fail_with_file_key_and_line(change, expected):
    old, new = change
    assert old in GOOD
    with pytest.raises(ScenarioError) as err:
        parse_scenario(GOOD.replace(old, new, 1), "bad.toml")
    message = str(err.value)
    assert message.startswith("scenario bad.toml")
    assert expected in message, message
    assert "\n" not in message


def test_toml_syntax_error_and_timeline_errors():
    with pytest.raises(ScenarioError, match=r"bad.toml: .*line 3"):
        parse_scenario('[scenario]\ntitle = "x"\nseed = = 1\n', "bad.toml")
    pull_first = GOOD + '\n[[timeline.event]]\nat = 1\npull = "S1"\n'
    with pytest.raises(ScenarioError, match=r"line 39: at 1 s drive 'S1' is not plugged in"):
        parse_scenario(pull_first, "bad.toml")
    unknown = GOOD + '\n[[timeline.event]]\nat = 1\nplug = "S9"\n'
    with pytest.raises(ScenarioError, match=r"timeline.event\[1\].plug: no drive with id 'S9'"):
        parse_scenario(unknown, "bad.toml")


def test_duplicate_serials_need_to_be_declared():
    twice = GOOD.replace('serial = "S{n}"', 'serial = "SAME"\nid = "d{n}"')
    twice = twice.replace("count = 2", "count = 2\nduplicate_serial = true")
    s = parse_scenario(twice, "dup.toml")
    assert [d.serial for d in s.drives] == ["SAME", "SAME"]
    with pytest.raises(ScenarioError, match="serial 'S1' is used twice"):
        again = GOOD[GOOD.index("[[drive]]") :].replace("count = 2", 'count = 2\nid = "x{n}"')
        parse_scenario(GOOD + again, "d.toml")


def test_unknown_scenario_name_lists_the_shipped_ones(tmp_path):
    with pytest.raises(ScenarioError, match=r"no scenario named 'nope' .*seed"):
        load_scenario("nope")
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(str(tmp_path / "missing.toml"))


def test_instructors_doc_explains_every_key_and_its_example_loads():
    import re
    from pathlib import Path

    from inspector.core.training import loader

    doc = (Path(__file__).parents[2] / "docs" / "training.md").read_text()
    for table, keys in loader._KEYS.items():
        for key in keys:
            assert f"`{key}`" in doc, f"docs/training.md does not explain {table}.{key}"
    example = re.search(r"### A complete example\n\n```toml\n(.*?)```", doc, re.S)
    assert example is not None
    s = parse_scenario(example.group(1), "example.toml")
    assert len(s.drives) == 2 and s.travelers[0].expected == "refer"
