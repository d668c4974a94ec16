"""What Datasette publishes: the plugin hooks, the check and review pages, `attribution serve`, the response
cache, templates and metadata.
"""

__all__: list[str] = []
