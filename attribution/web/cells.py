"""Cells that read: the JSON the tables keep, rendered for people (Datasette's ``render_cell`` hook).

- a word diff (``checks.diff``, and the ``diff`` of a canned query) as the record's words struck and
  the quote's inserted, as the check page shows them;
- flags (``checks.flags``) as small labels;
- JSON lists of names (aliases, outlets, conflicting speakers, syndicated groups) as lists.

Only HTML pages change: the JSON API and CSV keep the stored values.
"""

from __future__ import annotations

import json

from markupsafe import Markup, escape

__all__ = ["LIST_COLUMNS", "render"]

#: Columns holding a JSON list of names (nested lists are groups of names).
LIST_COLUMNS = frozenset({"aliases", "outlet_names", "carried_by", "conflicting_speakers", "syndicated"})
_STYLE = {"speaker_uncertain": "background:#fff6cc;border:1px solid #8d6e00",
          "negation": "background:#ffd6d6;border:1px solid #c62828",
          "number": "background:#ffd6d6;border:1px solid #c62828"}
_PLAIN = "background:#eee"
_LABEL = "display:inline-block;padding:0 0.4em;margin:0 0.2em 0.2em 0;border-radius:0.3em;font-size:0.85em;"


def render(column: str, value) -> Markup | None:
    """HTML for a cell Datasette would show as raw JSON, or None to leave it as it is."""
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, list):
        return None
    if column == "diff" and all(isinstance(op, dict) and "op" in op for op in data):
        return _diff(data)
    if column == "flags" and all(isinstance(f, str) for f in data):
        return Markup("".join(f'<span class="flag flag-{escape(f)}" style="{_LABEL}{_STYLE.get(f, _PLAIN)}">'
                              f"{escape(f.replace('_', ' '))}</span>" for f in data) or "none")
    if column in LIST_COLUMNS:
        return _names(data)
    return None


def _diff(ops: list[dict]) -> Markup:
    parts = []
    for op in ops:
        if op["op"] == "equal":
            parts.append(str(escape(op.get("record", ""))))
        else:
            if op.get("record"):
                parts.append(f'<del title="in the record" style="background:#ffd6d6">{escape(op["record"])}</del>')
            if op.get("quote"):
                parts.append(f'<ins title="in the quote" style="background:#d9f2d9;text-decoration:none">'
                             f'{escape(op["quote"])}</ins>')
    return Markup('<span class="diff">' + " ".join(parts) + "</span>")


def _names(items: list) -> Markup:
    if not items:
        return Markup("none")
    shown = [" + ".join(str(escape(x)) for x in item) if isinstance(item, list) else str(escape(item))
             for item in items]
    return Markup('<ul class="names">' + "".join(f"<li>{s}</li>" for s in shown)
                  + "</ul>")
