"""Everything known about one drive, and the actions on it (re-scan, full, cancel)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.core.scan.result import ScanResult
from inspector.core.survey.names import display_name
from inspector.core.units import format_share, format_size
from inspector.gui.desk import DeskState, DriveRow, DriveStatus
from inspector.gui.i18n import Retranslating, locale
from inspector.gui.icons import icon
from inspector.gui.models.drives import drive_model, drive_serial
from inspector.gui.models.format import fill_of, used_of
from inspector.gui.widgets.category_chart import CategoryChart, bars_of
from inspector.gui.widgets.fill_bar import FillBar

TOP_EXTENSIONS = 6
TOP_FORMATS = 6
EXAMPLES = 3


def _label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class DriveDetail(Retranslating, QWidget):
    rescan_requested = Signal(str, bool, bool)  # identity, larger budget, full identification
    cancel_requested = Signal(str)

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._identity: str | None = None
        self.title = _label()
        self.fill = FillBar()
        self.chart = CategoryChart()
        self.formats = _label()
        self.extensions = _label()
        self.disguised = _label()
        self.warnings = _label()
        self.method = _label()
        self.rescan_button = QPushButton(icon("rescan"), "")
        self.full_button = QPushButton(icon("full"), "")
        self.cancel_button = QPushButton(icon("cancel"), "")
        self.rescan_button.clicked.connect(lambda: self._request(larger=True, full=False))
        self.full_button.clicked.connect(lambda: self._request(larger=False, full=True))
        self.cancel_button.clicked.connect(self._cancel)
        self.headings = (QLabel(), QLabel(), QLabel())

        grid = QGridLayout()
        for col, heading in enumerate(self.headings):
            grid.addWidget(heading, 0, col)
        grid.addWidget(self.formats, 1, 0)
        grid.addWidget(self.extensions, 1, 1)
        grid.addWidget(self.disguised, 1, 2)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rescan_button)
        buttons.addWidget(self.full_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.fill)
        layout.addWidget(self.chart)
        layout.addLayout(grid)
        layout.addWidget(self.warnings)
        layout.addWidget(self.method)
        layout.addLayout(buttons)
        layout.addStretch(1)
        state.drive_changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Drive detail"))
        names = (
            (self.title, self.tr("Drive")),
            (self.formats, self.tr("Formats")),
            (self.extensions, self.tr("Top extensions")),
            (self.disguised, self.tr("Disguised files")),
            (self.warnings, self.tr("Warnings")),
            (self.method, self.tr("Method")),
        )
        for label, name in names:
            label.setAccessibleName(name)
        for heading, (_, name) in zip(self.headings, names[1:4], strict=True):
            heading.setText(f"<b>{html.escape(name)}</b>")
        self.rescan_button.setText(self.tr("Re-scan with a larger &budget"))
        self.full_button.setText(self.tr("&Full identification"))
        self.cancel_button.setText(self.tr("&Cancel scan"))
        self.refresh()

    @property
    def identity(self) -> str | None:
        return self._identity

    def show_drive(self, identity: str | None) -> None:
        self._identity = identity
        self.refresh()

    def _on_changed(self, identity: str) -> None:
        if identity == self._identity:
            self.refresh()

    def _request(self, *, larger: bool, full: bool) -> None:
        if self._identity:
            self.rescan_requested.emit(self._identity, larger, full)

    def _cancel(self) -> None:
        if self._identity:
            self.cancel_requested.emit(self._identity)

    def refresh(self) -> None:
        row = self._state.row(self._identity) if self._identity else None
        for w in (self.rescan_button, self.full_button):
            w.setEnabled(row is not None and row.present and not row.drive.system)
        self.cancel_button.setEnabled(row is not None and row.busy)
        if row is None:
            self.title.setText(self.tr("Select a drive to see what is on it."))
            self.fill.set_fill(None, "")
            self.chart.set_bars([], "")
            for w in (self.formats, self.extensions, self.disguised, self.warnings, self.method):
                w.setText("")
            return
        self._show(row)

    def _show(self, row: DriveRow) -> None:
        d = row.drive
        r = row.result
        name = html.escape(display_name(f"{d.vendor or ''} {drive_model(d)}".strip()))
        serial = html.escape(display_name(drive_serial(d)))
        owner = html.escape(display_name(row.traveler or self.tr("unassigned")))
        where = html.escape(display_name(d.path))
        if d.backing_file:  # an image: its file is what identifies it, not /dev/loopN
            where += f" ← {breakable(d.backing_file)}"
        self.title.setText(
            self.tr(
                "<b>{name}</b> · serial {serial} · bay {bay} · {where}<br>{capacity} · "
                "status: <b>{status}</b> · traveler: {owner}"
            ).format(
                name=name,
                serial=serial,
                bay=html.escape(d.bay or "—"),
                where=where,
                capacity=format_size(d.capacity_bytes),
                status=html.escape(row.status_text()),
                owner=owner,
            )
        )
        used, fill = used_of(r), fill_of(r, d.capacity_bytes)
        if r is None and row.figures is not None and d.capacity_bytes:
            used, fill = row.figures.used_bytes, row.figures.used_bytes / d.capacity_bytes
        self.fill.set_fill(fill, self._fill_text(used, fill, r, d.capacity_bytes))
        if d.system or (r is None and row.figures is not None):
            text = (
                self.tr("The desk's own system disk: never mounted or scanned")
                if d.system
                else self.tr("No readable filesystem (encrypted or unknown): raw sampling only")
            )
            self.chart.set_bars([], text)
            for w in (self.formats, self.extensions, self.disguised):
                w.setText("—")
        else:
            self._show_content(r, row)
        warnings = row.warnings()
        self.warnings.setText(
            self.tr("<b>Warnings:</b> {warnings}").format(
                warnings="; ".join(html.escape(display_name(w)) for w in warnings)
            )
            if warnings
            else ""
        )
        notes = "".join(f"<br>{html.escape(n)}" for n in row.notes)
        self.method.setText(self._method_text(row) + notes)

    def _show_content(self, r: ScanResult | None, row: DriveRow) -> None:
        if r is None:
            waiting = {
                DriveStatus.QUEUED: self.tr("Queued: waiting for a free scan slot"),
                DriveStatus.ERROR: self.tr("Not scanned: see the warning below"),
                DriveStatus.REMOVED: self.tr("Removed before anything was read"),
            }
            self.chart.set_bars([], waiting.get(row.status, self.tr("Scanning…")))
            self.formats.setText("")
            self.extensions.setText("")
            self.disguised.setText("")
            return
        c = r.content
        empty = (
            self.tr("Content not identified (survey only)")
            if c.method == "none"
            else self.tr("No content")
        )
        self.chart.set_bars(bars_of(c.categories), empty)
        self.formats.setText(
            "<br>".join(
                f"{html.escape(f.format)}: {format_share(f.bytes_share, f.ci)}"
                for f in sorted(c.formats, key=lambda f: -f.bytes_share)[:TOP_FORMATS]
            )
            or "—"
        )
        loc = locale()
        self.extensions.setText(
            "<br>".join(
                self.tr("{ext}: {files} files, {size}").format(
                    ext=html.escape(display_name(e.ext or self.tr("(none)"))),
                    files=loc.toString(e.files),
                    size=format_size(e.bytes),
                )
                for e in r.survey.by_extension[:TOP_EXTENSIONS]
            )
            or "—"
        )
        dis = c.disguised
        examples = "".join(f"<br><code>{breakable(p)}</code>" for p in dis.examples[:EXAMPLES])
        self.disguised.setText(
            self.tr("{share} of files").format(share=format_share(dis.files_share, dis.ci))
            + examples
            if c.method != "none"
            else "—"
        )

    def _fill_text(
        self, used: int | None, fill: float | None, r: ScanResult | None, capacity: int
    ) -> str:
        """ "25.6 GB used of 64.0 GB (40 %)", naming the drive's label when the filesystem is
        not what the label says (the fill is of the filesystem, as df reports it)."""
        if used is None:
            return ""
        size = r.filesystem.size_bytes if r is not None and r.filesystem is not None else capacity
        text = self.tr("{used} used of {size}").format(
            used=format_size(used), size=format_size(size)
        )
        if fill is not None:
            text += f" ({locale().toString(fill * 100, 'f', 0)} %)"
        if size and abs(size - capacity) > 0.05 * capacity:
            text += self.tr(" · the drive reports {capacity}").format(
                capacity=format_size(capacity)
            )
        return text

    def _method_text(self, row: DriveRow) -> str:
        r = row.result
        loc = locale()
        budget = loc.toString(row.budget_s, "g", 6)
        if row.drive.system:
            return ""
        if r is None and row.figures is not None:
            return self.tr("<b>Method:</b> raw sector sampling (no filesystem could be mounted)")
        if r is None:
            if row.full:
                return self.tr("<b>Method:</b> scan budget {budget} s (full)").format(budget=budget)
            return self.tr("<b>Method:</b> scan budget {budget} s").format(budget=budget)
        c = r.content
        if c.method == "none":
            how = self.tr("survey only (counts and sizes; content not identified)")
        elif c.method == "full":
            how = self.tr("every file identified ({files} files)").format(
                files=loc.toString(c.samples)
            )
        else:
            how = self.tr(
                "sampled: {samples} samples, {size} read, {confidence} % intervals, seed {seed}"
            ).format(
                samples=loc.toString(c.samples),
                size=format_size(c.sampled_bytes),
                confidence=loc.toString(c.confidence * 100, "f", 0),
                seed=c.seed,
            )
        if r.complete:
            done = self.tr("complete")
        elif r.unsurveyed and not r.removed:  # ciphertext, a damaged filesystem: never "0 files"
            done = self.tr(
                "<b>incomplete</b>: {size} has no readable filesystem, its files are unknown"
            ).format(size=format_size(r.unsurveyed_bytes or 0))
        else:
            done = self.tr("<b>incomplete</b> (partial result)")
        return self.tr(
            "<b>Method:</b> {how}; budget {budget} s; {files} files, {size}; {done} in {seconds} s"
        ).format(
            how=how,
            budget=budget,
            files=loc.toString(r.survey.files),
            size=format_size(r.survey.bytes),
            done=done,
            seconds=loc.toString(r.elapsed_s, "f", 1),
        )


def breakable(text: str) -> str:
    """Escaped HTML of `text` that may wrap after "/", "_" and "-": a long path or serial
    must wrap inside the label, not be cut off at its edge."""
    escaped = html.escape(display_name(text))
    for ch in "/_-.":
        escaped = escaped.replace(ch, ch + "\u200b")
    return escaped
