"""Finding the commune in a tree, and the short names documents use."""

from __future__ import annotations

import re

from dangvien._text import fold
from dangvien.model.org import Organization, OrgLevel
from dangvien.synthetic._errors import refused

_LEVEL_WORDS = re.compile(
    r"^(?:Đảng bộ|Đảng ủy|Đảng uỷ)\s+"
    r"(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu)\s+"
)


def short_name(org: Organization) -> str:
    """``Đảng bộ xã Long Thành`` → ``Long Thành``."""
    return _LEVEL_WORDS.sub("", org.name) or org.name


def initials(text: str) -> str:
    """``Long Thành`` → ``LT``; ``X`` when there is no letter."""
    letters = "".join(word[0] for word in fold(text).split() if word[:1].isalpha())
    return letters.upper() or "X"


def path_to(root: Organization, target: Organization) -> list[Organization]:
    """Return the organisations from *root* down to *target*, both included."""
    if root is target:
        return [root]
    for child in root.children:
        path = path_to(child, target)
        if path:
            return [root, *path]
    return []


def find_commune(root: Organization, commune: str | None) -> Organization:
    """The organisation *commune* names, or the tree's only commune with cells.

    Raises:
        UsageError: when *commune* names nothing, or is None and the tree has
            not exactly one organisation with cells.

    """
    if commune is not None:
        found = root.find(commune)
        if found is None:
            raise refused("no_organization", name=commune)
        return found
    with_cells = [o for o in root.walk() if o.cells]
    communes = [o for o in with_cells if o.level is OrgLevel.COMMUNE] or with_cells
    if len(communes) != 1:
        raise refused("which_commune", n=len(communes))
    return communes[0]
