"""Tests for attribution.text.article: every input format and every bad-input message."""

import datetime
import io
import json
from pathlib import Path

import pytest

from attribution.errors import BadInput
from attribution.text import article as article_module
from attribution.text.article import MAX_CHARS, Article, article_from_html, read_articles

DATA = Path(__file__).parent / "data"
MARCH_1 = datetime.date(2022, 3, 1)

PARAGRAPHS = [
    "The harbour board voted on Tuesday to extend the evening ferry service to the "
    "northern islands, ending a dispute that had lasted most of the winter.",
    '"We listened to the people who actually ride these boats every day," said Mira '
    "Okonkwo, the board's chair, after the meeting adjourned late in the evening.",
    "Opponents had argued that the extra crossings would strain the budget, but the "
    "final vote was seven to two in favour of the new timetable.",
]

PAGE_WITHOUT_DATE = """<!DOCTYPE html>
<html><head><title>Library hours</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">MENU_NEWS</a></nav>
<article>
<p>The town library will open on Sundays from next month, the council announced, after a petition gathered more than two thousand signatures.</p>
<p>"People asked for it and we found the money," said councillor Tomas Berg, who chairs the culture committee.</p>
</article>
<footer><p>Copyright 2019 Example Town Gazette.</p></footer>
</body></html>
"""


def _write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return str(path)


def _only(inputs: list[str], **kwargs) -> Article:
    (result,) = list(read_articles(inputs, **kwargs))
    return result


def _error(inputs: list[str], **kwargs) -> str:
    with pytest.raises(BadInput) as caught:
        list(read_articles(inputs, **kwargs))
    message = str(caught.value)
    assert "\n" not in message
    return message


def _jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


# --- plain text -----------------------------------------------------------


def test_txt_file_keeps_text_and_takes_default_date(tmp_path):
    path = _write(tmp_path, "ferry-vote.txt", "First paragraph.\n\n\"Quote,\" she said.\n")
    assert _only([path], default_date=MARCH_1) == Article(
        id="ferry-vote", text='First paragraph.\n\n"Quote," she said.\n', date=MARCH_1
    )


def test_txt_file_without_default_date_has_no_date(tmp_path):
    path = _write(tmp_path, "a.txt", "Some text.")
    assert _only([path]).date is None


def test_txt_single_newlines_are_not_rewritten(tmp_path):
    # Offsets must match the user's file, so a headline line stays as written.
    path = _write(tmp_path, "headline.txt", "Ferry plan approved\nThe board voted.\nIt was late.\n")
    assert _only([path]).text == "Ferry plan approved\nThe board voted.\nIt was late.\n"


def test_txt_line_endings_are_normalised_and_bom_removed(tmp_path):
    path = _write(tmp_path, "win.txt", b"\xef\xbb\xbfOne.\r\nTwo.\r\n\r\nThree.\rFour.")
    assert _only([path]).text == "One.\nTwo.\n\nThree.\nFour."


def test_unknown_extension_is_read_as_text(tmp_path):
    path = _write(tmp_path, "notes.md", "<p>not parsed</p> as html")
    assert _only([path]).text == "<p>not parsed</p> as html"
    assert _only([path]).id == "notes"


def test_several_inputs_in_order(tmp_path):
    first = _write(tmp_path, "one.txt", "One.")
    second = _write(tmp_path, "two.txt", "Two.")
    assert [a.id for a in read_articles([first, second])] == ["one", "two"]


def test_five_megabyte_article_is_read_whole(tmp_path):
    text = "The mayor said the plan would work. " * 140_000
    path = _write(tmp_path, "big.txt", text)
    assert len(text) == 5_040_000
    assert _only([path]).text == text


# --- HTML -----------------------------------------------------------------


def test_html_file_main_text_title_date_url_outlet():
    result = _only([str(DATA / "harbour_article.html")], default_date=MARCH_1)
    assert result.id == "harbour_article"
    # The <h1> headline is the title, not repeated as the text's first line;
    # paragraphs are separated by a blank line so Stanza never joins them.
    assert result.text == "\n\n".join(PARAGRAPHS)
    assert result.title == "Harbour board votes on ferry plan"
    assert result.date == datetime.date(2021, 3, 14)
    assert result.url == "https://courier.example.org/news/harbour-ferry-vote"
    assert result.outlet == "The Lakeside Courier"


