"""Generate docs/rules.md from the rule registry: ``python scripts/gen_rules_doc.py``.

A test keeps the committed page equal to this output.
"""

from __future__ import annotations

import re
from pathlib import Path


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
    for topic in ("admission", "timeline", "membership", "organization"):
        lines += [f"## {topic.capitalize()}", ""]
        for r in REGISTRY.values():
            if r.topic != topic:
                continue
            end = r.end.isoformat() if r.end else "now"
            lines += [
                f"### {r.id}",
                "",
                f"**{r.title_vi}**  ",
                f"*{r.title_en}*",
                "",
                f"- Effective: {r.start.isoformat()} – {end}",
                f"- Confidence: {r.confidence.value}",
                "- Basis: " + "; ".join(str(c) for c in r.citations),
            ]
            if r.key is not None:
                hist = params.parameter(r.key)
                values = ", ".join(
                    f"{v.value} from {v.start.isoformat()} ({v.confidence.value})"
                    for v in hist.values
                )
                lines.append(f"- Parameter `{r.key.name}`: {values}")
            # Sphinx roles mean nothing in Markdown: keep the name as code.
            lines += ["", re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", r.doc), ""]
    return "\n".join(lines) + "\n"


def write_rules_page(path: Path) -> None:
    """Write the catalogue to *path* if it changed."""
    text = render()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_rules_page(Path(__file__).resolve().parent.parent / "docs" / "rules.md")
