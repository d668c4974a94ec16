"""The Stanza pipeline: where the English models live, and building it once.

Stanza is expensive to load (seconds) and cheap to reuse, so one pipeline is
built per process and per models directory. Models are never downloaded
implicitly: ``download_method=None`` always, and ``attribution models
download`` is the one explicit way to fetch them.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..errors import ModelsMissing
from . import mst

__all__ = ["PROCESSORS", "check_models", "download_models", "load_pipeline", "models_dir", "set_threads",
           "threads_for"]

#: What extraction reads: tokens, lemmas, tags, the dependency parse and entities.
PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
_NEEDED = PROCESSORS.split(",")


def _resolve_environment() -> None:
    """Make a relative $STANZA_RESOURCES_DIR absolute, once, against the directory this process started
    in: worker processes, servers and scripts run from another directory then find the same models."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env and not os.path.isabs(os.path.expanduser(env)):
        os.environ["STANZA_RESOURCES_DIR"] = os.path.abspath(os.path.expanduser(env))


_resolve_environment()


def models_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The Stanza resources directory: ``explicit``, else $STANZA_RESOURCES_DIR, else Stanza's default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return Path(DEFAULT_MODEL_DIR)


def check_models(directory: str | os.PathLike | None = None) -> Path:
    """The models directory, if it has every model extraction needs (without loading them)."""
    path = models_dir(directory)
    _check_models(path)
    return path


def _check_models(directory: Path) -> None:
    """Fail with one clear line, before Stanza prints a long traceback of its own."""
    hint = "run `attribution models download`, or set STANZA_RESOURCES_DIR (or --models-dir) to a directory that has them"
    if not (directory / "resources.json").is_file():
        raise ModelsMissing(f"Stanza English models not found in {directory}: {hint}")
    missing = [p for p in _NEEDED if not (directory / "en" / p).is_dir()]
    if missing:
        raise ModelsMissing(
            f"Stanza English models in {directory} lack {', '.join(missing)}: {hint}"
        )


def threads_for(jobs: int) -> int:
    """Torch threads for each of ``jobs`` processes: one, unless $OMP_NUM_THREADS asks for more (and
    never more than the cores split between the processes).

    Why one (``benchmarks/threads_under_load.py``, 2 cores): on a quiet machine one thread extracts
    within a few per cent of two, but beside two busy processes two threads fell to a quarter of their
    pace (OpenMP threads wait for each other while the cores run something else) and one thread kept
    over half. Newsroom servers are shared, and serve, ingest and check run side by side. Parallelism
    comes from ``--jobs`` processes instead."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    share = max(1, cores // jobs)
    limit = os.environ.get("OMP_NUM_THREADS", "")
    return min(share, int(limit)) if limit.isdigit() and int(limit) > 0 else 1


def set_threads(threads: int) -> None:
    """How many threads torch uses in this process (Stanza runs on torch)."""
    import torch

    torch.set_num_threads(threads)


@functools.lru_cache(maxsize=2)
def _build(directory: Path, use_gpu: bool):
    import stanza

    set_threads(threads_for(1))
    mst.install()
    return stanza.Pipeline(
        "en",
        dir=str(directory),
        processors=PROCESSORS,
        download_method=None,
        logging_level="WARN",
        use_gpu=use_gpu,
    )


def load_pipeline(directory: str | os.PathLike | None = None, use_gpu: bool = False):
    """The shared ``stanza.Pipeline`` for ``directory`` (built on first use, then reused)."""
    path = models_dir(directory)
    _check_models(path)
    try:
        return _build(path, use_gpu)
    except (FileNotFoundError, KeyError, ValueError) as exc:  # a partial or foreign resources dir
        raise ModelsMissing(f"Stanza English models in {path} could not be loaded ({exc}): "
                            "run `attribution models download` to fetch a complete set") from exc


def download_models(directory: str | os.PathLike | None = None) -> Path:
    """Fetch the official English models (needs internet); the only place we download."""
    import stanza

    path = models_dir(directory)
    try:
        stanza.download("en", model_dir=str(path), processors=PROCESSORS, logging_level="WARN")
    except Exception as exc:  # network errors come in many types from requests/urllib3
        raise ModelsMissing(f"could not download Stanza English models to {path}: {exc}") from exc
    return path
