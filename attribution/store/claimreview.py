"""Publish reviewed verdicts as schema.org ClaimReview JSON-LD, the format search engines and
fact-check aggregators read.

One ClaimReview per check a reviewer ruled on (confirmed, or overturned to another verdict)
whose ruling is a finding: ``misattributed``, ``altered`` or ``verified``. ``unverified`` is not
published (it establishes nothing). The claim is the quote as printed, credited to its speaker
(``itemReviewed.author``); its appearances are every stored article that carried the same statement
(the quote's ``statements`` cluster: the same speaker's words in any outlet's wording; else the
same words exactly), the earliest being ``firstAppearance``.

The publishing organisation comes from the environment (or the CLI's options):
``ATTRIBUTION_ORG_NAME`` (required), ``ATTRIBUTION_ORG_URL`` and ``ATTRIBUTION_SITE_URL``, the
public address of the Datasette instance, under which each review's ``url`` is
``{site}/{database}/checks/{id}``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Mapping

import sqlite_utils

from ..errors import BadConfig
from ..text.article import is_web_address

__all__ = ["Publisher", "RATINGS", "claim_reviews", "publisher_from_env"]

#: ruling → (ratingValue, alternateName), on a scale from 1 (worst) to 5 (best).
RATINGS = {"misattributed": (1, "Misattributed"), "altered": (2, "Altered quote"), "verified": (5, "Accurate quote")}
_BEST, _WORST = 5, 1


@dataclass(frozen=True)
class Publisher:
    """Who publishes the reviews, and where."""

    name: str
    url: str | None
    site_url: str
    database: str = "attribution"


def publisher_from_env(environ: Mapping[str, str] = os.environ, *, name: str | None = None, url: str | None = None,
                       site_url: str | None = None) -> Publisher:
    """The publisher from arguments, else ``ATTRIBUTION_ORG_NAME``/``_ORG_URL``/``_SITE_URL``."""
    name = name or environ.get("ATTRIBUTION_ORG_NAME")
    site_url = site_url or environ.get("ATTRIBUTION_SITE_URL")
    missing = [what for what, value in (("ATTRIBUTION_ORG_NAME (--org-name)", name),
                                        ("ATTRIBUTION_SITE_URL (--site-url)", site_url)) if not value]
    if missing:
        raise BadConfig(f"ClaimReview needs the publishing organisation: set {' and '.join(missing)}, "
                        "e.g. ATTRIBUTION_ORG_NAME='Example Fact Check' ATTRIBUTION_SITE_URL=https://data.example.org")
    url = url or environ.get("ATTRIBUTION_ORG_URL") or None
    for what, value in (("ATTRIBUTION_SITE_URL (--site-url)", site_url), ("ATTRIBUTION_ORG_URL (--org-url)", url)):
        if value and not is_web_address(value):
            raise BadConfig(f"{what} must be an http:// or https:// address, not {value!r}")
    return Publisher(name=name.strip(), url=url, site_url=site_url.rstrip("/"))


_REVIEWED = """select checks.id, checks.review, checks.ruling, checks.reviewed_at, checks.review_note,
  quotes.id as quote_id, quotes.text, quotes.norm_hash, quotes.speaker_id, quotes.statement_id,
  s.name as speaker, s.type as speaker_type,
  records.text as record_text, records.said_on as record_said_on, records.source_url as record_source_url,
  rs.name as record_speaker
from checks join quotes on quotes.id = checks.quote_id
left join speakers s on s.id = quotes.speaker_id
left join records on records.id = checks.record_id
left join speakers rs on rs.id = records.speaker_id
where checks.review is not null and checks.ruling in ({rulings}) and checks.reviewed_at >= ?
order by checks.reviewed_at, checks.id"""

_APPEARANCES = """select distinct articles.url, articles.title, articles.outlet, articles.published
from quotes join articles on articles.id = quotes.article_id
where quotes.statement_id = :statement
  or (:statement is null and quotes.norm_hash = :hash and quotes.speaker_id is :speaker)
order by articles.published is null, articles.published, articles.id"""


def claim_reviews(db: sqlite_utils.Database, publisher: Publisher, since: dt.date | None = None) -> list[dict]:
    """ClaimReview objects for the reviewed findings (reviewed on or after ``since``), oldest first."""
    sql = _REVIEWED.format(rulings=", ".join("?" for _ in RATINGS))
    rows = db.query(sql, [*RATINGS, since.isoformat() if since else ""])
    return [_claim_review(db, publisher, row) for row in rows]


def _organization(name: str | None, url: str | None = None) -> dict:
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


def _claim_review(db: sqlite_utils.Database, publisher: Publisher, row: dict) -> dict:
    value, label = RATINGS[row["ruling"]]
    appearances = [
        {"@type": "CreativeWork", **({"url": a["url"]} if a["url"] else {}), **({"headline": a["title"]} if a["title"] else {}),
         **({"datePublished": a["published"]} if a["published"] else {}),
         **({"publisher": _organization(a["outlet"])} if a["outlet"] else {})}
        for a in db.query(_APPEARANCES, {"statement": row["statement_id"], "hash": row["norm_hash"],
                                         "speaker": row["speaker_id"]})]
    claim = {"@type": "Claim", "appearance": appearances, "firstAppearance": appearances[0]}
    if row["speaker"]:
        claim["author"] = {"@type": "Person" if (row["speaker_type"] or "PERSON") == "PERSON" else "Organization",
                           "name": row["speaker"]}
    if appearances[0].get("datePublished"):
        claim["datePublished"] = appearances[0]["datePublished"]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{publisher.site_url}/{publisher.database}/checks/{row['id']}",
        "claimReviewed": row["text"].strip().rstrip(",;:").rstrip(),  # "...," she said
        "itemReviewed": claim,
        "author": _organization(publisher.name, publisher.url),
        "datePublished": row["reviewed_at"][:10],
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": _BEST, "worstRating": _WORST,
                         "alternateName": label},
        "reviewBody": _body(row),
    }


def _body(row: dict) -> str:
    """One sentence for readers: what the record shows, or the reviewer's reason for overturning."""
    if row["review"] == "overturned" or not row["record_text"]:
        return row["review_note"] or f"Reviewed: {RATINGS[row['ruling']][1]}."
    source = f"({row['record_said_on']}, {row['record_source_url']})"
    if row["ruling"] == "misattributed":
        return (f"These words are on record from {row['record_speaker']} {source}, "
                f"not from {row['speaker'] or 'the person credited'}.")
    if row["ruling"] == "altered":
        return f"The record of {row['record_speaker']}'s words {source} reads: “{row['record_text']}”"
    return f"{row['record_speaker']} said this {source}."
