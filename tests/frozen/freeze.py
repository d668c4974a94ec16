"""Write the frozen parses the rule tests read: each article of ``articles.jsonl`` annotated by Stanza (a full
parse) and stored beside it as ``ID.json`` in the annotation-cache layout (:func:`annotations`).

Run it after changing an article here, or to see how other models parse them:
``STANZA_RESOURCES_DIR=../shared/stanza_resources python tests/frozen/freeze.py``. The rule tests then
run without Stanza, and a rule that breaks is named by its test, not hidden behind a model change.
"""

from __future__ import annotations

import json
from pathlib import Path

from attribution.extract.runner import annotate
from attribution.nlp.annotation_cache import annotations
from attribution.text.article import read_articles

HERE = Path(__file__).resolve().parent


def main() -> None:
    for doc in annotate(read_articles([str(HERE / "articles.jsonl")]), parse="full"):
        path = HERE / f"{doc.article.id}.json"
        path.write_text(json.dumps(annotations(doc), ensure_ascii=False) + "\n", encoding="utf-8")
        print(path.name)


if __name__ == "__main__":
    main()
