"""--engine dask on a real cluster: a `dask scheduler` and two `dask worker` processes on 127.0.0.1.

The archive (three stories built from the seeds) goes through the cluster and
the reports must be byte for byte those of the local engine; the facts store
the workers write is the one a local rerun then reuses whole.  Every process
listens on 127.0.0.1 only, on free ports, is bounded in time and is torn down
whatever happens.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed] (in the test extra)")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_corpus  # noqa: E402

START_TIMEOUT_S = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The scheduler's address, with two single-threaded workers connected to it."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    logs = tmp_path_factory.mktemp("dask-logs")
    dask = [sys.executable, "-m", "dask"]
    commands = [dask + ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]]
    commands += [dask + ["worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                         "--no-dashboard", "--name", f"worker-{i}", "--death-timeout", "60"] for i in (1, 2)]
    processes = []
    try:
        for i, command in enumerate(commands):
            log = open(logs / f"{i}.log", "wb")
            processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT))
            if i == 0:
                time.sleep(1.0)
        with Client(address, timeout=START_TIMEOUT_S) as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT_S)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return make_corpus.build(30, out=tmp_path_factory.mktemp("archive"))


def factcheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_the_cluster_gives_the_local_findings(cluster, archive, tmp_path):
    for fmt in ("json", "markdown"):
        local = factcheck("compare", str(archive), "--per-folder", "-f", fmt, "-o", str(tmp_path / f"local.{fmt}"),
                          "--fail-on", "never")
        assert local.returncode == 0, local.stderr
        remote = factcheck("compare", str(archive), "--per-folder", "-f", fmt, "-o", str(tmp_path / f"dask.{fmt}"),
                           "--fail-on", "never", "--engine", "dask", "--scheduler", cluster)
        assert remote.returncode == 0, remote.stderr
        assert (tmp_path / f"dask.{fmt}").read_bytes() == (tmp_path / f"local.{fmt}").read_bytes()


def test_the_workers_fill_the_store_a_local_run_reuses(cluster, archive, tmp_path):
    store = tmp_path / "store"
    remote = factcheck("compare", str(archive), "--per-folder", "--store", str(store), "-f", "jsonl",
                       "-o", str(tmp_path / "dask.jsonl"), "--fail-on", "never", "--engine", "dask",
                       "--scheduler", cluster)
    assert remote.returncode == 0, remote.stderr
    assert "0 of 26 articles reused, 26 extracted" in remote.stderr
    assert len(list((store / "facts").rglob("*.parquet"))) == 3
    local = factcheck("compare", str(archive), "--per-folder", "--store", str(store), "-f", "jsonl",
                      "-o", str(tmp_path / "local.jsonl"), "--fail-on", "never")
    assert "26 of 26 articles reused, 0 extracted; 3 of 3 stories reused whole" in local.stderr
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()


def test_an_unreachable_scheduler_is_one_line(archive):
    done = factcheck("compare", str(archive / "story00000"), "--engine", "dask", "--scheduler",
                     f"tcp://127.0.0.1:{_free_port()}", "-f", "json")
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler" in done.stderr
    assert "Traceback" not in done.stderr


def test_importing_factcheck_does_not_import_dask():
    code = "import sys, factcheck.cli, factcheck.archive, factcheck.dask_engine; print('dask' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
