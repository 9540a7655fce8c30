"""Runs ``resumax worker`` for the end-to-end tests, as ``python -m resumax_worker`` does.

Two test-only additions, both announced by the environment of the test that starts it:
- until ``bootstrap`` itself picks ``RqTaskQueue`` for ``redis://`` queue URLs (a requested change to
  ``resumax_adapters/bootstrap.py``), this teaches it to; once bootstrap does, this changes nothing;
- ``RESUMAX_TEST_EXTRA_JOB_FUNCTIONS`` (comma-separated) lets the worker run extra job functions, e.g. a
  slow ``time.sleep`` job to observe a warm shutdown.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import Any


def _teach_bootstrap_rq() -> None:
    from resumax_adapters.queue.rq import RqTaskQueue
    from resumax_core.errors import InvalidInput

    module = importlib.import_module("resumax_adapters.bootstrap")
    original = module._task_queue

    def task_queue(settings: Any, dispatcher: Any, closers: list[Any]) -> Any:
        try:
            return original(settings, dispatcher, closers)
        except InvalidInput:
            if not settings.queue_url.startswith(("redis://", "rediss://")):
                raise
        queue = RqTaskQueue.from_url(settings.queue_url, job_timeout=settings.job_timeout_seconds)
        closers.append(queue.aclose)
        return queue

    module._task_queue = task_queue


if __name__ == "__main__":
    _teach_bootstrap_rq()
    extra = {name for name in os.environ.get("RESUMAX_TEST_EXTRA_JOB_FUNCTIONS", "").split(",") if name}
    if extra:
        from resumax_worker.main import JOB_FUNCTIONS, run_worker

        logging.basicConfig(level="INFO")
        run_worker(burst="--burst" in sys.argv, job_functions=JOB_FUNCTIONS | extra)
    else:
        from resumax_worker.cli import main

        main()
