"""Read news articles from text, HTML and JSONL inputs.

Every input becomes an :class:`Article` whose ``text`` is exactly what the quote
finder sees: character offsets reported downstream refer to ``Article.text``
as returned here (line endings normalised to ``\\n``, a UTF-8 byte-order mark
removed, HTML reduced to its main text with paragraphs separated by a blank line).

Paragraphs are lines: every non-blank line is one paragraph to the quote
finder. Stanza's tokenizer, though, only treats a blank line (``\\n\\n``) as a
paragraph break and may run a sentence across a single ``\\n``, e.g. gluing a
headline that has no final period onto the first sentence. Plain text (.txt,
stdin, JSONL ``"text"``) is never rewritten beyond the normalisation above, so
offsets match the user's own file; put a blank line between paragraphs (at
least after a headline) to keep sentences apart. HTML has no such file, so its
extracted text is laid out for the tokenizer: one paragraph per line with a
blank line between, and no repeated headline (see :func:`article_from_html`).

Anything that cannot be read as an article raises
:class:`attribution.errors.BadInput` with a one-line message naming the input
(and the line, for JSONL) and saying what to do about it.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO
from urllib.parse import urlsplit

import trafilatura

from ..errors import BadInput

from .dates import parse_iso_date

__all__ = [
    "Article",
    "MAX_CHARS",
    "MAX_INPUT_BYTES",
    "article_from_html",
    "content_hash",
    "is_web_address",
    "json_error",
    "json_type",
    "read_articles",
]

MAX_CHARS = 10_000_000
"""Longest article text accepted, in characters; longer inputs must be split."""

MAX_INPUT_BYTES = 4 * MAX_CHARS
"""Largest single .txt/.html file or stdin read, in bytes (4 = worst-case UTF-8 width)."""

_SNIFF_CHARS = 8192
_MAX_CONTROL_SHARE = 0.05
_HTML_SUFFIXES = {".html", ".htm"}
_HTML_TAG = re.compile(r"<(?:html|body|p)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(r"<html\b", re.IGNORECASE)
# Only dates stated in markup (meta tags, <time>, JSON-LD, URL): the extensive
# search also guesses from visible text, turning "Copyright 2021" into 2021-01-01,
# which would wrongly override the user's --date.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_OPTIONAL_STRINGS = ("title", "url", "outlet")


@dataclass
class Article:
    """One article; ``text`` is the exact string that offsets refer to."""

    id: str
    text: str
    date: datetime.date | None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


def content_hash(text: str) -> str:
    """SHA-256 (hex) of an article's text: its identity in the store and in the annotation cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_articles(
    inputs: Iterable[str],
    default_date: datetime.date | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article]:
    """Yield the articles in ``inputs`` (paths, or ``"-"`` for stdin), lazily.

    The format follows the extension: ``.jsonl`` is one JSON object per line,
    ``.html``/``.htm`` is a web page, anything else is plain text. An ``http://`` or
    ``https://`` address is fetched and read as a web page (:mod:`attribution.text.fetch`). Stdin is
    sniffed as HTML or text. ``default_date`` is used for articles that carry
    no date of their own. Lazy so that a large JSONL file streams.
    """
    for name in inputs:
        if name == "-":
            yield _article_from_stdin(stdin if stdin is not None else sys.stdin, default_date)  # None if closed
            continue
        if name.lower().startswith(("http://", "https://")):
            from .fetch import article_from_url  # fetch builds on this module

            yield article_from_url(name, default_date)
            continue
        suffix = Path(name).suffix.lower()
        if suffix == ".jsonl":
            yield from _read_jsonl(name, default_date)
            continue
        text = _decode(name, _read_file(name))
        if suffix in _HTML_SUFFIXES:
            yield article_from_html(text, Path(name).stem, default_date, source=name)
        else:
            yield Article(id=Path(name).stem, text=_as_article_text(name, text), date=default_date)


