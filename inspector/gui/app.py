"""Start the desk: QApplication, backend, state, controller, window; optional screenshot."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from inspector.core.case.policy import Policy, load_policy
from inspector.core.errors import InspectorError, UsageError
from inspector.core.media.drives.model import DriveBackend
from inspector.gui.case_record import CaseRecorder, open_case_store, store_available
from inspector.gui.controller import DEFAULT_BUDGET_S, DeskController, scan_any_drive
from inspector.gui.desk import DeskState
from inspector.gui.main_window import MainWindow
from inspector.gui.training import TrainingSession, open_training, training_budget_s

EXIT_OK, EXIT_FAILED = 0, 1


def make_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    # Fractional scale factors (150 %) are passed through, not rounded: crisp at any DPI.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication([sys.argv[0] if sys.argv else "inspector", *argv])
    app.setApplicationName("Inspector")
    app.setApplicationDisplayName("Inspector")
    app.setDesktopFileName("inspector")
    # Fusion follows the system colour scheme (light/dark) and looks the same on every desk.
    app.setStyle("Fusion")
    return app


def udev_backend(include_loop: bool = False, bays_file: str | None = None) -> DriveBackend:
    """The live drives; `include_loop` shows loop devices too; bays from `bays_file`, else the
    bay map saved at this desk (none: bays stay blank, never guessed)."""
    try:
        from inspector.core.media.drives.bays import active_bay_map, load_bay_map
        from inspector.core.media.drives.udev import UdevBackend
    except ImportError:
        raise UsageError(
            "the udev drive backend is not available in this build; "
            "try 'inspector gui --training seed'"
        ) from None
    bays = load_bay_map(bays_file) if bays_file else active_bay_map()
    backend: DriveBackend = UdevBackend(include_loop=include_loop, bays=bays)
    return backend


def desk_policy() -> Policy:
    """The policy in force at this desk (a supervisor's edit, else the shipped default)."""
    try:
        from inspector.core.case.policy_store import active_policy
    except ImportError:
        return load_policy()
    return active_policy()


def build_desk(
    backend: DriveBackend,
    *,
    policy: Policy | None = None,
    budget_s: float = 10.0,
    seed: int | None = None,
    training: TrainingSession | None = None,
) -> MainWindow:
    state = DeskState(policy or desk_policy())
    scan = training.scan if training is not None else scan_any_drive
    controller = DeskController(state, backend, budget_s=budget_s, seed=seed, scan=scan)
    if training is not None:
        training.prepare(state)
    window = MainWindow(
        state,
        controller,
        training=training,
    )
    # What is alive now (Qt, the libraries, the window) lives as long as the desk: frozen, the
    # garbage collector no longer walks it. A full collection walked these ~70k objects in
    # 60-70 ms of CPU, in whichever thread allocated, mostly a scan's worker, with the GIL held:
    # the desk froze that long during a 200k-file scan (docs/benchmarks.md, GUI stall).
    # A scan imports the sampler and the pilot when it first samples (scan/tree.py): loaded
    # here, they are frozen with the rest instead of imported in the first scan's thread.
    for module in ("inspector.core.content.sampling", "inspector.core.scan.estimate"):
        importlib.import_module(module)

    gc.freeze()
    controller.start()
    return window


def _one_line_excepthook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """An exception escaping a slot must not print a traceback at the officer: one line on
    stderr (the full traceback with INSPECTOR_DEBUG=1), and the desk keeps running."""
    if os.environ.get("INSPECTOR_DEBUG"):
        sys.__excepthook__(kind, exc, tb)
        return
    print(
        f"inspector: internal error in the desk: {kind.__name__}: {exc} "
        "(set INSPECTOR_DEBUG=1 for details)",
        file=sys.stderr,
    )


class DeskLauncher(QObject):
    """Opens the desk window, and a new one when the trainee picks another scenario
    (a new simulated backend, new travelers, a new training case; the old window closes)."""

    def __init__(self, seed: int | None, speed: float, supervisor: str | None) -> None:
        super().__init__()
        self.seed = seed
        self.speed = speed
        self.supervisor = supervisor
        self.window: MainWindow | None = None

    def open(
        self, backend: DriveBackend, budget_s: float, training: TrainingSession | None
    ) -> MainWindow:
        window = build_desk(backend, budget_s=budget_s, seed=self.seed, training=training)
        window.supervisor = self.supervisor
        if training is not None and store_available():
            # Training cases go to the separate training store: never in a live listing.
            store, case = open_case_store(True, "trainee", f"training: {training.title}")
            window.attach_case(CaseRecorder(window.state, store, case, seed=self.seed))
        window.play_requested.connect(self.play)
        old, self.window = self.window, window
        window.show()
        if old is not None:
            old.close()  # stops its scans and its case recorder
            old.deleteLater()
        return window

    @Slot(str)
    def play(self, name: str) -> None:
        try:
            training = open_training(name, seed=self.seed, speed=self.speed)
        except InspectorError as exc:
            if self.window is not None:
                self.window.statusBar().showMessage(str(exc), 10_000)
            return
        self.open(training.backend, training_budget_s(), training)


def run_app(args: argparse.Namespace) -> int:
    sys.excepthook = _one_line_excepthook
    app = make_app()
    from inspector.gui import i18n

    if getattr(args, "lang", None):
        if not i18n.set_language(args.lang):
            raise UsageError(
                f"--lang {args.lang}: no catalogue installed "
                "(build it: bash scripts/translations.sh build)"
            )
    else:
        i18n.start_language()  # View → Language's saved choice, else the system locale
    training = None
    budget = args.budget
    if args.training:
        training = open_training(args.training, seed=args.seed, speed=args.speed)
        backend = training.backend
        budget = training_budget_s() if budget is None else budget
    elif args.backend == "simulated":
        raise UsageError("--backend simulated needs --training SCENARIO")
    else:
        backend = udev_backend(getattr(args, "include_loop", False), getattr(args, "bays", None))
    budget = DEFAULT_BUDGET_S if budget is None else budget
    launcher = DeskLauncher(args.seed, args.speed, args.supervisor)
    window = launcher.open(backend, budget, training)
    if args.select:
        window.select_bay_when_plugged(args.select)
    answers = dict(a.partition("=")[::2] for a in args.answer)
    if answers:
        window.enter_answers(answers)
    if args.screenshot:
        outcome = {"code": EXIT_FAILED}

        def shoot() -> None:
            if answers:
                window.show_score()
            # Let pending layout requests run: a label that just grew must not be caught
            # half laid out.
            QApplication.sendPostedEvents()
            QApplication.processEvents()
            path = Path(args.screenshot)
            path.parent.mkdir(parents=True, exist_ok=True)
            if window.grab().save(str(path), "PNG"):
                outcome["code"] = EXIT_OK
            else:
                print(f"inspector: could not write {path}", file=sys.stderr)
            window.close()

        QTimer.singleShot(int(args.after * 1000), shoot)
        app.exec()
        return outcome["code"]
    app.exec()
    return EXIT_OK
