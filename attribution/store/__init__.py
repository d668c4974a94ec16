"""The SQLite database: migrations, records, speaker identity, statements, syndication, review history, ClaimReview."""

__all__: list[str] = []
