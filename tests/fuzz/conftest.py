"""A fuzz campaign's counts: with FACTCHECK_FUZZ_STATS=file.json, written when the session ends."""

import json
import os
import time

_STARTED = time.time()


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("FACTCHECK_FUZZ_STATS")
    if not target:
        return
    from fuzz.test_fuzz_inputs import STATS

    record = dict(STATS, wall_s=round(time.time() - _STARTED, 1), cpu_s=round(time.process_time(), 1),
                  exit_status=int(exitstatus))
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=2)
        handle.write("\n")
