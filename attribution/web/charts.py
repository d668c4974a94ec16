"""Charts drawn as SVG on the server: no script, no charting library, nothing fetched from elsewhere
(newsrooms serve this on intranets). Each function returns markup a template inserts as it is."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

__all__ = ["VERDICT_COLOURS", "stacked_bars", "timeline"]

#: One colour per verdict, as on the check page.
VERDICT_COLOURS = {"verified": "#2e7d32", "altered": "#e65100", "misattributed": "#c62828", "unverified": "#757575"}


def timeline(quotes: list[dict], records: list[dict], width: int = 900, height: int = 120) -> Markup:
    """An SVG timeline: a dot per quote on the day it was said, coloured by verdict, and a tick per record."""
    days = [dt.date.fromisoformat(x["said_on"]) for x in quotes + records if x["said_on"]]
    if not days:
        return Markup("<p>No dates to draw.</p>")
    first, last = min(days), max(days)
    span = max(1, (last - first).days)

    def x(day: str) -> float:
        return 20 + (width - 40) * (dt.date.fromisoformat(day) - first).days / span

    marks = [f'<line x1="20" y1="{height - 25}" x2="{width - 20}" y2="{height - 25}" stroke="#999"/>',
             f'<text x="20" y="{height - 5}" font-size="12">{first.isoformat()}</text>',
             f'<text x="{width - 20}" y="{height - 5}" font-size="12" text-anchor="end">{last.isoformat()}</text>']
    stacked: dict[str, int] = {}  # quotes said the same day stack upwards
    for q in (q for q in quotes if q["said_on"]):
        n = stacked[q["said_on"]] = stacked.get(q["said_on"], -1) + 1
        marks.append(f'<circle class="quote-dot" data-verdict="{escape(q["verdict"])}" cx="{x(q["said_on"]):.1f}" '
                     f'cy="{height - 37 - n * 11}" r="5" fill="{VERDICT_COLOURS.get(q["verdict"], "#757575")}">'
                     f'<title>{escape(q["said_on"])}: {escape(q["verdict"])}</title></circle>')
    for r in (r for r in records if r["said_on"]):
        at = f'{x(r["said_on"]):.1f}'
        marks.append(f'<line class="record-tick" x1="{at}" y1="{height - 30}" x2="{at}" y2="{height - 20}" '
                     f'stroke="#000" stroke-width="2"><title>record {r["id"]}</title></line>')
    return Markup(f'<svg class="timeline" role="img" aria-label="statements over time" width="{width}" '
                  f'height="{height}" viewBox="0 0 {width} {height}">' + "".join(marks) + "</svg>")


def stacked_bars(counts: list[tuple[str, dict[str, int]]], label: str, width: int = 900, bar: int = 18) -> Markup:
    """A horizontal bar per row (a week, an outlet), split by verdict, with the row's name and total."""
    if not counts:
        return Markup("<p>Nothing to draw yet.</p>")
    most = max(sum(c.values()) for _, c in counts) or 1
    left, right = 190, 50
    scale = (width - left - right) / most
    height = len(counts) * (bar + 6) + 8
    marks = []
    for n, (name, by_verdict) in enumerate(counts):
        y = 4 + n * (bar + 6)
        whole = "" if _short(name) == name else f"<title>{escape(name)}</title>"  # a cut name in full on hover
        marks.append(f'<text x="{left - 8}" y="{y + bar - 5}" font-size="12" text-anchor="end">'
                     f'{escape(_short(name))}{whole}</text>')
        x = float(left)
        for verdict, colour in VERDICT_COLOURS.items():
            n_verdict = by_verdict.get(verdict, 0)
            if not n_verdict:
                continue
            w = n_verdict * scale
            marks.append(f'<rect class="bar" data-verdict="{verdict}" x="{x:.1f}" y="{y}" width="{w:.1f}" '
                         f'height="{bar}" fill="{colour}"><title>{escape(name)}: {n_verdict} {verdict}</title></rect>')
            x += w
        marks.append(f'<text x="{x + 6:.1f}" y="{y + bar - 5}" font-size="12">{sum(by_verdict.values())}</text>')
    return Markup(f'<svg class="bars" role="img" aria-label="{escape(label)}" width="{width}" height="{height}" '
                  f'viewBox="0 0 {width} {height}">' + "".join(marks) + "</svg>")


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"
