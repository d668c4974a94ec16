"""Stanza and only Stanza: the models, batches of articles, selective parsing, the annotation cache."""

__all__: list[str] = []
