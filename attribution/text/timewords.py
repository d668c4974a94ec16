"""Names of days and months: what a date expression is made of, and what is never a speaker."""

__all__ = ["MONTHS", "MONTH_ABBREVIATIONS", "MONTH_NAMES", "WEEKDAYS", "is_time_word", "names_a_time"]

WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTH_NAMES = frozenset("""january february march april may june july august september october november
december""".split())
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
MONTHS = MONTH_NAMES | MONTH_ABBREVIATIONS
_OTHER = frozenset("yesterday today tonight week weekend month year morning afternoon evening night".split())


def is_time_word(text: str) -> bool:
    """ "Monday", "Oct.", "year": a word that names a time ("May" the month and May the name alike)."""
    word = text.lower().rstrip(".")
    return word in WEEKDAYS or word in MONTHS or word in _OTHER


def names_a_time(word) -> bool:
    """A word (a ``document.Word``) naming a day or month, not a person named after one ("Theresa May")."""
    return is_time_word(word.text) and not word.ner.endswith("PERSON")