@pytest.mark.parametrize(
    "boilerplate",
    ["SCRIPT_SHOULD_NOT_APPEAR", "SCRIPT_TWO", "MENU_SPORT", "MENU_WEATHER", "COOKIE_BANNER",
     "FOOTER_COPYRIGHT", "font-family", "Accept all"],
)
def test_html_boilerplate_is_dropped(boilerplate):
    assert boilerplate not in _only([str(DATA / "harbour_article.html")]).text


def test_html_without_own_date_takes_default_not_copyright_year(tmp_path):
    path = _write(tmp_path, "library.htm", PAGE_WITHOUT_DATE)
    result = _only([path], default_date=MARCH_1)
    assert result.date == MARCH_1
    assert result.text == (
        "The town library will open on Sundays from next month, the council announced, "
        "after a petition gathered more than two thousand signatures.\n\n"
        '"People asked for it and we found the money," said councillor Tomas Berg, who '
        "chairs the culture committee."
    )
    assert "MENU_NEWS" not in result.text


def test_html_timestamp_date_keeps_the_date_part():
    page = PAGE_WITHOUT_DATE.replace(
        "<title>", '<meta name="date" content="2020-05-06T23:30:00-05:00"><title>'
    )
    assert article_from_html(page, "x").date == datetime.date(2020, 5, 6)


def test_article_from_html_accepts_a_fragment():
    result = article_from_html('<p>"We won," said the captain.</p>', "frag", MARCH_1)
    assert result == Article(id="frag", text='"We won," said the captain.', date=MARCH_1)


def test_html_headline_other_than_title_is_kept_as_its_own_paragraph():
    page = (
        '<html><head><meta property="og:title" content="Ferry plan approved">'
        "<title>Ferry plan approved</title></head><body><article>"
        "<h1>Board backs evening   ferries</h1>"
        "<p>  The board voted on Tuesday.<br>Seven members were in favour.  </p>"
        "<ul><li>Two against.</li></ul>"
        '<p>"It is done," said the chair.</p>'
        "</article></body></html>"
    )
    result = article_from_html(page, "ferry")
    assert result.title == "Ferry plan approved"
    assert result.text == (
        "Board backs evening ferries\n\nThe board voted on Tuesday.\n\n"
        'Seven members were in favour.\n\n- Two against.\n\n"It is done," said the chair.'
    )


def test_html_headline_equal_to_title_up_to_case_and_spaces_is_dropped():
    page = (
        '<html><head><meta property="og:title" content="Ferry Plan  Approved"></head><body><article>'
        "<h1>ferry plan approved</h1><p>The board voted on Tuesday.</p>"
        "</article></body></html>"
    )
    result = article_from_html(page, "ferry")
    assert (result.title, result.text) == ("Ferry Plan Approved", "The board voted on Tuesday.")


def test_html_headline_alone_is_kept_as_the_text():
    page = "<html><head><title>Only</title></head><body><article><h1>Only</h1></article></body></html>"
    assert article_from_html(page, "only").text == "Only"


def test_html_with_no_main_text_is_refused(tmp_path):
    page = "<html><head><title>t</title><script>var x = 1;</script></head><body></body></html>"
    path = _write(tmp_path, "blank.html", page)
    assert _error([path]) == (
        f"{path}: no article text found in the HTML; "
        "save the article page itself, or pass its text as a .txt file"
    )


def test_empty_html_file_is_refused(tmp_path):
    path = _write(tmp_path, "empty.html", "  \n")
    assert _error([path]) == f"{path} is empty; give it the HTML of a news article"


# --- JSONL ----------------------------------------------------------------


def test_jsonl_fields_default_date_and_blank_lines(tmp_path):
    content = _jsonl(
        {"id": "a1", "text": "First.\r\nSecond.", "date": "2020-01-31", "title": "T",
         "url": "https://example.org/a1", "outlet": "Gazette"},
        {"id": 7, "text": "No date here.", "date": None},
    ) + "\n   \n" + _jsonl({"id": "a1", "text": "Duplicate id is fine."})
    path = _write(tmp_path, "batch.jsonl", content)
    assert list(read_articles([path], default_date=MARCH_1)) == [
        Article(id="a1", text="First.\nSecond.", date=datetime.date(2020, 1, 31), title="T",
                url="https://example.org/a1", outlet="Gazette"),
        Article(id="7", text="No date here.", date=MARCH_1),
        Article(id="a1", text="Duplicate id is fine.", date=MARCH_1),
    ]


