"""Faults a long build meets: a read-only ledger, a full disk, kills at any point, SIGINT/SIGTERM, a second
build or a query while a build writes. Each test checks what a user would: the message, and the ledger's
content (a digest of every table) against what it held before or against an uninterrupted build."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.errors import LedgerBusyError
from newsledger.pipeline import build_ledger
from newsledger.settings import load_settings
from newsledger.store.ledger import Store
from tests.corpus import generate_articles

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def _said(stderr: str) -> str:
    """What the command printed, with the console's line wrapping undone."""
    return " ".join(stderr.split())


def _digests(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return store.content_digests()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """24 generated fictional articles (folder, manifest)."""
    base = tmp_path_factory.mktemp("corpus")
    manifest = generate_articles(base / "articles", 24)
    return base / "articles", manifest


@pytest.fixture(scope="module")
def clean_ledger(corpus: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus built once without interruption: what every recovered ledger must equal."""
    folder, manifest = corpus
    db = tmp_path_factory.mktemp("clean") / "ledger.duckdb"
    build_ledger([str(folder)], db=db, manifest=str(manifest), settings=load_settings(None, ["store.batch_articles=6"]))
    return db


@pytest.fixture(scope="module")
def two_builds(corpus: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus built in two builds (first half, then the rest) without a fault. Stories keep the assignments
    of an earlier build, so this, not a single build, is what a build over a half ledger must come to."""
    db, rest = _half_ledger(corpus, tmp_path_factory.mktemp("two"))
    build_ledger(rest, db=db, manifest=str(corpus[1]))
    return db


def _half_ledger(corpus: tuple[Path, Path], folder: Path) -> tuple[Path, list[str]]:
    """A ledger built from the first half of the corpus, and the paths of the other half."""
    articles, manifest = corpus
    files = sorted(str(p) for p in articles.glob("*.txt"))
    db = folder / "ledger.duckdb"
    build_ledger(files[:12], db=db, manifest=str(manifest))
    return db, files[12:]


@pytest.fixture
def writable_again(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    for path in (tmp_path, *tmp_path.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_faults_read_only_ledger_file_is_refused_and_left_as_it_was(
    corpus: tuple[Path, Path], writable_again: Path
) -> None:
    db, rest = _half_ledger(corpus, writable_again)
    before = _digests(db)
    db.chmod(0o444)
    result = runner.invoke(app, ["build", *rest, "--manifest", str(corpus[1]), "--db", str(db), "-q"])
    assert result.exit_code == 1
    assert f"{db}: the ledger file is read-only; make it writable (chmod u+w {db})" in _said(result.stderr)
    assert "Traceback" not in _said(result.stderr)
    assert _digests(db) == before
    # Queries still read it.
    assert runner.invoke(app, ["events", "--db", str(db)]).exit_code == 0


def test_faults_read_only_ledger_folder_is_refused_and_left_as_it_was(
    corpus: tuple[Path, Path], writable_again: Path
) -> None:
    db, rest = _half_ledger(corpus, writable_again)
    before = _digests(db)
    writable_again.chmod(0o555)
    result = runner.invoke(app, ["build", *rest, "--manifest", str(corpus[1]), "--db", str(db), "-q"])
    assert result.exit_code == 1
    assert f"the ledger's folder {writable_again} is read-only" in _said(result.stderr)
    assert _digests(db) == before


def _limit_file_size(limit: int) -> None:
    # A write past the limit then fails with EFBIG, as on a full disk, instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_faults_full_disk_stops_the_build_with_a_message_and_keeps_the_ledger(
    corpus: tuple[Path, Path], two_builds: Path, tmp_path: Path
) -> None:
    db, rest = _half_ledger(corpus, tmp_path)
    before = _digests(db)
    command = [sys.executable, "-m", "newsledger.cli", "build", *rest, "--manifest", str(corpus[1]), "--db", str(db)]
    # 64 KiB per file: room for the run's own record, not for a batch of articles (nor for the temporary files
    # that libraries write: whichever write fails first, the build must stop cleanly).
    done = subprocess.run(
        [*command, "-q"], capture_output=True, text=True, timeout=300, preexec_fn=lambda: _limit_file_size(1 << 16)
    )
    assert done.returncode == 1, done.stderr
    assert "the disk is full or a file size limit was reached" in _said(done.stderr)
    assert "free some space" in _said(done.stderr)
    assert "Traceback" not in _said(done.stderr)
    assert _digests(db) == before
    # With room again, the same build finishes and the ledger equals one built without the fault.
    assert subprocess.run([*command, "-q"], capture_output=True, timeout=300).returncode == 0
    assert _digests(db) == _digests(two_builds)


_WRITE_BIG_BATCH = """
import sys
from datetime import date
from newsledger.errors import StoreError
from newsledger.model import Article, Span
from newsledger.store.ledger import Store

text = "Fictional text written for newsledger's tests. " * 2000
articles = [
    (Article(id=f"big{i}", source=f"big{i}.txt", path=None, url=None, outlet=None, published=date(2025, 1, 1),
             title=None, language="en", text=text + str(i), paragraphs=(Span(start=0, end=len(text)),)), b"")
    for i in range(20)
]
try:
    with Store(sys.argv[1]) as store:
        run = store.start_run(inputs=[], extractor="t", pack_version="p", settings="{}")
        store.write_batch(run_id=run, articles=articles, mentions=[], skips=[])
except StoreError as exc:
    print(exc)
    sys.exit(1)
"""


def test_faults_full_disk_during_a_batch_write_keeps_none_of_the_batch(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    db, _ = _half_ledger(corpus, tmp_path)
    before = _digests(db)
    done = subprocess.run(
        [sys.executable, "-c", _WRITE_BIG_BATCH, str(db)],
        capture_output=True, text=True, timeout=120, preexec_fn=lambda: _limit_file_size(1 << 16),
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    said = _said(done.stdout)
    assert said.startswith(f"{db}: could not write to the ledger: the disk is full or a file size limit was reached")
    assert said.endswith(
        "free some space (or raise the limit), then run the same command again; nothing of this write was kept, "
        "and the ledger holds what it held before it"
    )
    assert _digests(db) == before


def _build_command(corpus: tuple[Path, Path], db: Path) -> list[str]:
    folder, manifest = corpus
    return [sys.executable, "-m", "newsledger.cli", "build", str(folder), "--manifest", str(manifest), "--db", str(db),
            "--set", "store.batch_articles=6", "-q"]  # fmt: skip


def _as_in_a_terminal() -> None:
    # A job started in the background of a shell inherits SIGINT ignored; a build run from a terminal has it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run_with_fault(command: list[str], fault: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NEWSLEDGER_FAULT": fault}
    return subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, preexec_fn=_as_in_a_terminal)


# One point per stage in the test (a few minutes in all); benchmarks/kill.py runs 24 points over 200 articles.
@pytest.mark.slow
@pytest.mark.parametrize("fault", ["annotate:9", "write:2", "stories:1", "merge:1"])
def test_faults_killed_build_resumes_to_the_uninterrupted_ledger(
    corpus: tuple[Path, Path], clean_ledger: Path, tmp_path: Path, fault: str
) -> None:
    db = tmp_path / "ledger.duckdb"
    command = _build_command(corpus, db)
    killed = _run_with_fault(command, fault)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert _digests(db) == _digests(clean_ledger)


@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["term", "int"])
def test_faults_sigterm_and_sigint_end_the_build_as_interrupted_and_the_next_resumes(
    corpus: tuple[Path, Path], clean_ledger: Path, tmp_path: Path, signal_name: str
) -> None:
    db = tmp_path / "ledger.duckdb"
    command = _build_command(corpus, db)
    stopped = _run_with_fault(command, f"annotate:9:{signal_name}")
    assert stopped.returncode == 130, stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert (
        f"interrupted: {db} keeps every finished batch and records this run as interrupted; run the same build "
        "again to resume"
    ) in _said(stopped.stderr)
    with Store(db, read_only=True) as store:
        assert store.last_run()["status"] == "interrupted"  # type: ignore[index]
        assert store.counts()["articles"] == 6  # the first batch, committed before the signal
    assert subprocess.run(command, capture_output=True, timeout=600).returncode == 0
    assert _digests(db) == _digests(clean_ledger)


def _wait_until_busy(db: Path, build: subprocess.Popen[str]) -> str:
    """Query the ledger until the running build holds it; return the refusal's message."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert build.poll() is None, build.communicate()[1]
        result = runner.invoke(app, ["events", "--db", str(db)])
        if result.exit_code == 1 and "is being written by build" in _said(result.stderr):
            return _said(result.stderr)
        time.sleep(0.5)
    raise AssertionError("the build never held the ledger")


@pytest.mark.slow
def test_faults_queries_and_a_second_build_during_a_build_are_refused_at_once(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "ledger.duckdb"
    env = os.environ | {"NEWSLEDGER_FAULT": "write:1:pause"}  # the build holds the ledger mid-batch
    build = subprocess.Popen(_build_command(corpus, db), stderr=subprocess.PIPE, text=True, env=env)
    try:
        said = _wait_until_busy(db, build)
        assert said.startswith(f"error: {db} is being written by build pid {build.pid} (started ")
        assert said.endswith("; try again when it finishes, or query a copy of the file made before it started")
        for args in (["show", "abc"], ["export"], ["export", "--what", "articles"], ["skips"], ["stories"]):
            result = runner.invoke(app, [*args, "--db", str(db)])
            assert result.exit_code == 1 and "Traceback" not in result.stderr
            assert f"is being written by build pid {build.pid}" in _said(result.stderr)
        # The web server opens the ledger as every query does, and is told the same.
        with pytest.raises(LedgerBusyError, match=f"is being written by build pid {build.pid}"):
            Store(db, read_only=True)
        second = runner.invoke(app, ["build", str(corpus[0]), "--db", str(db), "-q"])
        assert second.exit_code == 1
        assert f"{db}: another build is writing this ledger: pid {build.pid} (started " in _said(second.stderr)
        assert "wait for it to finish (or stop it) and run this command again" in _said(second.stderr)
    finally:
        build.send_signal(signal.SIGTERM)
        _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    # Stopped mid-batch: the batch is rolled back, the run recorded, the file readable and undamaged.
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 0
        assert store.last_run()["status"] == "interrupted"  # type: ignore[index]
    assert runner.invoke(app, ["events", "--db", str(db)]).exit_code == 0
    assert not Path(f"{db}.lock").exists()


def test_faults_build_while_a_reader_holds_the_ledger_is_refused_naming_it(
    clean_ledger: Path, corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "ledger.duckdb"
    db.write_bytes(clean_ledger.read_bytes())
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb, time; c = duckdb.connect(sys.argv[1], read_only=True); "
         "print('open', flush=True); time.sleep(600)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
        result = runner.invoke(app, ["build", str(corpus[0]), "--db", str(db), "-q"])
        assert result.exit_code == 1
        assert (
            f"{db} is held open by process {reader.pid} (a query or 'newsledger serve'), so it cannot be written"
            in (_said(result.stderr))
        )
    finally:
        reader.kill()
        reader.communicate()
    assert _digests(db) == _digests(clean_ledger)
    assert not Path(f"{db}.lock").exists()
