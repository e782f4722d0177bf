"""A task for the worker tests: each run appends one line to a file (so a second run of the same
task, or a lost one, shows)."""

import os
import time

from django_tasks import task


@task()
def record_run(token: str) -> str:
    time.sleep(float(os.environ.get("PORTAL_TEST_TASK_SECONDS", "0.02")))
    with open(os.environ["PORTAL_TEST_TASK_LOG"], "a") as log:
        log.write(f"{token} {os.getpid()}\n")
        log.flush()
        os.fsync(log.fileno())
    return token
