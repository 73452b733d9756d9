"""What the field kit's cut-down libraries cannot do, kept out of the code (docs/field-kit.md).

The bundle carries ICU without data (packaging/stubs/icudata.c): Qt's collation then cannot
create a collator and compares every pair of strings equal. And numpy's LAPACK is left out
(packaging/stubs/blas.c): numpy.linalg stops the program.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "inspector"
ICU_COLLATION = re.compile(r"QCollator|localeAwareCompare|setSortLocaleAware")
LAPACK = re.compile(r"\bnp\.linalg\b|\bnumpy\.linalg\b|from numpy import linalg")


def _uses(pattern: re.Pattern[str]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]


def test_nothing_sorts_with_icu_collation():
    assert _uses(ICU_COLLATION) == [], "sort in Python: the field kit's ICU has no data"


def test_nothing_calls_numpy_linalg():
    assert _uses(LAPACK) == [], "numpy.linalg is not part of the field kit"


def test_the_patterns_find_what_they_look_for():
    assert ICU_COLLATION.search("c = QCollator(QLocale())")
    assert LAPACK.search("x = np.linalg.solve(a, b)")
