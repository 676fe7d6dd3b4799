"""A coder that stays up: ``newsledger coder --socket PATH`` loads the pack and spaCy's model once and answers the
requests of ``newsledger code``, ``places`` and ``attributions`` run with ``--server PATH``, which then start in a
fraction of a second instead of loading the model again (about 3 s of CPU).

One request per connection, over a Unix socket that only its owner may use (mode 0600): the client sends a JSON
header line ``{"command": "code"}``, then its records as JSON lines ``[id, text, "YYYY-MM-DD" | null]``, and closes
its side; the server answers with the command's output lines, or one ``{"error": ...}`` line. Requests are served one
at a time, in the order they arrive; a request larger than ``MAX_REQUEST`` bytes is refused. The texts are data:
parsed as JSON, coded, never evaluated.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsledger.errors import NewsledgerError
from newsledger.export import json_line

if TYPE_CHECKING:  # the client side ('code --server') imports neither spaCy nor the pack: it starts in a blink
    from newsledger.pack import Pack
    from newsledger.settings import Settings

MAX_REQUEST = 256 * 1024 * 1024
_WARM_UP = [("warm-up", "Police said a man was shot in Dayton on Friday.", date(2025, 1, 3))]

Item = tuple[str, str, date | None]


class ServerError(NewsledgerError):
    """The coder server cannot be reached, or it refused the request."""


def serve(
    path: Path,
    *,
    pack: Pack,
    settings: Settings,
    ready: Callable[[], None] | None = None,
    max_requests: int | None = None,
) -> None:
    """Load the model, listen on ``path`` and answer requests until interrupted (or ``max_requests`` answered)."""
    from newsledger.coding import RECORD_COMMANDS

    for _ in RECORD_COMMANDS["code"](list(_WARM_UP), pack, settings):  # loads the model and the pack's indexes
        pass
    listener = _listen(path)
    try:
        if ready is not None:
            ready()
        served = 0
        while max_requests is None or served < max_requests:
            conn, _ = listener.accept()
            with conn:
                _answer(conn, pack, settings)
            served += 1
    finally:
        listener.close()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _listen(path: Path) -> socket.socket:
    if path.exists():
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(str(path))
        except OSError:
            path.unlink()  # a socket left by a server that died
        else:
            raise ServerError(f"{path}: a coder already listens there")
        finally:
            probe.close()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # the socket is created 0600: only its owner may send texts to code
    try:
        listener.bind(str(path))
    finally:
        os.umask(old)
    listener.listen(8)
    return listener


def _answer(conn: socket.socket, pack: Pack, settings: Settings) -> None:
    from newsledger.coding import RECORD_COMMANDS

    with conn.makefile("rb") as reader, conn.makefile("wb") as writer:
        try:
            command, items = _read_request(reader, RECORD_COMMANDS)
            for record in RECORD_COMMANDS[command](items, pack, settings):
                writer.write(_line(record))
        except (ValueError, KeyError, TypeError, NewsledgerError) as exc:
            writer.write(_line({"error": str(exc)}))
        except Exception as exc:  # noqa: BLE001 - one request that breaks the coder must not stop it for the next
            writer.write(_line({"error": f"internal error, request dropped: {type(exc).__name__}: {exc}"}))


def _read_request(reader: BinaryIO, commands: Collection[str]) -> tuple[str, list[Item]]:
    data = reader.read(MAX_REQUEST + 1)
    if len(data) > MAX_REQUEST:
        raise ServerError(f"request larger than {MAX_REQUEST:,} bytes")
    header, *lines = data.decode("utf-8").split("\n")
    command = json.loads(header).get("command")
    if command not in commands:
        raise ServerError(f"unknown command {command!r}; expected one of {', '.join(commands)}")
    items: list[Item] = []
    for line in lines:
        if line.strip():
            item_id, text, day = json.loads(line)
            items.append((str(item_id), str(text), date.fromisoformat(day) if day else None))
    return command, items


def request(path: Path, command: str, items: Sequence[Item]) -> Iterator[str]:
    """Send the records to the coder at ``path``; its output lines, as it writes them."""
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(str(path))
    except OSError as exc:
        client.close()
        raise ServerError(
            f"{path}: no coder answers there ({exc}); start one with 'newsledger coder --socket {path}'"
        ) from None
    with client:
        body = [json.dumps({"command": command})] + [
            json.dumps([i, text, day.isoformat() if day else None]) for i, text, day in items
        ]
        client.sendall(("\n".join(body) + "\n").encode("utf-8"))
        client.shutdown(socket.SHUT_WR)
        with client.makefile("r", encoding="utf-8") as reader:
            for line in reader:
                if line.startswith('{"error"'):
                    raise ServerError(json.loads(line)["error"])
                yield line


def _line(record: dict[str, object]) -> bytes:
    return json_line(record).encode("utf-8")
