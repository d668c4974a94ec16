"""URL inputs: pages fetched from a real HTTP server on 127.0.0.1 serving the fixture pages, read as
the saved page would be; an error status, a non-HTML answer, a page without article text, a closed
port, a slow server and an oversized page each give a clear message; ``ingest`` and ``check`` take URLs."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from conftest import ARTICLES_DIR, ROOT

from attribution.cli import cli
from attribution.errors import BadInput, FetchFailed
from attribution.store.database import open_db
from attribution.text.article import read_articles
from attribution.text.fetch import article_from_url, fetch_html

PAGE = ARTICLES_DIR / "okinawa_coral_bleaching.html"
HARBOUR = ROOT / "tests" / "data" / "harbour_article.html"  # has a site name and a canonical URL
NAV_ONLY = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
LOGIN = b"<html><head><title>Log in</title></head><body><form><input name='user'></form></body></html>"


class Handler(BaseHTTPRequestHandler):
    """A few fixed answers: the fixture page, a redirect to it, JSON, a page with no article, a slow page."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        routes = {
            "/okinawa.html": (200, "text/html; charset=utf-8", PAGE.read_bytes()),
            "/harbour": (200, "text/html", HARBOUR.read_bytes()),
            "/data.json": (200, "application/json", b'{"not": "an article"}'),
            "/menu.html": (200, "text/html", NAV_ONLY),
            "/login": (200, "text/html", LOGIN),
        }
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/okinawa.html")
            self.end_headers()
            return
        if self.path == "/slow.html":
            time.sleep(1.5)
        status, kind, body = routes.get(self.path, (404, "text/html", b"<html><body>Not found</body></html>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (size cap, timeout), as it should

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_reads_as_the_saved_file_does(server):
    [fetched] = list(read_articles([f"{server}/okinawa.html"]))
    [saved] = list(read_articles([str(PAGE)]))
    assert fetched.id == f"{server}/okinawa.html"
    assert (fetched.text, fetched.title, fetched.date, fetched.outlet) == (saved.text, saved.title, saved.date,
                                                                          saved.outlet)
    assert fetched.title == "Coral bleaching spreads to northern Okinawa reefs, survey finds"
    assert fetched.date.isoformat() == "2025-10-23"
    assert fetched.url == f"{server}/okinawa.html"  # the page names no canonical address: where it was served from
    [harbour] = list(read_articles([f"{server}/harbour"]))
    assert (harbour.title, harbour.date.isoformat(), harbour.outlet, harbour.url) == (
        "Harbour board votes on ferry plan", "2021-03-14", "The Lakeside Courier",
        "https://courier.example.org/news/harbour-ferry-vote")


def test_a_redirect_is_followed_and_the_final_address_kept(server):
    text, final = fetch_html(f"{server}/moved")
    assert final == f"{server}/okinawa.html" and "Okinawa" in text


@pytest.mark.parametrize("path, message", [
    ("/missing.html", "/missing.html: the server answered HTTP 404 Not Found; check the address"),
    ("/data.json", "/data.json is not a web page (it is application/json); give the address of an article page, "
                   "or save the text and pass the file"),
])
def test_errors_name_the_url_and_what_to_do(server, path, message):
    with pytest.raises(FetchFailed) as caught:
        list(read_articles([server + path]))
    assert str(caught.value) == server + message


def test_pages_that_are_not_articles(server):
    with pytest.raises(FetchFailed) as caught:
        article_from_url(f"{server}/menu.html")
    assert str(caught.value) == (f"{server}/menu.html: the page's main text is only 1 word; it does not look like "
                                 "an article (give the address of the article itself)")
    with pytest.raises(BadInput, match=r"/login: no article text found in the HTML; save the article page itself"):
        article_from_url(f"{server}/login")


def test_a_closed_port_and_a_slow_server(server):
    with pytest.raises(FetchFailed, match=r"^http://127\.0\.0\.1:9/: cannot reach the server \(.*refused.*\); "
                                          r"check the address and the network$"):
        fetch_html("http://127.0.0.1:9/")
    with pytest.raises(FetchFailed, match=r"/slow\.html: .*within 0\.5 s; try again later$"):
        fetch_html(f"{server}/slow.html", timeout=0.5)


def test_an_oversized_page(server):
    with pytest.raises(FetchFailed, match=r"/okinawa\.html is larger than 1,000 bytes; that is too big to be one article"):
        fetch_html(f"{server}/okinawa.html", max_bytes=1000)


def test_ingest_and_check_take_urls(server, tmp_path, nlp):
    db_path = str(tmp_path / "attribution.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["records", "import", str(ROOT / "fixtures" / "records.csv"), "--db", db_path])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["ingest", f"{server}/okinawa.html", "--db", db_path])
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    [article] = db.query("select source_id, title, published from articles")
    assert article == {"source_id": f"{server}/okinawa.html", "published": "2025-10-23",
                       "title": "Coral bleaching spreads to northern Okinawa reefs, survey finds"}
    assert db["quotes"].count > 0
    stored = db["quotes"].count
    db.close()
    checked = runner.invoke(cli, ["check", f"{server}/okinawa.html", "--db", db_path, "--format", "json"])
    from_file = runner.invoke(cli, ["check", str(PAGE), "--db", db_path, "--format", "json"])
    assert checked.exit_code == from_file.exit_code and checked.exit_code in (0, 1), checked.output
    [by_url], [by_file] = json.loads(checked.output), json.loads(from_file.output)
    assert by_url["quotes"] == by_file["quotes"] and len(by_url["quotes"]) == stored
    missing = runner.invoke(cli, ["ingest", f"{server}/missing.html", "--db", db_path])
    assert missing.exit_code == 1
    assert missing.output == f"Error: {server}/missing.html: the server answered HTTP 404 Not Found; check the address\n"
    failed = runner.invoke(cli, ["check", f"{server}/data.json", "--db", db_path])
    assert failed.exit_code == 2 and "is not a web page (it is application/json)" in failed.output


@pytest.mark.parametrize("url", ["file:///etc/passwd", "file://localhost/etc/hostname", "ftp://example.org/a.html",
                                 "javascript:alert(1)"])
def test_only_web_addresses_are_fetched(url):
    with pytest.raises(FetchFailed, match="not a web address; give a full http:// or https:// URL"):
        fetch_html(url)
