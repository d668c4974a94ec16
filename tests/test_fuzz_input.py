"""Property-based fuzzing of what reads untrusted text: the quote-mark scanner and the article readers.
Random Unicode, stray and unbalanced marks, NUL bytes and mixed newlines never crash them: a reader
either gives articles or refuses with the library's one-line error, and every offset slices the input."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings, strategies as st

from attribution.errors import AttributionError
from attribution.text.article import read_articles
from attribution.text.quote_marks import find_quotes

_MARKS = list("\"'“”‘’«»„‚‹›`") + ["''", "``", "\r\n", "\r", "\n\n", "\x00", "\u2028", "\ufeff", "<p>", "</p>"]
_TEXT = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(_MARKS)), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_quote_spans_always_slice_the_text(text):
    for span in find_quotes(text):
        assert 0 <= span.open <= span.start <= span.end <= len(text)
        assert span.close is None or span.end <= span.close < len(text)
        assert span.words >= 0 and span.paragraphs >= 1


def _read(name: str, data: bytes, tmp_path) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        return list(read_articles([str(path)]))
    except AttributionError as exc:  # refused with a message, never a traceback
        assert str(exc) and "\n" not in str(exc)
        return []


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, raw=st.binary(max_size=200))
def test_text_and_html_readers_never_crash(tmp_path_factory, text, raw):
    tmp = tmp_path_factory.mktemp("fuzz")
    for name, data in (("a.txt", text.encode("utf-8", "surrogatepass")), ("b.txt", raw),
                       ("c.html", f"<html><body><p>{text}</p></body></html>".encode("utf-8", "surrogatepass")),
                       ("d.html", raw)):
        for article in _read(name, data, tmp):
            assert isinstance(article.text, str) and article.text.strip()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_TEXT, st.dictionaries(st.sampled_from(["id", "text", "date", "url", "title"]),
                                                 st.one_of(_TEXT, st.integers(), st.none()), max_size=5)
                          .map(json.dumps)), max_size=5))
def test_jsonl_reader_never_crashes(tmp_path_factory, lines):
    tmp = tmp_path_factory.mktemp("fuzz")
    for article in _read("a.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"), tmp):
        assert isinstance(article.text, str) and article.text.strip()


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_stdin_reader_never_crashes(text):
    try:
        articles = list(read_articles(["-"], stdin=io.BytesIO(text.encode("utf-8", "surrogatepass"))))
    except AttributionError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert all(a.text.strip() for a in articles)
