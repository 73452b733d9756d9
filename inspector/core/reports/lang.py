"""The words of reports and receipts in the reader's language, without Qt.

The core imports no Qt, so the desk's .qm catalogues are not for it. Reports read small JSON
catalogues beside them (resources/translations/reports_<lang>.json: English text -> its
translation), kept in the same folder and by the same translators as the desk's .ts files:
no build step (gettext's .mo would need msgfmt, i.e. the gettext package or Babel, on every
machine that builds a field kit) and no new dependency. A word missing from a catalogue prints
in English and is counted in `missing` (the tests fail on any).

Numbers: en, ms and zh_CN all write 1,234.5 (comma groups, point decimals), so figures keep the
one format of inspector.core.units; dates differ (month names, order) and are written here.
Babel would do both for every locale, but its locale data is ~30 MB in an offline bundle that
carries three languages.
"""

from __future__ import annotations

import json
import re
from functools import cache

from inspector.core.case.records import LANGUAGES
from inspector.core.case.times import local_clock, local_time
from inspector.core.errors import UsageError
from inspector.core.paths import resource

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ms": ("Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ogo", "Sep", "Okt", "Nov", "Dis"),
}
_LOCAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) (.*)$")


@cache
def _catalogue(lang: str) -> dict[str, str]:
    if lang == "en":
        return {}
    path = resource("translations", f"reports_{lang}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"report language {lang}: cannot read {path}: {exc}") from None
    messages = data.get("messages", {})
    return {str(k): str(v) for k, v in messages.items() if v}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UsageError(f"language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang


class Words:
    """`words("Traveler")` in the language `lang`; `words.when(iso)` a time as its readers
    write it, in the desk's zone with its offset."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = check_language(lang)
        self._table = _catalogue(self.lang)
        self.missing: set[str] = set()

    def __call__(self, text: str) -> str:
        if self.lang == "en":
            return text
        found = self._table.get(text)
        if found is None:
            self.missing.add(text)
            return text
        return found

    def day(self, year: int, month: int, day: int) -> str:
        if self.lang == "zh_CN":
            return f"{year}年{month}月{day}日"
        return f"{day} {MONTHS[self.lang][month - 1]} {year}"

    def when(self, iso: str | None) -> str:
        """English keeps the ISO date the reports always printed ("2026-12-02 20:58:42
        UTC+08:00": scripts read it); ms "2 Dis 2026 20:58:42 UTC+08:00", zh_CN "2026年12月2日
        20:58:42 UTC+08:00"."""
        text = local_time(iso)
        found = _LOCAL.match(text)
        if self.lang == "en" or found is None:
            return text
        year, month, day, rest = found.groups()
        return f"{self.day(int(year), int(month), int(day))} {rest}"

    def clock(self, iso: str | None) -> str:
        return local_clock(iso)
