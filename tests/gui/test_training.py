"""The trainee flow on the desk with the training core's simulated drives: a scenario plays,
the real pipeline scans, the trainee answers, the score shows expected answers and reasons."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui
sim = pytest.importorskip("inspector.core.training.backend")  # the training branch's core


def session(name: str):  # type: ignore[no-untyped-def]
    from inspector.core.training.loader import load_scenario
    from inspector.gui.training import TrainingSession

    scenario = load_scenario(name)
    backend = sim.SimulatedBackend(scenario, clock=sim.ManualClock())
    return TrainingSession(scenario, backend)


@pytest.fixture
def play(qtbot):  # type: ignore[no-untyped-def]
    windows = []

    def start(name: str):  # type: ignore[no-untyped-def]
        from inspector.gui.app import build_desk

        s = session(name)
        from inspector.gui.training import training_budget_s

        # the training core's budget and per-drive seeds: the desk agrees with `inspector train`
        window = build_desk(s.backend, training=s, budget_s=training_budget_s(), seed=None)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        s.backend.advance(s.scenario.duration + 1)  # the whole timeline, delivered now
        n = len({d.identity for d in s.backend._drives.values()})
        qtbot.waitUntil(lambda: len(window.state.rows()) == n, timeout=10_000)
        qtbot.waitUntil(
            lambda: all(r.finished and not r.busy for r in window.state.rows()), timeout=60_000
        )
        return s, window

    yield start
    for w in windows:
        w.close()


def test_holiday_traveler_is_cleared_and_a_right_answer_scores_full(play):
    s, window = play("holiday")
    assert "TRAINING" in window.windowTitle()
    assert window.status_label.text().startswith("Read-only · backend: simulated (TRAINING)")
    name = s.scenario.travelers[0].name
    # drives went to the traveler through the scenario's bay map, as at a real dock
    assert all(r.traveler == name for r in window.state.rows())
    assessed = window.state.assess_traveler(name)
    assert assessed.verdict.verdict == "clear" and assessed.pending == 0
    for _scope, key in s.answer_keys():
        window.trainee.set_answer(key, "clear")
    graded = window.trainee.submit()
    assert graded.matches == graded.total
    assert "Score: 1 / 1" in window.trainee.score.text()


def test_encrypted_courier_refers_and_a_wrong_answer_shows_the_expected_one(play):
    s, window = play("encrypted-courier")
    name = s.scenario.travelers[0].name
    assert window.state.assess_traveler(name).verdict.verdict == "refer"
    assert any("raw sampling" in n for r in window.state.rows() for n in r.notes)
    window.trainee.set_answer(name, "clear")
    graded = window.trainee.submit()
    assert graded.matches < graded.total
    text = window.trainee.score.text()
    assert "✗ wrong" in text and "REFER" in text
    assert "encrypted" in text  # the desk's reasons are shown beside the expected answer


@pytest.mark.parametrize("name", ["holiday", "encrypted-courier", "disguised", "replug"])
def test_desk_verdicts_are_the_expected_ones(play, name):
    """Played on the desk (worker threads, queue, bay map), each scenario reaches the verdicts
    its instructor expects, as the headless `inspector train` does; a re-plugged drive is one
    row and counted once."""
    s, window = play(name)
    for t in s.scenario.travelers:
        assessed = window.state.assess_traveler(t.name)
        assert assessed.verdict.verdict == t.expected, (t.name, assessed.verdict.reasons)
        # one DriveSpec = one drive, however often the timeline plugs it
        assert assessed.totals.drives == len(s.scenario.drives_of(t.name))
    for g in s.scenario.groups:
        assert window.state.assess_group(g.name).verdict.verdict == g.expected
    identities = [r.identity for r in window.state.rows()]
    assert len(identities) == len(set(identities))


def test_picking_another_scenario_opens_a_new_desk(qtbot):
    from inspector.gui.app import DeskLauncher
    from inspector.gui.training import shipped_scenarios

    assert {"seed", "holiday", "disguised"} <= set(shipped_scenarios())
    launcher = DeskLauncher(seed=None, speed=50.0, supervisor=None)
    launcher.play("holiday")
    first = launcher.window
    assert first is not None and "holiday" in first.windowTitle()
    assert first.play_action.isEnabled()
    with qtbot.waitSignal(first.destroyed, timeout=10_000):
        first.play_requested.emit("disguised")  # as the Training menu does
    second = launcher.window
    assert second is not None and second is not first
    assert "disguised" in second.windowTitle()
    assert [t.name for t in second.state.travelers()] == ["Videographer"]
    launcher.play("no-such-scenario")  # a bad name: a status line, the desk stays
    assert launcher.window is second
    assert "no scenario named" in second.statusBar().currentMessage()
    second.close()


def test_generic_scan_path_reads_a_luks_drive_raw(qtbot):
    """Without the training adapter, the desk's own path (core scan_drive, as for udev drives)
    raw-samples the partition it cannot mount and says so in the drive's notes."""
    from inspector.gui.app import build_desk
    from inspector.gui.training import training_budget_s

    s = session("encrypted-courier")
    window = build_desk(s.backend, budget_s=training_budget_s())
    qtbot.addWidget(window)
    s.backend.advance(s.scenario.duration + 1)
    qtbot.waitUntil(lambda: len(window.state.rows()) == len(s.scenario.drives), timeout=10_000)
    qtbot.waitUntil(
        lambda: all(r.finished and not r.busy for r in window.state.rows()), timeout=60_000
    )
    notes = [n for r in window.state.rows() for n in r.notes]
    assert any(n.startswith("raw sampling: luks header") for n in notes), notes
    window.close()
