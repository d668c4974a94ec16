"""Fetch a web page given as a URL input, for ``attribution check URL`` and ``ingest URL``.

Only http(s), with a timeout and a size cap, and only pages that say they are HTML: anything
else (an error status, a PDF, JSON, an unreachable host) is a :class:`FetchFailed` naming the
URL and what to do. The page's main text, title, date and site name are then extracted exactly
as for a saved HTML file (:func:`attribution.text.article.article_from_html`).
"""

from __future__ import annotations

import codecs
import datetime
import re
import urllib.error
import urllib.request
from email.message import Message

from ..errors import FetchFailed
from .article import MAX_INPUT_BYTES, Article, article_from_html, is_web_address

__all__ = ["FETCH_TIMEOUT", "HTML_TYPES", "MIN_WORDS", "article_from_url", "fetch_html"]

FETCH_TIMEOUT = 20.0  #: seconds to connect, and between bytes received
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: A fetched page whose main text is shorter than this is a menu, a login or an index, not an article.
MIN_WORDS = 15
_USER_AGENT = "attribution/0.1 (quote attribution checker)"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def fetch_html(url: str, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_INPUT_BYTES) -> tuple[str, str]:
    """The page at ``url`` as text, and the address it was finally served from (after redirects)."""
    if not is_web_address(url):
        raise FetchFailed(f"{url}: not a web address; give a full http:// or https:// URL")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,*/*;q=0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in HTML_TYPES:
                raise FetchFailed(f"{url} is not a web page (it is {kind}); give the address of an article page, "
                                  "or save the text and pass the file")
            data = response.read(max_bytes + 1)
            final = response.geturl()
            headers = response.headers
    except urllib.error.HTTPError as err:
        raise FetchFailed(f"{url}: the server answered HTTP {err.code} {err.reason}; check the address") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            raise FetchFailed(f"{url}: no answer within {timeout:g} s; try again later") from None
        raise FetchFailed(f"{url}: cannot reach the server ({reason}); check the address and the network") from None
    except TimeoutError:
        raise FetchFailed(f"{url}: the page did not arrive within {timeout:g} s; try again later") from None
    except OSError as err:
        raise FetchFailed(f"{url}: the connection failed ({err}); try again later") from None
    if not is_web_address(final):
        raise FetchFailed(f"{url} redirected to {final}, which is not a web address; give the article's own address")
    if len(data) > max_bytes:
        raise FetchFailed(f"{url} is larger than {max_bytes:,} bytes; that is too big to be one article")
    return data.decode(_charset(headers, data), errors="replace"), final


def _charset(headers: Message, data: bytes) -> str:
    """The page's encoding: the Content-Type header's, else a <meta charset>, else UTF-8."""
    named = headers.get_content_charset()
    if not named:
        found = _META_CHARSET.search(data[:4096])
        named = found.group(1).decode("ascii") if found else "utf-8"
    try:
        return codecs.lookup(named).name
    except LookupError:
        return "utf-8"


def article_from_url(url: str, default_date: datetime.date | None = None, timeout: float = FETCH_TIMEOUT) -> Article:
    """Fetch ``url`` and read it as a saved web page would be; the article's url is where it was served from
    unless the page names its own. A page with less than :data:`MIN_WORDS` words of main text is refused."""
    html, final = fetch_html(url, timeout=timeout)
    article = article_from_html(html, url, default_date, source=url)
    words = len(article.text.split())
    if words < MIN_WORDS:
        raise FetchFailed(f"{url}: the page's main text is only {words} word{'s' if words != 1 else ''}; it does not "
                          "look like an article (give the address of the article itself)")
    if not article.url:
        article.url = final
    return article
