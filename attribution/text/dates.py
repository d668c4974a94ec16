"""Turn the date words attached to a speech verb into the day they were said.

News copy dates quotes relative to the article ("said Wednesday", "told
reporters last week"), so every expression is read against the publication
date. dateparser does the parsing; the glue here only encodes the newsroom
conventions it does not know:

* A bare weekday ("Wednesday", "Tuesday night") is the most recent such day on
  or before publication, so an article published on a Thursday that says
  "Thursday" means that same day. ("last Thursday" stays dateparser's: the
  week before.)
* A month-day without a year ("Dec 30") takes the year that puts it on or
  before publication.
* An expression that names only a month or a year ("last month", "in March",
  "earlier this month", "in 2019") resolves to the first day of that period,
  and "earlier this week" to that week's Monday: the earliest day the words
  could have been said.
* "last week" is seven days before publication, "yesterday" one day before;
  "early", "earlier" and "late" ("late Tuesday") do not move the day.
* Nothing is said after the article is published: a day after publication
  ("next week", "tomorrow") is None. So are spans ("since 2019", "for years"),
  vague words ("recently", "soon") and anything dateparser cannot read.
* Without a publication date only expressions with a four-digit year resolve.
"""

import datetime
import functools
import re

from dateparser.date import DateDataParser
from dateutil.parser import parserinfo
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from attribution.errors import BadInput

__all__ = ["parse_iso_date", "resolve_date"]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"\b[0-9]{4}\b")
# Bare numbers ("42", "-1") are not dates, though dateparser reads them as one.
_DATE_SIGNAL = re.compile(r"[a-z]|[0-9]{4}")
# Prepositions and hedges that do not change which day is meant.
_LEADING_NOISE = re.compile(r"^(?:(?:on|in|at|during|early|earlier|late)\s+)+")
_BARE_WEEKDAY = re.compile(
    r"(?P<name>[a-z]+)\.?(?:\s+(?:morning|afternoon|evening|night))?"
)
_WEEKDAY_NAMES = parserinfo()
_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "PREFER_DAY_OF_MONTH": "first",
    "PARSERS": ["relative-time", "absolute-time"],
}


def parse_iso_date(value: str) -> datetime.date:
    """Parse a strict YYYY-MM-DD date, as given to --date or a JSONL "date" field.

    Raises BadInput (not ValueError) so the CLI can show a one-line message.
    """
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise BadInput(f"bad date {value!r}: expected YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise BadInput(f"bad date {value!r}: {exc}") from None


def resolve_date(
    expression: str, published: datetime.date | None
) -> datetime.date | None:
    """Return the day ``expression`` refers to, read against ``published``.

    Returns None, never raises, when the expression is not a past day we can
    pin down; see the module docstring for the conventions.
    """
    if not isinstance(expression, str):
        return None
    if isinstance(published, datetime.datetime):
        published = published.date()
    elif not isinstance(published, datetime.date | None):
        return None
    text = " ".join(expression.lower().split()).rstrip(",.;:")
    return _resolve(_LEADING_NOISE.sub("", text), published)


@functools.lru_cache(maxsize=4096)
def _resolve(text: str, published: datetime.date | None) -> datetime.date | None:
    """Resolve normalised text; cached because articles repeat expressions."""
    if not _DATE_SIGNAL.search(text) or (published is None and not _YEAR.search(text)):
        return None
    bare_weekday = _BARE_WEEKDAY.fullmatch(text)
    index = _WEEKDAY_NAMES.weekday(bare_weekday["name"]) if bare_weekday else None
    if _ISO_DATE.fullmatch(text):
        try:
            day = parse_iso_date(text)
        except BadInput:
            return None
    elif published is not None and index is not None:
        day = published + relativedelta(weekday=_WEEKDAYS[index](-1))
    elif published is not None and text == "this week":
        day = published + relativedelta(weekday=MO(-1))
    else:
        try:
            found = _parser(published).get_date_data(text)
        except (ValueError, OverflowError):
            return None
        if found.date_obj is None:
            return None
        day = found.date_obj.date()
        if found.period == "year":
            day = day.replace(month=1)
    if published is not None and day > published:
        return None
    return day


@functools.lru_cache(maxsize=64)
def _parser(published: datetime.date | None) -> DateDataParser:
    """Build one parser per publication date; dateparser fixes its base at creation.

    The base is noon so "two hours ago" stays on the publication day. Without
    a publication date, relative parsing is off: it would count from today.
    """
    if published is None:
        return DateDataParser(
            languages=["en"], settings={**_SETTINGS, "PARSERS": ["absolute-time"]}
        )
    base = datetime.datetime.combine(published, datetime.time(12))
    return DateDataParser(
        languages=["en"], settings={**_SETTINGS, "RELATIVE_BASE": base}
    )
