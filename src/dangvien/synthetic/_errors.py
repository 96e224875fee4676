"""What the generators refuse, as catalogue texts (``synthetic.error.*``)."""

from __future__ import annotations

from dangvien.errors import UsageError
from dangvien.messages import Text


def refused(message: str, /, **facts: object) -> UsageError:
    """The error for a request a generator cannot do: the text ``synthetic.error.<message>``."""
    text = Text(f"synthetic.error.{message}", facts)
    return UsageError(text.vi, text.en)