def article_from_html(
    html: str,
    id: str,
    default_date: datetime.date | None = None,
    *,
    source: str | None = None,
) -> Article:
    """Extract the main text, title, date, URL and site name of a web page.

    Menus, scripts, banners and footers are dropped by trafilatura. Each line
    of its text (a paragraph, heading, list item, or a line broken by
    ``<br>``) becomes one paragraph, with surrounding whitespace trimmed and
    paragraphs separated by a blank line (``\\n\\n``) so that no sentence or
    quote is joined across them. A first line equal to the extracted title
    (the page's ``<h1>`` headline, as a rule) is dropped, as it is in
    ``Article.title`` already; it is kept when it is all the text there is.
    The page's own date wins over ``default_date``. ``source`` names the
    input in error messages (default: ``id``).
    """
    where = source or id
    if not html.strip():
        raise BadInput(f"{where} is empty; give it the HTML of a news article")
    if not _HTML_ROOT.search(html):
        # trafilatura rejects a lone fragment such as "<p>...</p>" as not-HTML.
        html = f"<html><body>{html}</body></html>"
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not doc.text or not doc.text.strip():
        raise BadInput(
            f"{where}: no article text found in the HTML; "
            "save the article page itself, or pass its text as a .txt file"
        )
    date = default_date
    if doc.date:
        try:
            date = parse_iso_date(doc.date[:10])
        except BadInput as err:
            raise BadInput(f"{where}: page date {doc.date!r}: {err}") from None
    return Article(
        id=id,
        text=_as_article_text(where, _html_paragraphs(doc.text, doc.title)),
        date=date,
        title=doc.title or None,
        url=doc.url if doc.url and is_web_address(doc.url) else None,  # never a javascript: link
        outlet=doc.sitename or None,
    )


def _html_paragraphs(text: str, title: str | None) -> str:
    """One paragraph per non-blank line, blank-line separated, minus a headline equal to ``title``."""
    paragraphs = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    paragraphs = [line for line in paragraphs if line]
    if title and len(paragraphs) > 1 and _same_words(paragraphs[0], title):
        del paragraphs[0]
    return "\n\n".join(paragraphs)


def _same_words(first: str, second: str) -> bool:
    """Equal up to case and runs of whitespace."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def _article_from_stdin(stream: TextIO | BinaryIO, default_date: datetime.date | None) -> Article:
    """Read stdin as HTML if it looks like markup, else as plain text."""
    if stream is None or getattr(stream, "closed", False):
        raise BadInput("stdin is closed: pipe the article in, or give a file")
    # Read the bytes under a text wrapper so bad UTF-8 gets a byte offset,
    # not a traceback from the wrapper's decoder.
    raw = getattr(stream, "buffer", stream)
    data = raw.read(MAX_INPUT_BYTES + 1)
    _check_size("stdin", len(data))
    if isinstance(data, bytes):
        text = _decode("stdin", data)
    else:
        _check_not_binary("stdin", data)
        text = data
    if text.lstrip().startswith("<") and _HTML_TAG.search(text):
        return article_from_html(text, "stdin", default_date)
    return Article(id="stdin", text=_as_article_text("stdin", text), date=default_date)


def _open(path: str) -> BinaryIO:
    """Open an input file, turning OS errors into advice."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise BadInput(f"{path} is a directory; pass the article files inside it instead") from None
    except PermissionError:
        raise BadInput(f"{path}: permission denied; make the file readable") from None
    except OSError as err:
        raise BadInput(f"{path}: cannot read ({err.strerror}); check the file") from None


def _read_file(path: str) -> bytes:
    """Read a whole .txt/.html file, at most one byte past the size limit."""
    with _open(path) as handle:
        data = handle.read(MAX_INPUT_BYTES + 1)
    _check_size(path, len(data))
    return data


def _check_size(where: str, size: int) -> None:
    """Refuse inputs too big to be one article before decoding them."""
    if size > MAX_INPUT_BYTES:
        raise BadInput(
            f"{where} is larger than {MAX_INPUT_BYTES:,} bytes; "
            f"articles are limited to {MAX_CHARS:,} characters, so split it into separate articles"
        )


def _decode(where: str, data: bytes) -> str:
    """Decode strict UTF-8 (BOM allowed); other encodings are refused, not guessed."""
    _check_head(where, data[:_SNIFF_CHARS])
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = skip + err.start
        raise BadInput(_not_utf8(where, data[offset], offset)) from None


