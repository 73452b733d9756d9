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
from inspector.gui.icons import icon
from inspector.gui.models.drives import drive_model, drive_serial
from inspector.gui.models.format import fill_of, used_of
from inspector.gui.widgets.category_chart import CategoryChart, bars_of
from inspector.gui.widgets.fill_bar import FillBar

TOP_EXTENSIONS = 6
TOP_FORMATS = 6
EXAMPLES = 3


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class DriveDetail(QWidget):
    rescan_requested = Signal(str, bool, bool)  # identity, larger budget, full identification
    cancel_requested = Signal(str)

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._identity: str | None = None
        self.setAccessibleName("Drive detail")
        self.title = _label("Drive")
        self.fill = FillBar()
        self.chart = CategoryChart()
        self.formats = _label("Formats")
        self.extensions = _label("Top extensions")
        self.disguised = _label("Disguised files")
        self.warnings = _label("Warnings")
        self.method = _label("Method")
        self.rescan_button = QPushButton(icon("rescan"), "Re-scan with a larger &budget")
        self.full_button = QPushButton(icon("full"), "&Full identification")
        self.cancel_button = QPushButton(icon("cancel"), "&Cancel scan")
        self.rescan_button.clicked.connect(lambda: self._request(larger=True, full=False))
        self.full_button.clicked.connect(lambda: self._request(larger=False, full=True))
        self.cancel_button.clicked.connect(self._cancel)

        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Formats</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Top extensions</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Disguised files</b>"), 0, 2)
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
        self.show_drive(None)

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
            self.title.setText("Select a drive to see what is on it.")
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
        owner = html.escape(display_name(row.traveler or "unassigned"))
        where = html.escape(display_name(d.path))
        if d.backing_file:  # an image: its file is what identifies it, not /dev/loopN
            where += f" ← {breakable(d.backing_file)}"
        self.title.setText(
            f"<b>{name}</b> · serial {serial} · bay {html.escape(d.bay or '—')} · "
            f"{where}<br>{format_size(d.capacity_bytes)} · "
            f"status: <b>{html.escape(row.status_text())}</b> · traveler: {owner}"
        )
        used, fill = used_of(r), fill_of(r, d.capacity_bytes)
        if r is None and row.figures is not None and d.capacity_bytes:
            used, fill = row.figures.used_bytes, row.figures.used_bytes / d.capacity_bytes
        self.fill.set_fill(fill, _fill_text(used, fill, r, d.capacity_bytes))
        if d.system or (r is None and row.figures is not None):
            text = (
                "The desk's own system disk: never mounted or scanned"
                if d.system
                else "No readable filesystem (encrypted or unknown): raw sampling only"
            )
            self.chart.set_bars([], text)
            for w in (self.formats, self.extensions, self.disguised):
                w.setText("—")
        else:
            self._show_content(r, row)
        warnings = row.warnings()
        self.warnings.setText(
            "<b>Warnings:</b> " + "; ".join(html.escape(display_name(w)) for w in warnings)
            if warnings
            else ""
        )
        notes = "".join(f"<br>{html.escape(n)}" for n in row.notes)
        self.method.setText(_method_text(row) + notes)

    def _show_content(self, r: ScanResult | None, row: DriveRow) -> None:
        if r is None:
            waiting = {
                DriveStatus.QUEUED: "Queued: waiting for a free scan slot",
                DriveStatus.ERROR: "Not scanned: see the warning below",
                DriveStatus.REMOVED: "Removed before anything was read",
            }
            self.chart.set_bars([], waiting.get(row.status, "Scanning…"))
            self.formats.setText("")
            self.extensions.setText("")
            self.disguised.setText("")
            return
        c = r.content
        empty = "Content not identified (survey only)" if c.method == "none" else "No content"
        self.chart.set_bars(bars_of(c.categories), empty)
        self.formats.setText(
            "<br>".join(
                f"{html.escape(f.format)}: {format_share(f.bytes_share, f.ci)}"
                for f in sorted(c.formats, key=lambda f: -f.bytes_share)[:TOP_FORMATS]
            )
            or "—"
        )
        self.extensions.setText(
            "<br>".join(
                f"{html.escape(display_name(e.ext or '(none)'))}: {e.files:,} files, "
                f"{format_size(e.bytes)}"
                for e in r.survey.by_extension[:TOP_EXTENSIONS]
            )
            or "—"
        )
        dis = c.disguised
        examples = "".join(f"<br><code>{breakable(p)}</code>" for p in dis.examples[:EXAMPLES])
        self.disguised.setText(
            f"{format_share(dis.files_share, dis.ci)} of files{examples}"
            if c.method != "none"
            else "—"
        )


def breakable(text: str) -> str:
    """Escaped HTML of `text` that may wrap after "/", "_" and "-": a long path or serial
    must wrap inside the label, not be cut off at its edge."""
    escaped = html.escape(display_name(text))
    for ch in "/_-.":
        escaped = escaped.replace(ch, ch + "\u200b")
    return escaped


def _fill_text(used: int | None, fill: float | None, r: ScanResult | None, capacity: int) -> str:
    """ "25.6 GB used of 64.0 GB (40 %)", naming the drive's label when the filesystem is
    not what the label says (the fill is of the filesystem, as df reports it)."""
    if used is None:
        return ""
    size = r.filesystem.size_bytes if r is not None and r.filesystem is not None else capacity
    text = f"{format_size(used)} used of {format_size(size)}"
    if fill is not None:
        text += f" ({fill * 100:.0f} %)"
    if size and abs(size - capacity) > 0.05 * capacity:
        text += f" · the drive reports {format_size(capacity)}"
    return text


def _method_text(row: DriveRow) -> str:
    r = row.result
    if row.drive.system:
        return ""
    if r is None and row.figures is not None:
        return "<b>Method:</b> raw sector sampling (no filesystem could be mounted)"
    if r is None:
        return f"<b>Method:</b> scan budget {row.budget_s:g} s" + (" (full)" if row.full else "")
    c = r.content
    if c.method == "none":
        how = "survey only (counts and sizes; content not identified)"
    elif c.method == "full":
        how = f"every file identified ({c.samples:,} files)"
    else:
        how = (
            f"sampled: {c.samples:,} samples, {format_size(c.sampled_bytes)} read, "
            f"{c.confidence:.0%} intervals, seed {c.seed}"
        )
    done = "complete" if r.complete else "<b>incomplete</b> (partial result)"
    return (
        f"<b>Method:</b> {how}; budget {row.budget_s:g} s; {r.survey.files:,} files, "
        f"{format_size(r.survey.bytes)}; {done} in {r.elapsed_s:.1f} s"
    )
