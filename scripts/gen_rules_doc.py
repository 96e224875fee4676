"""Generate docs/rules.md from the rule registry: ``python scripts/gen_rules_doc.py``.

A test keeps the committed page equal to this output.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

_TOPIC_TITLES = {
    "admission": "Admission",
    "timeline": "Timeline",
    "membership": "Membership",
    "organization": "Organization",
    "plan": "Plan checks",
}


def render() -> str:
    """Return the rule catalogue as Markdown."""
    from dangvien.parameters import default_parameters
    from dangvien.rules import REGISTRY

    params = default_parameters()
    lines = [
        "# Rule catalogue",
        "",
        "Generated from `dangvien.rules.REGISTRY` by `scripts/gen_rules_doc.py`; do not edit.",
        "Confidence: **A** provision seen in text, **B** secondary source,",
        "**C** inferred (an overridable parameter).",
        "",
    ]
    for topic in ("admission", "timeline", "membership", "organization", "plan"):
        lines += [f"## {_TOPIC_TITLES[topic]}", ""]
        for r in REGISTRY.values():
            if r.topic != topic:
                continue
            end = r.end.isoformat() if r.end else "now"
            start = "any date" if r.start == date.min else r.start.isoformat()
            basis = "; ".join(str(c) for c in r.citations) or "none (a check of the plan itself)"
            lines += [
                f"### {r.id}",
                "",
                f"**{r.title_vi}**  ",
                f"*{r.title_en}*",
                "",
                f"- Effective: {start} – {end}",
                f"- Confidence: {r.confidence.value}",
                f"- Basis: {basis}",
            ]
            if r.key is not None:
                hist = params.parameter(r.key)
                values = ", ".join(
                    f"{_value(v.value)} from {v.start.isoformat()} ({v.confidence.value})"
                    for v in hist.values
                )
                lines.append(f"- Parameter `{r.key.name}`: {values}")
            # Sphinx roles mean nothing in Markdown: keep the name as code.
            lines += ["", re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", r.doc), ""]
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    """A parameter value as the English catalogue shows it; a list in brackets."""
    from dangvien.messages import format_value

    if value is None:
        return "none"
    text = format_value(value, "en")
    return f"[{text}]" if isinstance(value, tuple) else text


def write_rules_page(path: Path) -> None:
    """Write the catalogue to *path* if it changed."""
    text = render()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_rules_page(Path(__file__).resolve().parent.parent / "docs" / "rules.md")
