"""One exception tree for the whole package.

Every error a user can cause or fix is an ``AttributionError``; the CLI turns
each into a one-line message (``click.ClickException``) with what to do next.
"""

__all__ = ["AttributionError", "BadInput", "ModelsMissing"]


class AttributionError(Exception):
    """Base class: a problem the user can understand and act on."""


class BadInput(AttributionError):
    """An input file or text that cannot be read as an article."""


class ModelsMissing(AttributionError):
    """The Stanza English models are not where we were told to look."""
