"""Parsing on a Dask distributed cluster: archives too big for one machine.

``--cluster tcp://HOST:8786`` sends each batch of articles to an existing
cluster (``dask scheduler`` and ``dask worker`` started on other machines, each
with this package and the Stanza models installed); ``--cluster local:N``
starts a ``LocalCluster`` of N worker processes on this machine. Each worker
loads one Stanza pipeline, once, through a worker plugin (and again if it is
restarted). Batches are parsed there exactly as in this process (the same
selective parse), and their annotations come back to this process, in input
order, where extraction and the one SQLite writer run. A worker that dies
mid-run loses nothing: the scheduler runs its batches again elsewhere, and
results are taken in input order, each once.
"""

from __future__ import annotations

import os
import re

from distributed import Client, LocalCluster, WorkerPlugin

from ..errors import AttributionError
from ..text.article import Article
from . import selective
from .batches import parsed_for_sending, received
from .models import check_models, load_pipeline, set_threads
from .selective import Extractor

__all__ = ["ClusterParser", "StanzaPlugin", "connect", "worker_models"]

_LOCAL = re.compile(r"local:(\d+)")
#: How often a batch is tried again when the worker running it dies.
RETRIES = 3


class StanzaPlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts, so its first batch does not wait for it."""

    name = "attribution-stanza"

    def __init__(self, models_dir: str | None) -> None:
        self.models_dir = models_dir

    def setup(self, worker) -> None:
        set_threads(1)  # one torch thread per worker process: workers share the machine's cores
        load_pipeline(worker_models(self.models_dir))
        set_threads(1)  # building the pipeline sets the one-process default


def worker_models(models_dir: str | None) -> str | None:
    """Where a worker finds the models: its own STANZA_RESOURCES_DIR (another machine has its own
    paths), else the directory the command was given."""
    return os.environ.get("STANZA_RESOURCES_DIR") or models_dir


def connect(address: str) -> Client:
    """A client of the cluster at ``address`` (``tcp://HOST:PORT``), or of a new local one (``local:N``)."""
    local = _LOCAL.fullmatch(address)
    try:
        if local:
            workers = int(local.group(1))
            if workers < 1:
                raise AttributionError("--cluster local:N needs at least one worker")
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0")  # any free port: never a clash
            return Client(cluster)
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise AttributionError(f"cannot reach the Dask scheduler at {address}: {exc}; start one with "
                               "`dask scheduler` (and `dask worker ADDRESS` on each machine), or use "
                               "--cluster local:N") from None


def _parse(articles: list[Article], parse: str, extractor: Extractor, models_dir: str | None
           ) -> tuple[list[bytes], selective.ParseCounts]:
    """On a worker: one batch parsed with the worker's pipeline."""
    return parsed_for_sending(load_pipeline(worker_models(models_dir)), articles, parse, extractor)


class ClusterParser:
    """The batches parser of :func:`attribution.nlp.batches.annotate_articles` for a Dask cluster."""

    def __init__(self, address: str, extractor: Extractor, models_dir: str | None, parse: str) -> None:
        check_models(models_dir)  # a clear error here; workers read the same path (or their own models)
        self.client = connect(address)
        self.client.register_plugin(StanzaPlugin(models_dir))
        self.args = (parse, extractor, models_dir)
        self.in_flight = 2 * max(1, len(self.client.scheduler_info()["workers"]))

    def submit(self, articles: list[Article]):
        if not articles:
            return lambda: []
        future = self.client.submit(_parse, articles, *self.args, retries=RETRIES, pure=False)

        return lambda: received(articles, *future.result())

    def close(self) -> None:
        cluster = self.client.cluster
        self.client.close()
        if cluster is not None:  # a LocalCluster we started
            cluster.close()