def test_jsonl_with_bom_and_uppercase_extension(tmp_path):
    path = _write(tmp_path, "BATCH.JSONL", b"\xef\xbb\xbf" + _jsonl({"id": "x", "text": "Hi."}).encode())
    assert _only([path]) == Article(id="x", text="Hi.", date=None)


def test_jsonl_is_read_lazily(tmp_path):
    path = _write(tmp_path, "lazy.jsonl", _jsonl({"id": "ok", "text": "Fine."}) + "{broken\n")
    articles = read_articles([path])
    assert next(articles).id == "ok"
    with pytest.raises(BadInput, match=", line 2: not valid JSON"):
        next(articles)


HINT = 'each line must be one JSON object like {"id": "a1", "text": "..."}'


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "text": "x",}', f"not valid JSON (Expecting property name enclosed in double quotes at column 25); {HINT}"),
        ('["a", "x"]', f"expected a JSON object, got a list; {HINT}"),
        ('{"text": "x"}', f'missing "id"; {HINT}'),
        ('{"id": "a"}', f'missing "text"; {HINT}'),
        ('{"id": "a", "text": 12}', '"text" must be a string, got a number'),
        ('{"id": "a", "text": null}', '"text" must be a string, got null'),
        ('{"id": "a", "text": " \\n "}', '"text" is empty; give every line the text of an article'),
        ('{"id": ["a"], "text": "x"}', '"id" must be a non-empty string, got a list'),
        ('{"id": "", "text": "x"}', '"id" must be a non-empty string, got an empty string'),
        ('{"id": true, "text": "x"}', '"id" must be a non-empty string, got a boolean'),
        ('{"id": "a", "text": "x", "title": 3}', '"title" must be a string, got a number'),
        ('{"id": "a", "text": "x", "outlet": {}}', '"outlet" must be a string, got an object'),
        ('{"id": "a", "text": "x", "url": "javascript:alert(1)"}', '"url" '"'javascript:alert(1)'"' is not an http(s) address; give the page\'s web address or leave it out'),
        ('{"id": "a", "text": "x", "date": "2021-13-01"}', "bad date '2021-13-01': month must be in 1..12"),
        ('{"id": "a", "text": "x", "date": "14 March 2021"}', "bad date '14 March 2021': expected YYYY-MM-DD"),
        ('{"id": "a", "text": "x", "date": 20210314}', "bad date 20210314: expected YYYY-MM-DD"),
    ],
)
def test_jsonl_bad_line_names_file_and_line(tmp_path, line, message):
    path = _write(tmp_path, "bad.jsonl", _jsonl({"id": "fine", "text": "Fine."}) + "\n" + line + "\n")
    assert _error([path]) == f"{path}, line 3: {message}"


