"""Finding statements in an annotated Document: the stage table and its runner, direct and reported speech,
speakers, coreference, dates, confidence.
"""

__all__: list[str] = []
