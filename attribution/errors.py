"""One exception tree for the whole package.

Every error a user can cause or fix is an ``AttributionError``; the CLI turns
each into a one-line message (``click.ClickException``) with what to do next.
"""

__all__ = ["AttributionError", "BadConfig", "BadDatabase", "BadInput", "BadRecord", "FetchFailed", "ModelsMissing",
           "ReviewRefused", "ServerBusy"]


class AttributionError(Exception):
    """Base class: a problem the user can understand and act on."""


class BadInput(AttributionError):
    """An input file or text that cannot be read as an article."""


class ModelsMissing(AttributionError):
    """The Stanza English models are not where we were told to look."""


class BadDatabase(AttributionError):
    """The database file cannot be opened, is not ours, or is locked by another writer."""


class BadRecord(AttributionError):
    """A verified-records file (or one record) that cannot be imported.

    ``path`` is the file (None for a single record given directly) and
    ``problems`` the (line number, message) of every bad row, line None for a
    problem with the file as a whole.
    """

    def __init__(self, message: str, *, path: str | None = None,
                 problems: list[tuple[int | None, str]] | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.problems = list(problems or [])

    @property
    def lines(self) -> list[int]:
        """The line numbers of the bad rows, in order."""
        return [line for line, _ in self.problems if line is not None]


class ReviewRefused(AttributionError):
    """A review action that cannot be done: an unknown quote, check or speaker, one already decided,
    or a bad value (no reviewer name, an unknown verdict)."""


class BadConfig(AttributionError):
    """Configuration the command needs is missing or malformed (e.g. the publishing organisation)."""


class FetchFailed(BadInput):
    """A URL given as input could not be fetched as a web page (network error, HTTP error, not HTML, too big)."""


class ServerBusy(AttributionError):
    """The server is already checking as many articles as it queues; try again later."""