def test_jsonl_non_utf8_names_line_and_file_offset(tmp_path):
    path = _write(tmp_path, "latin.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n')
    assert _error([path]) == (
        f"{path}, line 2: not valid UTF-8 (byte 0xE9 at offset 50); "
        "convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )


def test_jsonl_with_only_blank_lines_is_empty(tmp_path):
    path = _write(tmp_path, "blank.jsonl", "\n  \n\n")
    assert _error([path]) == f"{path} is empty; it must hold one JSON object per line"


# --- stdin ----------------------------------------------------------------


def test_stdin_text_from_text_wrapper():
    stream = io.TextIOWrapper(io.BytesIO(b"Line one.\r\nLine two.\n"), encoding="utf-8")
    assert _only(["-"], stdin=stream, default_date=MARCH_1) == Article(
        id="stdin", text="Line one.\nLine two.\n", date=MARCH_1
    )


def test_stdin_text_from_string_stream():
    assert _only(["-"], stdin=io.StringIO("< is less than >, said the teacher.")).text == (
        "< is less than >, said the teacher."
    )


def test_stdin_html_is_sniffed():
    page = (DATA / "harbour_article.html").read_bytes()
    result = _only(["-"], stdin=io.BytesIO(b"\n  " + page))
    assert result.id == "stdin"
    assert result.title == "Harbour board votes on ferry plan"
    assert result.text.endswith(PARAGRAPHS[-1])


def test_stdin_html_fragment_is_sniffed():
    stream = io.StringIO('<p>"Keep the ferry," said a rider.</p>\n<p>The vote is on Friday.</p>')
    assert _only(["-"], stdin=stream).text == '"Keep the ferry," said a rider.\n\nThe vote is on Friday.'


def test_stdin_mixed_with_files(tmp_path):
    path = _write(tmp_path, "f.txt", "File.")
    assert [a.id for a in read_articles([path, "-"], stdin=io.StringIO("Piped."))] == ["f", "stdin"]


def test_stdin_empty():
    assert _error(["-"], stdin=io.BytesIO(b" \n\t")) == (
        "stdin is empty; it must contain the text of a news article"
    )


def test_stdin_binary():
    message = _error(["-"], stdin=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert message == "stdin looks like a binary file, not an article; pass a .txt, .html or .jsonl file"


def test_stdin_non_utf8_reports_offset():
    stream = io.TextIOWrapper(io.BytesIO("Déjà vu.".encode("cp1252")), encoding="utf-8")
    assert _error(["-"], stdin=stream) == (
        "stdin: not valid UTF-8 (byte 0xE9 at offset 1); "
        "convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )


# --- bad files --------------------------------------------------------------


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.txt")
    assert _error([path]) == f"{path}: no such file; check the path"


def test_missing_jsonl_file(tmp_path):
    path = str(tmp_path / "nope.jsonl")
    assert _error([path]) == f"{path}: no such file; check the path"


def test_directory(tmp_path):
    assert _error([str(tmp_path)]) == (
        f"{tmp_path} is a directory; pass the article files inside it instead"
    )


@pytest.mark.parametrize("content", ["", "   \n\n\t "])
def test_empty_or_whitespace_file(tmp_path, content):
    path = _write(tmp_path, "empty.txt", content)
    assert _error([path]) == f"{path} is empty; it must contain the text of a news article"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"),
        ("archive.jsonl", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
        ("controls.html", b"\x01\x02\x03\x04\x05 some letters and \x06\x07\x08"),
    ],
)
def test_binary_file(tmp_path, name, content):
    path = _write(tmp_path, name, content)
    assert _error([path]) == (
        f"{path} looks like a binary file, not an article; pass a .txt, .html or .jsonl file"
    )


def test_non_utf8_file_reports_byte_offset(tmp_path):
    path = _write(tmp_path, "latin1.txt", "The café owner said so.".encode("latin-1"))
    assert _error([path]) == (
        f"{path}: not valid UTF-8 (byte 0xE9 at offset 7); "
        "convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )


def test_non_utf8_offset_counts_the_bom(tmp_path):
    path = _write(tmp_path, "bom.txt", b"\xef\xbb\xbfab\xff")
    assert "(byte 0xFF at offset 5)" in _error([path])


def test_utf16_file(tmp_path):
    path = _write(tmp_path, "notepad.txt", "Hello.".encode("utf-16"))
    assert _error([path]) == (
        f"{path} is UTF-16 encoded; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"
    )


def test_article_over_the_character_limit(tmp_path):
    path = _write(tmp_path, "huge.txt", "x" * (MAX_CHARS + 1))
    assert _error([path]) == (
        f"{path} has 10,000,001 characters; the limit is 10,000,000 per article, "
        "so split it into separate articles"
    )


def test_file_over_the_byte_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(article_module, "MAX_INPUT_BYTES", 100)
    path = _write(tmp_path, "long.txt", "y" * 101)
    assert _error([path]) == (
        f"{path} is larger than 100 bytes; "
        "articles are limited to 10,000,000 characters, so split it into separate articles"
    )


def test_jsonl_text_over_the_character_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(article_module, "MAX_CHARS", 10)
    path = _write(tmp_path, "long.jsonl", _jsonl({"id": "a", "text": "z" * 11}))
    assert _error([path]) == (
        f"{path}, line 1 has 11 characters; the limit is 10 per article, "
        "so split it into separate articles"
    )
