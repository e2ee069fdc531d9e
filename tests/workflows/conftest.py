"""Every workflow scenario also checks the worker's log: a workflow task that
ended with an exception no one retrieved is a bug (a side path failing
silently), even when the scenario's outcome looks right."""

import gc
import logging
from collections.abc import Iterator

import pytest

UNRETRIEVED = "exception was never retrieved"

# Workflow tasks report through the workflow event loop's logger; the
# worker's own asyncio tasks (activities, pollers) through asyncio's.
LOGGERS = ("temporalio.worker._workflow_instance", "asyncio")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def no_unretrieved_task_exceptions() -> Iterator[None]:
    handler = _Collect()
    for name in LOGGERS:
        logging.getLogger(name).addHandler(handler)
    try:
        yield
        gc.collect()  # a failed task in a reference cycle reports when it is collected
    finally:
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(handler)
    unretrieved = [m for m in handler.messages if UNRETRIEVED in m]
    assert unretrieved == [], "\n\n".join(unretrieved)