def _not_utf8(where: str, byte: int, offset: int) -> str:
    return (
        f"{where}: not valid UTF-8 (byte 0x{byte:02X} at offset {offset}); "
        "convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )


def _check_head(where: str, head: bytes) -> None:
    """Spot UTF-16 and binary files from their first bytes, before decoding."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BadInput(f"{where} is UTF-16 encoded; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)")
    # latin-1 maps each byte to one character, so the text check applies as is.
    _check_not_binary(where, head.decode("latin-1"))


def _check_not_binary(where: str, text: str) -> None:
    """Reject NUL bytes or a high share of control characters in the first few KB."""
    sample = text[:_SNIFF_CHARS]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f\v") or ch == "\x7f")
    if "\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample):
        raise BadInput(f"{where} looks like a binary file, not an article; pass a .txt, .html or .jsonl file")


def json_error(err: json.JSONDecodeError) -> str:
    """What is wrong with the JSON, and where: "Invalid control character at column 12" (json's own
    message for that one ends in "at", which read "at at column")."""
    return f"{err.msg.removesuffix(' at')} at column {err.colno}"


def is_web_address(url: str) -> bool:
    """An http(s) URL with a host: the only kind stored, linked to or fetched (never file:, javascript:, ...)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _as_article_text(where: str, text: str) -> str:
    """Normalise line endings and enforce the non-empty and size rules."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput(f"{where} is empty; it must contain the text of a news article")
    if len(text) > MAX_CHARS:
        raise BadInput(
            f"{where} has {len(text):,} characters; the limit is {MAX_CHARS:,} per article, "
            "so split it into separate articles"
        )
    return text


def _read_jsonl(path: str, default_date: datetime.date | None) -> Iterator[Article]:
    """Stream one article per non-blank line of a JSONL file."""
    with _open(path) as handle:
        _check_head(path, handle.read(_SNIFF_CHARS))
        handle.seek(0)
        found = False
        offset = 0
        for number, raw in enumerate(handle, start=1):
            skip = len(codecs.BOM_UTF8) if number == 1 and raw.startswith(codecs.BOM_UTF8) else 0
            try:
                line = raw[skip:].decode("utf-8")
            except UnicodeDecodeError as err:
                bad = skip + err.start
                raise BadInput(_not_utf8(f"{path}, line {number}", raw[bad], offset + bad)) from None
            offset += len(raw)
            if line.strip():
                found = True
                yield _article_from_record(f"{path}, line {number}", line, default_date)
    if not found:
        raise BadInput(f"{path} is empty; it must hold one JSON object per line")


def _article_from_record(where: str, line: str, default_date: datetime.date | None) -> Article:
    """Validate one JSONL record; ``where`` is "file, line N" for messages."""
    hint = 'each line must be one JSON object like {"id": "a1", "text": "..."}'
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise BadInput(f"{where}: not valid JSON ({json_error(err)}); {hint}") from None
    if not isinstance(record, dict):
        raise BadInput(f"{where}: expected a JSON object, got {json_type(record)}; {hint}")
    for key in ("id", "text"):
        if key not in record:
            raise BadInput(f'{where}: missing "{key}"; {hint}')
    article_id = record["id"]
    # Integer ids are common in exported corpora and unambiguous as strings.
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if not isinstance(article_id, str) or not article_id:
        raise BadInput(f'{where}: "id" must be a non-empty string, got {json_type(record["id"])}')
    if not isinstance(record["text"], str):
        raise BadInput(f'{where}: "text" must be a string, got {json_type(record["text"])}')
    if not record["text"].strip():
        raise BadInput(f'{where}: "text" is empty; give every line the text of an article')
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise BadInput(f'{where}: "{key}" must be a string, got {json_type(record[key])}')
    if record.get("url") and not is_web_address(record["url"]):
        raise BadInput(f'{where}: "url" {record["url"]!r} is not an http(s) address; give the page\'s web address or leave it out')
    date = default_date
    if record.get("date") is not None:
        try:
            date = parse_iso_date(record["date"])
        except BadInput as err:
            raise BadInput(f"{where}: {err}") from None
    return Article(
        id=article_id,
        text=_as_article_text(where, record["text"]),
        date=date,
        title=record.get("title"),
        url=record.get("url"),
        outlet=record.get("outlet"),
    )


def json_type(value: object) -> str:
    """Name a decoded JSON value's type the way JSON does, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value else "a string"
    return "a list" if isinstance(value, list) else "an object"
