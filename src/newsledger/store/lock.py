"""The write lock beside a ledger (ledger.duckdb.lock): one build writes at a time, and others can say which."""

from __future__ import annotations

import fcntl
import json
import os
import sys
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class WriteLock:
    """An advisory lock held by the process that writes the ledger, with its pid, start time and command.

    The lock is an flock on the file, so it ends with its process however that ends (SIGKILL included); the
    file's contents only describe the holder to whoever is refused.
    """

    def __init__(self, ledger: str | Path) -> None:
        self.path = f"{ledger}.lock"
        self._fd: int | None = None

    def acquire(self) -> dict[str, Any] | None:
        """Take the lock and return None, or leave it and return what the lock file says of its holder."""
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                return holder
            # The holder before us may have removed the file between our open and our lock: lock the file that
            # is there now, not the removed one.
            try:
                current = os.stat(self.path)
            except FileNotFoundError:
                os.close(fd)
                continue
            if current.st_ino != os.fstat(fd).st_ino:
                os.close(fd)
                continue
            break
        info = {
            "pid": os.getpid(),
            "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "command": " ".join([os.path.basename(sys.argv[0]), *sys.argv[1:]])[:300],
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        self._fd = fd
        return None

    def release(self) -> None:
        if self._fd is None:
            return
        # Removed while still locked, so that no one takes a lock on a file about to disappear.
        with suppress(OSError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


def read_holder(ledger: str | Path) -> dict[str, Any] | None:
    """Who holds the write lock of this ledger, or None when no live process does."""
    try:
        fd = os.open(f"{ledger}.lock", os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(fd)
        return None  # a lock file left by a process that is gone
    finally:
        os.close(fd)


def _read_holder(fd: int) -> dict[str, Any]:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8", "replace") or "{}")
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def describe(holder: dict[str, Any] | None) -> str:
    """'build pid 4242 (started 2026-12-07 12:40:00 UTC: newsledger build corpus/)' or a plainer phrase."""
    if not holder or "pid" not in holder:
        return "another process"
    command = f": {holder['command']}" if holder.get("command") else ""
    return f"pid {holder['pid']} (started {holder.get('started', '?')}{command})"
