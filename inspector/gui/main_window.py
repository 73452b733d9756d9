"""The inspection desk: case and travelers | live drives and drive detail | traveler totals."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QPoint, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.core.errors import InspectorError, UsageError
from inspector.core.survey.names import display_name
from inspector.gui import i18n
from inspector.gui.case_record import (
    CaseRecorder,
    load_case_travelers,
    open_case_store,
    open_cases,
    store_available,
)
from inspector.gui.controller import DeskController
from inspector.gui.desk import DeskState
from inspector.gui.i18n import Retranslating
from inspector.gui.icons import icon
from inspector.gui.models import drives as dcol
from inspector.gui.models import travelers as tcol
from inspector.gui.models.drives import DrivesModel
from inspector.gui.models.travelers import TravelersModel
from inspector.gui.training import TrainingSession, shipped_scenarios
from inspector.gui.widgets.bay_labels_dialog import BayLabelsDialog
from inspector.gui.widgets.bay_map import BayMap
from inspector.gui.widgets.colors import training_color
from inspector.gui.widgets.declaration_dialog import DeclarationDialog
from inspector.gui.widgets.drive_detail import DriveDetail
from inspector.gui.widgets.fill_bar import FillBarDelegate
from inspector.gui.widgets.policy_view import PolicyDialog
from inspector.gui.widgets.trainee_panel import TraineePanel
from inspector.gui.widgets.traveler_form import TravelerForm
from inspector.gui.widgets.traveler_panel import TravelerPanel

DRIVE_COLUMN_CHARS = {
    dcol.BAY: 4,
    dcol.MODEL: 15,
    dcol.SERIAL: 11,
    dcol.CAPACITY: 8,
    dcol.USED: 8,
    dcol.FILL: 8,
    dcol.FILESYSTEM: 10,
    dcol.STATUS: 20,
    dcol.TRAVELER: 11,
    dcol.AI: 19,
    dcol.WARNINGS: 5,
}


class MainWindow(Retranslating, QMainWindow):
    play_requested = Signal(str)  # a training scenario the trainee picked (the launcher opens it)

    def __init__(
        self,
        state: DeskState,
        controller: DeskController,
        *,
        training: TrainingSession | None = None,
        case_title: str | None = None,
    ) -> None:
        super().__init__()
        self.state = state
        self.controller = controller
        self.training = training
        self._wanted_bay: str | None = None
        self.recorder: CaseRecorder | None = None
        self.supervisor: str | None = None  # a supervisor's session may edit the policy
        self.drives_model = DrivesModel(state, self)
        self.travelers_model = TravelersModel(state, self)

        self._case_title = case_title  # None: a new case, not yet saved
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.travelers_view = self._travelers_view()
        self.form = TravelerForm(state)
        self.bay_map = BayMap(state)
        self.bay_map.labels_requested.connect(self.edit_bay_labels)
        tabs = QTabWidget()
        tabs.addTab(_scrolled(self.form), icon("add-traveler"), "")
        tabs.addTab(self.bay_map, icon("drive"), "")
        self.side_tabs = tabs
        # Travelers over the form, resizable: on a 720-line screen neither may take it all.
        left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.addWidget(self.travelers_view)
        left_split.addWidget(tabs)
        left_split.setStretchFactor(0, 1)
        left_split.setChildrenCollapsible(False)
        left = _column(self.case_label, left_split)

        self.drives_view = self._drives_view()
        self.detail = DriveDetail(state)
        self.detail.rescan_requested.connect(self._rescan)
        self.detail.cancel_requested.connect(controller.cancel)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(_scrolled(self.detail), icon("drive"), "")
        self.trainee: TraineePanel | None = None
        if training is not None:
            session = training
            self.trainee = TraineePanel(
                session.answer_keys(), lambda answers: session.grade(answers, state)
            )
            self.lower_tabs.addTab(self.trainee, icon("score"), "")
        middle = self.middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.drives_view)
        middle.addWidget(self.lower_tabs)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)

        self.panel = TravelerPanel(state)
        self.panel_scroll = _scrolled(self.panel)  # the verdict stays reachable on any screen
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(middle)
        body.addWidget(self.panel_scroll)
        body.setChildrenCollapsible(False)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)  # the drives get the room when the window grows
        body.setStretchFactor(2, 0)
        self.body = body

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        self.banner: QLabel | None = None
        if training:
            self.banner = self._training_banner()
            layout.addWidget(self.banner)
        self._central_layout = layout
        self.post_banner: Any = None  # PostBanner (post_watch.py), once a live case is open
        layout.addWidget(body, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        controller.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        state.drive_changed.connect(self._update_status)
        state.drive_added.connect(self._update_status)
        state.drive_added.connect(self._select_first_drive)
        self.form.added.connect(self._select_traveler)
        self._make_actions()
        self.retranslate()
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Size from the screen the desk opens on (a 1366×768 field laptop, a 4K desk): the
        whole window, status line included, on screen; the panes share the width."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        size = initial_size(screen.availableGeometry().size() if screen else QSize(1600, 1000))
        self.resize(size)
        width = size.width()
        side, panel = max(220, width * 17 // 100), max(300, width * 23 // 100)
        self.body.setSizes([side, width - side - panel, panel])

    # construction -----------------------------------------------------------------
    def _drives_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.drives_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setAlternatingRowColors(True)
        view.setItemDelegateForColumn(dcol.FILL, FillBarDelegate(dcol.FILL_ROLE, view))
        view.verticalHeader().hide()
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        # Fixed starting widths (in characters), not ResizeToContents: that re-measures every
        # row on each progress update of 60 drives, and columns would jump as figures change.
        char = view.fontMetrics().averageCharWidth()
        for col, chars in DRIVE_COLUMN_CHARS.items():
            header.resizeSection(col, chars * char + 12)
        # No stretched Model column: squeezed to "…" on a narrow screen. The last column takes
        # what is left over; the table scrolls sideways when the window is narrower.
        header.setStretchLastSection(True)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._drive_menu)
        view.selectionModel().selectionChanged.connect(self._on_drive_selected)
        return view

    def _travelers_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.travelers_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAcceptDrops(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        view.setDropIndicatorShown(True)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        for col in (tcol.DOCUMENT, tcol.GROUP, tcol.DECLARED, tcol.CAPACITY, tcol.AI):
            view.setColumnHidden(col, True)  # in the totals panel; the list stays narrow
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._traveler_menu)
        view.doubleClicked.connect(lambda index: self.edit_declaration(index.row()))
        view.selectionModel().selectionChanged.connect(self._on_traveler_selected)
        return view

    def _training_banner(self) -> QLabel:
        banner = QLabel()
        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        color = training_color(self.palette()).name()
        banner.setStyleSheet(
            f"background:{color}; color:white; font-weight:bold; padding:4px; border-radius:4px"
        )
        return banner

    def _make_actions(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.open_image_action = _action(self, "drive", "Ctrl+I")
        self.open_image_action.triggered.connect(self._ask_image)
        self.open_image_action.setEnabled(hasattr(self.controller.backend, "attach_image"))
        self.file_menu.addAction(self.open_image_action)
        self.case_menu = self.menuBar().addMenu("")
        self.open_case_action = _action(self, "traveler", "Ctrl+O")
        self.open_case_action.triggered.connect(self._ask_open_case)
        self.reopen_case_action = _action(self, "traveler", "Ctrl+Shift+O")
        self.reopen_case_action.triggered.connect(self._ask_reopen_case)
        self.export_action = _action(self, "export", "Ctrl+E")
        self.export_action.triggered.connect(self._ask_export)
        self.export_action.setEnabled(False)
        if not store_available():
            for a in (self.open_case_action, self.reopen_case_action):
                a.setEnabled(False)
        self.policy_action = _action(self, "policy", "Ctrl+P")
        self.policy_action.triggered.connect(self.show_policy)
        case_actions = (self.open_case_action, self.reopen_case_action, self.export_action)
        for a in (*case_actions, self.policy_action):
            self.case_menu.addAction(a)
        self.drive_menu = self.menuBar().addMenu("")
        self.rescan_action = _action(self, "rescan", "F5")
        self.rescan_action.triggered.connect(lambda: self._on_selected(larger=True))
        self.full_action = _action(self, "full", "Shift+F5")
        self.full_action.triggered.connect(lambda: self._on_selected(full=True))
        self.cancel_action = _action(self, "cancel", "Ctrl+.")
        self.cancel_action.triggered.connect(self._cancel_selected)
        for a in (self.rescan_action, self.full_action, self.cancel_action):
            self.drive_menu.addAction(a)
        self.training_menu = self.menuBar().addMenu("")
        self.play_action = _action(self, "score", "Ctrl+T")
        self.play_action.triggered.connect(self._ask_scenario)
        self.play_action.setEnabled(bool(shipped_scenarios()))
        self.training_menu.addAction(self.play_action)
        self.view_menu = self.menuBar().addMenu("")
        self.focus_actions: list[QAction] = []
        for key, widget in (
            ("Ctrl+1", self.drives_view),
            ("Ctrl+2", self.travelers_view),
            ("Ctrl+N", self.form.name),
        ):
            act = QAction(self)
            act.setShortcut(QKeySequence(key))
            act.triggered.connect(lambda _=False, w=widget: self._focus(w))
            self.view_menu.addAction(act)
            self.focus_actions.append(act)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", *i18n.LANGUAGES):
            act = QAction(self)
            act.setCheckable(True)
            act.setChecked(code == i18n.saved_choice())
            act.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(act)
            self.language_menu.addAction(act)
            self.language_actions[code] = act

    def choose_language(self, code: str) -> None:
        """View → Language: "" follows the system locale. Applied at once and kept."""
        i18n.save_choice(code)
        self.language_actions[code].setChecked(True)
        if not i18n.set_language(code or i18n.system_language()):
            self.statusBar().showMessage(
                self.tr("no translation installed for {language}; the desk stays as it is").format(
                    language=i18n.LANGUAGES.get(code, code)
                ),
                8000,
            )

    def retranslate(self) -> None:
        """Every text of the window in the current language (start-up and LanguageChange);
        the widgets and models inside re-translate themselves on the same event."""
        title = self.tr("Inspector — inspection desk")
        if self.training is not None:
            scenario = display_name(self.training.title)
            title = self.tr("{title} — TRAINING: {scenario}").format(title=title, scenario=scenario)
        self.setWindowTitle(title)
        self._show_case_title()
        self.case_label.setAccessibleName(self.tr("Case"))
        self.side_tabs.setTabText(0, self.tr("Add traveler"))
        self.side_tabs.setTabText(1, self.tr("Bays"))
        self.lower_tabs.setTabText(0, self.tr("Drive detail"))
        if self.trainee is not None:
            self.lower_tabs.setTabText(1, self.tr("Trainee verdicts && score"))
        if self.banner is not None and self.training is not None:
            self.banner.setText(
                self.tr(
                    "TRAINING — scenario “{scenario}”: simulated drives, not a live case"
                ).format(scenario=display_name(self.training.title))
            )
            self.banner.setAccessibleName(self.tr("Training banner"))
        self.drives_view.setAccessibleName(self.tr("Drives"))
        self.travelers_view.setAccessibleName(self.tr("Travelers"))
        self.travelers_view.setToolTip(self.tr("Drop drives here to assign them to a traveler"))
        self.status_label.setAccessibleName(self.tr("Status"))
        self.file_menu.setTitle(self.tr("&File"))
        self.open_image_action.setText(self.tr("Open image…"))
        if not self.open_image_action.isEnabled():
            self.open_image_action.setToolTip(
                self.tr("images open on the live desk (udev backend)")
            )
        self.case_menu.setTitle(self.tr("&Case"))
        self.open_case_action.setText(self.tr("Open a new case…"))
        self.reopen_case_action.setText(self.tr("Continue an open case…"))
        self.export_action.setText(self.tr("Export report…"))
        if not store_available():
            for a in (self.open_case_action, self.reopen_case_action):
                a.setToolTip(self.tr("the case store is not part of this build"))
        self.policy_action.setText(self.tr("Policy…"))
        self.drive_menu.setTitle(self.tr("&Drive"))
        self.rescan_action.setText(self.tr("Re-scan with a larger budget"))
        self.full_action.setText(self.tr("Full identification"))
        self.cancel_action.setText(self.tr("Cancel scan"))
        self.training_menu.setTitle(self.tr("&Training"))
        self.play_action.setText(self.tr("Play a scenario…"))
        self.view_menu.setTitle(self.tr("&View"))
        names = (self.tr("Drives"), self.tr("Travelers"), self.tr("Add traveler"))
        for act, text in zip(self.focus_actions, names, strict=True):
            act.setText(text)
        self.language_menu.setTitle(self.tr("&Language"))
        for code, act in self.language_actions.items():
            act.setText(i18n.LANGUAGES[code] if code else self.tr("System default"))
        self.drives_model.retranslate()
        self.travelers_model.retranslate()
        self._update_status()

    def _show_case_title(self) -> None:
        if self.recorder is not None:
            text = self.recorder.title
        elif self._case_title is not None:
            text = self._case_title
        elif self.training is not None:
            text = self.tr("TRAINING case: {title}").format(
                title=self.training.scenario.title or self.training.title
            )
        else:
            text = self.tr("Case: new (not yet saved)")
        self.case_label.setText(f"<b>{html.escape(text)}</b>")

    def _save_policy(self, text: str) -> str:
        """A supervisor's edit: validated, made active, audited; "" when saved."""
        store = self.recorder.store if self.recorder is not None else None
        live = None
        try:
            from inspector.core.case.policy_store import save_policy
            from inspector.core.case.store import open_store

            if store is None or store.training:  # no live case open: audit through the live store
                store = live = open_store(training=False)
            store.require_supervisor("change the policy")  # the post's server decides first
            before, after = save_policy(text)
        except ImportError:
            return self.tr("policy editing is not part of this build")
        except InspectorError as exc:
            if live is not None:
                live.close()
            return str(exc)
        supervisor = self.supervisor or ""
        store.submit(store.record_policy_change, before, after, supervisor)
        if live is not None:
            live.close()  # waits for that one write
        if self.recorder is None:
            self.state.set_policy(after)  # no case yet: the desk judges by the new policy
        return ""

    def _ask_scenario(self) -> None:
        names = shipped_scenarios()
        title = self.training.title if self.training is not None else ""
        current = names.index(title) if title in names else 0
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Play a training scenario"),
            self.tr("Scenario (simulated drives):"),
            names,
            current,
            False,
        )
        if ok and name:
            self.play_requested.emit(name)

    # case store ------------------------------------------------------------------------
    def attach_case(self, recorder: CaseRecorder) -> None:
        """Record this desk's travelers and drives in a case of the store from now on."""
        self._stop_post_banner()
        if self.recorder is not None:
            self.recorder.stop()
        self.recorder = recorder
        if not recorder.case.training and hasattr(recorder.store, "watch"):
            from inspector.gui.post_watch import PostBanner  # only once a live case is open

            self.post_banner = PostBanner(recorder.store, recorder.case.id, self)
            self._central_layout.insertWidget(self._central_layout.count() - 1, self.post_banner)
        # The case keeps the policy it was opened under; the desk judges by that one.
        self.state.set_policy(recorder.case.policy())
        recorder.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self._show_case_title()
        self.export_action.setEnabled(True)
        self.open_case_action.setEnabled(False)  # one case per desk session
        self.reopen_case_action.setEnabled(False)

    def _stop_post_banner(self) -> None:
        if self.post_banner is not None:
            self.post_banner.stop()
            self.post_banner.deleteLater()
            self.post_banner = None

    def _ask_open_case(self) -> None:
        officer, ok = QInputDialog.getText(
            self, self.tr("Open a new case"), self.tr("Officer (name or number):")
        )
        if not ok or not officer.strip():
            return
        try:
            store, case = open_case_store(False, officer, "desk")
        except InspectorError as exc:
            self.statusBar().showMessage(self.tr("case store: {error}").format(error=exc), 10_000)
            return
        self.attach_case(CaseRecorder(self.state, store, case, seed=self.controller.seed))

    def _ask_reopen_case(self) -> None:
        try:
            store, cases = open_cases()
        except InspectorError as exc:
            self.statusBar().showMessage(self.tr("case store: {error}").format(error=exc), 10_000)
            return
        if not cases:
            store.close()
            self.statusBar().showMessage(self.tr("no open case in the case store"), 8000)
            return
        labels = [
            self.tr("case {id} · {officer} · {desk} · opened {opened}").format(
                id=c.id, officer=c.officer, desk=c.desk, opened=i18n.when(c.opened_at)
            )
            for c in cases
        ]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Continue a case"), self.tr("Open cases:"), labels, 0, False
        )
        if not ok:
            store.close()
            return
        case = cases[labels.index(choice)]
        try:
            recorded = load_case_travelers(store, case, self.state)
        except InspectorError as exc:
            store.close()
            self.statusBar().showMessage(
                self.tr("case {id}: {error}").format(id=case.id, error=exc), 10_000
            )
            return
        self.attach_case(CaseRecorder(self.state, store, case, recorded, self.controller.seed))

    def _ask_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open an evidence image (attached read-only)"),
            "",
            self.tr("Disk images (*)"),
        )
        if path:
            self.controller.open_image(path)

    def edit_bay_labels(self) -> BayLabelsDialog:
        """The bay map (dock port → bay label) in an editor; saved maps apply at once."""
        dialog = BayLabelsDialog(self, save=self.controller.save_bays)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _ask_export(self) -> None:
        if self.recorder is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the case report to"))
        if folder:
            self.recorder.export(Path(folder))
            self.statusBar().showMessage(self.tr("writing the report…"), 5000)

    # slots ---------------------------------------------------------------------------
    def show_policy(self) -> PolicyDialog:
        save = self._save_policy if self.supervisor else None
        dialog = PolicyDialog(self.state.policy, self, save=save)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, never blocks the event loop (scans keep reporting)
        return dialog

    def _focus(self, widget: QWidget) -> None:
        if widget is self.form.name:
            self.side_tabs.setCurrentWidget(self.form)
        widget.setFocus()

    def selected_drives(self) -> list[str]:
        rows = sorted({i.row() for i in self.drives_view.selectionModel().selectedRows()})
        return [self.drives_model.identity_at(r) for r in rows]

    def _on_selected(self, *, larger: bool = False, full: bool = False) -> None:
        for identity in self.selected_drives():
            self.controller.rescan(identity, larger=larger, full=full)

    def _cancel_selected(self) -> None:
        for identity in self.selected_drives():
            self.controller.cancel(identity)

    @Slot(str, bool, bool)
    def _rescan(self, identity: str, larger: bool, full: bool) -> None:
        self.controller.rescan(identity, larger=larger, full=full)

    def _drive_menu(self, pos: QPoint) -> None:
        menu = self.build_drive_menu()
        if menu is not None:
            menu.popup(self.drives_view.viewport().mapToGlobal(pos))

    def build_drive_menu(self) -> QMenu | None:
        """The context menu of the selected drives (also reached with the Menu key)."""
        ids = self.selected_drives()
        if not ids:
            return None
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        assign = menu.addMenu(icon("traveler"), self.tr("Assign to"))
        for t in self.state.travelers():
            act = assign.addAction(display_name(t.name))
            act.setProperty("i18n_data", True)  # a name, not a word to translate
            act.triggered.connect(lambda _=False, n=t.name: self.assign(ids, n))
        if not self.state.travelers():
            assign.addAction(self.tr("(add a traveler first)")).setEnabled(False)
        menu.addAction(self.tr("Unassign")).triggered.connect(lambda: self.assign(ids, None))
        menu.addSeparator()
        menu.addAction(self.rescan_action)
        menu.addAction(self.full_action)
        menu.addAction(self.cancel_action)
        return menu

    def _traveler_menu(self, pos: QPoint) -> None:
        index = self.travelers_view.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Edit declaration…")).triggered.connect(
            lambda: self.edit_declaration(index.row())
        )
        menu.popup(self.travelers_view.viewport().mapToGlobal(pos))

    def edit_declaration(self, row: int) -> DeclarationDialog | None:
        """Open the declaration editor of the traveler in `row` (window-modal, non-blocking)."""
        traveler = self.state.traveler(self.travelers_model.name_at(row))
        if traveler is None:
            return None
        dialog = DeclarationDialog(traveler, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def apply() -> None:
            if dialog.result_traveler is not None:
                self.state.update_traveler(dialog.result_traveler)

        dialog.accepted.connect(apply)
        dialog.open()
        return dialog

    def assign(self, identities: list[str], traveler: str | None) -> None:
        for identity in identities:
            self.state.assign(identity, traveler)

    def _on_drive_selected(self, selected: QItemSelection, _: QItemSelection) -> None:
        ids = self.selected_drives()
        self.detail.show_drive(ids[-1] if ids else None)
        if ids:
            owner = self.state.row(ids[-1]).traveler
            if owner:
                self.panel.show_traveler(owner)

    def _on_traveler_selected(self, selected: QItemSelection, _: QItemSelection) -> None:
        rows = self.travelers_view.selectionModel().selectedRows()
        self.panel.show_traveler(self.travelers_model.name_at(rows[0].row()) if rows else None)

    def _select_traveler(self, name: str) -> None:
        for r in range(self.travelers_model.rowCount()):
            if self.travelers_model.name_at(r) == name:
                self.travelers_view.selectRow(r)

    def select_drive(self, identity: str) -> None:
        row = self.drives_model.row_of(identity)
        self.drives_view.selectRow(row)
        self.drives_view.scrollTo(self.drives_model.index(row, 0))

    def select_bay_when_plugged(self, bay: str) -> None:
        """Select the drive in `bay` now, or as soon as it is plugged in."""
        for row in self.state.rows():
            if row.drive.bay == bay:
                self.select_drive(row.identity)
                return
        self._wanted_bay = bay

    def enter_answers(self, answers: dict[str, str]) -> None:
        if self.trainee is None:
            raise UsageError("trainee answers need a training session")
        for name, verdict in answers.items():
            if name not in self.trainee.names():
                raise UsageError(f"--answer: no traveler or group named {name!r} in the scenario")
            self.trainee.set_answer(name, verdict)

    def show_score(self) -> None:
        if self.trainee is not None:
            self.trainee.submit()
            self.lower_tabs.setCurrentWidget(self.trainee)
            self.middle.setSizes([300, 600])  # the score needs the room more than the table

    def _select_first_drive(self, identity: str) -> None:
        bay = self.state.row(identity).drive.bay
        if self._wanted_bay is not None:
            if bay == self._wanted_bay:
                self._wanted_bay = None
                self.select_drive(identity)
            return
        if self.detail.identity is None:
            self.select_drive(identity)

    def _update_status(self, *_: object) -> None:
        rows = self.state.rows()
        busy = sum(1 for r in rows if r.busy)
        backend = self.controller.backend.name
        loc = i18n.locale()
        if self.training:
            backend = self.tr("{backend} (TRAINING)").format(backend=backend)
        text = self.tr(
            "Read-only · backend: {backend} · {drives} drive(s), {busy} scanning"
        ).format(backend=backend, drives=loc.toString(len(rows)), busy=loc.toString(busy))
        loose = len(self.state.unassigned())
        if loose:
            text += self.tr(", {count} not assigned to a traveler").format(
                count=loc.toString(loose)
            )
        self.status_label.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.stop()  # cancel scans and join their threads before Qt tears down
        self._stop_post_banner()
        if self.recorder is not None:
            self.recorder.stop()
            self.recorder = None
        super().closeEvent(event)


MAX_START_SIZE = QSize(1600, 1000)  # larger screens: the desk need not fill a wall
MIN_SIZE = QSize(1024, 600)


def initial_size(available: QSize) -> QSize:
    """The window's first size: the screen's available area (less a margin), up to 1600×1000."""
    w = min(MAX_START_SIZE.width(), available.width() - 16)
    h = min(MAX_START_SIZE.height(), available.height() - 16)
    return QSize(max(MIN_SIZE.width(), w), max(MIN_SIZE.height(), h))


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def _column(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    return box


def _action(parent: QWidget, icon_name: str, shortcut: str) -> QAction:
    """An action whose text is set (and re-set on a change of language) by retranslate()."""
    act = QAction(icon(icon_name), "", parent)
    act.setShortcut(QKeySequence(shortcut))
    return act
