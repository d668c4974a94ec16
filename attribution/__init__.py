"""attribution: find quoted and reported statements in news, who said them and when,
store them, and check them against verified records.

The public API; the CLI (``attribution.cli``) is a thin layer over it.
"""

from .article import Article, read_articles
from .check import check_document
from .errors import AttributionError, BadDatabase, BadInput, BadRecord, ModelsMissing
from .ingest import IngestReport, ingest_articles
from .model import Cue, Quote, Speaker
from .nlp import download_models, load_pipeline
from .pipeline import extract
from .records import add_record, import_records, read_records
from .store import open_db
from .verdict import Checker

__all__ = [
    "Article",
    "AttributionError",
    "BadDatabase",
    "BadInput",
    "BadRecord",
    "Checker",
    "Cue",
    "IngestReport",
    "ModelsMissing",
    "Quote",
    "Speaker",
    "add_record",
    "check_document",
    "download_models",
    "extract",
    "import_records",
    "ingest_articles",
    "load_pipeline",
    "open_db",
    "read_articles",
    "read_records",
]
