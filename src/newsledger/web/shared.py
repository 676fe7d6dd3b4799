"""One read-only connection to the ledger shared by the web app's requests, released when the app is idle.

Opening a DuckDB file costs tens of milliseconds, too much for every request; holding it open for the life of the
server would keep a build from ever opening the file (DuckDB lets one process write only when no other has it
open). So requests share one connection, each through its own cursor, and the connection closes after
``idle`` seconds without a request; the next request opens it again and sees what a build wrote meanwhile.
A build started while the connection is open stops at once with "cannot open the ledger" (DuckDB does not wait
for the lock); run it again a few seconds after the last request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsledger.store.browse import EvidenceIndex
from newsledger.store.ledger import Store


class SharedLedger:
    def __init__(self, path: str | Path, *, idle: float = 2.0) -> None:
        self.path = str(path)
        self.idle = idle
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._index: EvidenceIndex | None = None
        self._index_stamp: tuple[int, int] | None = None
        self._users = 0
        self._last = time.monotonic()
        self._stop = threading.Event()
        self._reaper = threading.Thread(target=self._close_when_idle, name="newsledger-ledger-reaper", daemon=True)
        self._reaper.start()

    @contextmanager
    def open(self) -> Iterator[Store]:
        """A Store over a cursor of the shared connection, for one request."""
        with self._lock:
            if self._store is None:
                self._store = Store(self.path, read_only=True)
            self._users += 1
            cursor = self._store.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._lock:
                self._users -= 1
                self._last = time.monotonic()

    def index(self) -> EvidenceIndex:
        """The text-search index of the open ledger, built at its first use; call it inside ``open()``, which keeps
        the connection (and so the index) from closing meanwhile."""
        with self._lock:
            if self._store is None:
                raise RuntimeError("SharedLedger.index() outside open()")
            stamp = self._stamp()
            if self._index is None or self._index_stamp != stamp:
                if self._index is not None:
                    self._index.close()
                self._index = EvidenceIndex(self._store)
                self._index_stamp = stamp
            return self._index

    def _stamp(self) -> tuple[int, int]:
        # The file as it is now: a build that wrote since the index was made changes its size or time.
        stat = Path(self.path).stat()
        return stat.st_mtime_ns, stat.st_size

    def _close_when_idle(self) -> None:
        while not self._stop.wait(min(self.idle, 1.0)):
            with self._lock:
                if self._store is not None and self._users == 0 and time.monotonic() - self._last > self.idle:
                    self._release()

    def _release(self) -> None:
        # The index lives in memory of its own and outlasts the connection while the file does not change.
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            self._release()
            if self._index is not None:
                self._index.close()
                self._index = None
