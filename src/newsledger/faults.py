"""Fault points for the kill tests: NEWSLEDGER_FAULT=point:n[:action] stops the build the n-th time it passes a point.

The points cover every stage that writes or is costly: ``read`` (each document), ``annotate`` (each article
parsed), and inside the store's transactions, just before they commit: ``write`` (a batch of articles), ``copies``,
``stories``, ``merge`` (the events); ``finish`` is after the events, before the run is recorded as done. The action
is ``kill`` (SIGKILL, the default: nothing runs after it, as when power fails), ``term`` or ``int`` (the signal a
scheduler or Ctrl-C sends), or ``pause`` (sleep an hour holding the ledger, for tests of concurrent use). Unset,
the check costs one environment lookup.
"""

from __future__ import annotations

import os
import signal
import time

FAULT_ENV = "NEWSLEDGER_FAULT"
POINTS = ("read", "annotate", "write", "copies", "stories", "merge", "finish")
_ACTIONS = {"kill": signal.SIGKILL, "term": signal.SIGTERM, "int": signal.SIGINT}
_passes: dict[str, int] = {}


def fault_point(point: str) -> None:
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    name, _, rest = spec.partition(":")
    if name != point:
        return
    count, _, action = rest.partition(":")
    _passes[point] = _passes.get(point, 0) + 1
    if _passes[point] != int(count or 1):
        return
    if action == "pause":
        time.sleep(3600)
        return
    os.kill(os.getpid(), _ACTIONS[action or "kill"])
