"""``--engine dask``: the same story tasks as the local engine, run on a Dask cluster.

    factcheck compare archive/ --per-folder --engine dask --scheduler tcp://10.0.0.5:8786 --store /shared/store

Each story is one task (``archive.do_story``) submitted to the cluster; the
rule set and options are scattered once to every worker; results come back
in story order, a bounded number of stories ahead, so the report is byte for
byte that of the local engine.  Without ``--scheduler`` a ``LocalCluster`` of
``--jobs`` worker processes (0: one a core) is started and stopped with the run.

What the workers need: factcheck installed (the same version as the client:
the store's keys include its code digest), the archive and the store at the
same paths as on the client (a shared file system; relative paths are read
from the client's working folder), one thread a worker (``--nthreads 1``).
dask is imported only here, and only when this engine is asked for.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .archive import Settings, StoryResult, StoryTask, do_story, in_task_order

CONNECT_TIMEOUT_S = 10  # an unreachable scheduler is reported after this long


class EngineError(Exception):
    """The cluster cannot be used; the message is one line, ready to print."""


def run_on_worker(task: StoryTask, settings: Settings, cwd: str) -> StoryResult:
    """``do_story`` from the client's working folder, so paths given relative read the same files."""
    with contextlib.chdir(cwd):
        return do_story(task, settings)


def dask_results(tasks: Iterable[StoryTask | StoryResult], settings: Settings, *, scheduler: str | None = None,
                 workers: int = 0) -> Iterator[StoryResult]:
    """Story results in task order, computed on the cluster at ``scheduler`` (or a local one)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs dask and distributed: pip install 'factcheck[dask]'") from None

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        else:
            from .pipeline import _cores

            cluster = LocalCluster(n_workers=workers or _cores(), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
    try:
        shared = client.scatter(replace(settings), broadcast=True)
        cwd = os.getcwd()
        ahead = max(8, 4 * len(client.scheduler_info().get("workers", {}) or [1]))
        yield from in_task_order(tasks, lambda task: client.submit(run_on_worker, task, shared, cwd, pure=False), ahead)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
