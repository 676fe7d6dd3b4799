"""Tests for the coder that stays up: the same lines as in-process, one request per connection, clear failures."""

from __future__ import annotations

import json
import stat
import tempfile
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.coder_server import ServerError, request, serve
from newsledger.coding import RECORD_COMMANDS
from newsledger.export import json_line
from newsledger.pack import load_pack
from newsledger.settings import Settings

# Fictional sentences written for newsledger's tests.
ITEMS = [
    ("1", "Russia sent two Mi-17 helicopters to Mali on Monday, the ministry said.", date(2025, 3, 4)),
    ("2", "Police said a 19-year-old man shot his neighbour in Dayton on Friday.", date(2025, 3, 9)),
    ("3", "Nothing happened here.", None),
]


@pytest.fixture(scope="module")
def coder() -> Iterator[Path]:
    """A coder serving on a short socket path (Unix socket paths are limited to about 100 bytes)."""
    with tempfile.TemporaryDirectory(prefix="nlc", dir="/tmp") as folder:
        path = Path(folder) / "c.sock"
        ready = threading.Event()
        settings = Settings()
        thread = threading.Thread(
            target=serve,
            kwargs={"path": path, "pack": load_pack(settings.events.pack), "settings": settings, "ready": ready.set},
            daemon=True,
        )
        thread.start()
        assert ready.wait(120), "the coder did not start"
        yield path


@pytest.mark.parametrize("command", sorted(RECORD_COMMANDS))
def test_a_coder_answers_what_the_command_writes_in_process(coder: Path, command: str) -> None:
    settings = Settings()
    here = [json_line(r) for r in RECORD_COMMANDS[command](ITEMS, load_pack(settings.events.pack), settings)]
    assert list(request(coder, command, ITEMS)) == here
    assert [json.loads(line)["id"] for line in here] == ["1", "2", "3"]


def test_a_coder_socket_is_its_owners_only(coder: Path) -> None:
    assert stat.S_IMODE(coder.stat().st_mode) == 0o600


def test_a_coder_refuses_an_unknown_command_and_keeps_serving(coder: Path) -> None:
    with pytest.raises(ServerError, match="unknown command 'build'"):
        list(request(coder, "build", ITEMS))
    assert len(list(request(coder, "code", ITEMS[:1]))) == 1


def test_a_request_that_breaks_the_coder_is_dropped_with_its_reason_and_the_next_is_answered(
    coder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> Iterator[dict[str, object]]:
        raise RuntimeError("parser state lost")

    with monkeypatch.context() as patch:
        patch.setitem(RECORD_COMMANDS, "code", broken)
        with pytest.raises(ServerError, match="internal error, request dropped: RuntimeError: parser state lost"):
            list(request(coder, "code", ITEMS))
    assert len(list(request(coder, "code", ITEMS[:1]))) == 1


def test_code_with_a_server_that_is_not_there_says_how_to_start_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["code", "--server", str(tmp_path / "none.sock"), "-"], input='{"text": "x"}\n')
    assert result.exit_code == 1
    assert "newsledger coder --socket" in result.output


def test_code_with_a_server_takes_no_settings_of_its_own(coder: Path) -> None:
    result = CliRunner().invoke(
        app, ["code", "--server", str(coder), "--set", "annotate.ner=true", "-"], input='{"text": "x"}\n'
    )
    assert result.exit_code == 1
    assert "give them to 'newsledger coder'" in result.output


def test_code_through_the_server_writes_the_same_lines(coder: Path) -> None:
    records = "".join(
        json.dumps({"id": i, "text": t, "date": d.isoformat() if d else None}) + "\n" for i, t, d in ITEMS
    )
    local = CliRunner().invoke(app, ["code", "-"], input=records)
    served = CliRunner().invoke(app, ["code", "--server", str(coder), "-"], input=records)
    assert local.exit_code == served.exit_code == 0
    assert served.stdout == local.stdout
