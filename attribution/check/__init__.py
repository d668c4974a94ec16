"""Checking quotes against the verified records: matching, the verdict, checking documents and stored quotes."""

__all__: list[str] = []
