"""The annotation cache: an article's Stanza annotations stored by the hash of its text.

Re-checking or re-ingesting a text then skips Stanza, the expensive part. A
row holds the flattened :class:`~attribution.document.Document` (words,
sentences, entities, which words carry a parse) as zlib-compressed JSON, and
what made it: the parse mode, the Stanza version and a key of the model
files. A row made by another Stanza or other models is ignored and replaced;
a selective row serves a selective run only (whether it still has every parse
extraction reads is checked by the caller), a full row serves both.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from importlib.metadata import version
from pathlib import Path

import sqlite_utils

from ..document import Document, Entity, Sentence, Word
from ..errors import BadDatabase
from ..store.database import transaction, utc_now
from ..text.article import Article, content_hash

__all__ = ["AnnotationCache", "annotations", "decode", "encode", "from_annotations", "models_key"]

#: Read from the package metadata: importing Stanza (and torch) costs a second and 300 MB.
_STANZA_VERSION = version("stanza")

#: Bump when what a cached Document holds changes: :func:`encode`'s layout, or how
#: :func:`attribution.document.from_stanza` flattens Stanza's output (e.g. the abbreviations it rejoins
#: sentences after). Rows of another format are misses, as rows of other models are.
FORMAT = 1

_WORD_FIELDS = ("text", "lemma", "upos", "xpos", "feats", "head", "deprel", "start", "end", "ner", "sent")


def annotations(doc: Document) -> dict:
    """A document's annotations (not the article, not what the stages found), as plain JSON data."""
    return {
        "words": {f: [getattr(w, f) for w in doc.words] for f in _WORD_FIELDS},
        "sentences": [[s.first, s.last, s.start, s.end, s.root] for s in doc.sentences],
        "entities": [[e.start, e.end, e.type, e.text, e.first, e.last] for e in doc.entities],
        "depparsed": doc.depparsed,
    }


def from_annotations(article: Article, data: dict) -> Document:
    """The document :func:`annotations` describes, for ``article`` (whose text it was made from)."""
    columns = data["words"]
    words = [Word(i, *values) for i, values in enumerate(zip(*(columns[f] for f in _WORD_FIELDS)))]
    sentences = [Sentence(n, *row) for n, row in enumerate(data["sentences"])]
    entities = [Entity(*row) for row in data["entities"]]
    return Document(article, words, sentences, entities, depparsed=data["depparsed"])


def encode(doc: Document) -> bytes:
    """A document's annotations as compressed JSON (a cache row's ``data``)."""
    return zlib.compress(json.dumps(annotations(doc), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def decode(article: Article, blob: bytes) -> Document:
    """The document :func:`encode` stored, for ``article``."""
    return from_annotations(article, json.loads(zlib.decompress(blob)))


def models_key(directory: Path) -> str:
    """What identifies the models: resources.json and each English model file's size and mtime."""
    digest = hashlib.sha256((directory / "resources.json").read_bytes())
    for path in sorted((directory / "en").glob("*/*")):
        stat = path.stat()
        digest.update(f"{path.relative_to(directory)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


class AnnotationCache:
    """Annotations in a database's ``annotations`` table, for one parse mode and one set of models."""

    def __init__(self, db: sqlite_utils.Database, directory: Path, parse: str) -> None:
        self.db = db
        self.parse = parse
        self.key = f"{models_key(directory)}-f{FORMAT}"

    def get(self, article: Article) -> Document | None:
        """The cached annotations of this text, if made by this Stanza, these models and a fitting mode."""
        row = self.db.execute(
            "select parse_mode, stanza_version, models_key, data from annotations where content_hash = ?",
            [content_hash(article.text)]).fetchone()
        if row is None or row[1] != _STANZA_VERSION or row[2] != self.key:
            return None
        if self.parse == "full" and row[0] != "full":
            return None
        try:
            return decode(article, row[3])
        except (ValueError, KeyError, TypeError, zlib.error):  # damaged: parse again (put replaces it)
            return None

    def put(self, docs: list[Document]) -> None:
        """Store (or replace) the annotations of some documents, in one transaction.

        The cache only saves time: when the database cannot be written (read-only, or another
        writer holds it past the busy timeout) nothing is stored and the run goes on."""
        if not docs:
            return
        rows = [(content_hash(d.text), "selective" if d.depparsed else "full", _STANZA_VERSION, self.key,
                 encode(d), utc_now()) for d in docs]
        try:
            with transaction(self.db):
                self.db.conn.executemany(
                    "INSERT OR REPLACE INTO annotations (content_hash, parse_mode, stanza_version, models_key, "
                    "data, created_at) VALUES (?, ?, ?, ?, ?, ?)", rows)
        except (BadDatabase, sqlite3.OperationalError):
            pass
