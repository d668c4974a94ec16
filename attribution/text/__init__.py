"""Reading the world: article input (text, HTML, JSONL, URLs), quotation marks, normal forms and words, dates,
the lexicon.
"""

__all__: list[str] = []
