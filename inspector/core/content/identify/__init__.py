"""Content identification: bounded reads, structural sniffers first, Magika last.

`identify(view, path, size)` names a file's format and its one category from the fixed
vocabulary in `categories.py`; scans keep an `Identifier` to count the bytes read.
"""

from inspector.core.content.identify.categories import CATEGORIES, category_of, is_disguised
from inspector.core.content.identify.engine import Identifier, identify
from inspector.core.content.identify.model import Identification

__all__ = ["CATEGORIES", "Identification", "Identifier", "category_of", "identify", "is_disguised"]
