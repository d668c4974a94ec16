"""attribution: find quoted and reported statements in news, who said them and when.

The public API; the CLI (``attribution.cli``) is a thin layer over it.
"""

from .article import Article, read_articles
from .errors import AttributionError, BadInput, ModelsMissing
from .model import Cue, Quote, Speaker
from .nlp import download_models, load_pipeline
from .pipeline import extract

__all__ = [
    "Article",
    "AttributionError",
    "BadInput",
    "Cue",
    "ModelsMissing",
    "Quote",
    "Speaker",
    "download_models",
    "extract",
    "load_pipeline",
    "read_articles",
]
