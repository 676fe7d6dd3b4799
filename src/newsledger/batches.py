"""The per-article work of a build, batch by batch: in this process, in worker processes, or on a Dask cluster.

A batch of inputs becomes a ``StoredBatch``: its new articles and their mentions as the ledger's Arrow tables,
its skips and counts. Nothing here touches the ledger; the build's one writer stores each batch, in input order.
Worker processes and cluster nodes cannot read the ledger while a build writes it, so they skip the articles it
held when the build started (``known``) and the writer drops those an earlier batch of the same build stored.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from newsledger.errors import SettingsError
from newsledger.model import Article, EventMention, RawDocument, Skip
from newsledger.pack import Pack, load_pack
from newsledger.settings import Settings
from newsledger.stages.annotate import annotate_articles, doc_entities
from newsledger.stages.dedupe import fingerprint_text
from newsledger.stages.events import extract_events
from newsledger.stages.extract import extract_article
from newsledger.stages.stories import story_names
from newsledger.store.ledger import batch_tables

SUPPORTED_LANGUAGES = frozenset({"en"})
Known = Callable[[set[str]], set[str]]  # of these article ids, the ones the ledger holds
Batch = list[RawDocument | Skip]


@dataclass(slots=True, kw_only=True)
class StoredBatch:
    """One batch as the writer stores it: the ledger's rows of its new articles and mentions, and its skips."""

    inputs: int
    documents: int = 0
    seen: int = 0
    articles: pa.Table
    mentions: pa.Table
    skips: list[Skip] = field(default_factory=list)

    def without(self, stored: set[str]) -> StoredBatch:
        """This batch less the articles (and their mentions) the ledger already holds: those are seen, not new."""
        if not stored:
            return self
        ids = pa.array(sorted(stored), pa.string())
        articles = self.articles.filter(pc.invert(pc.is_in(self.articles.column("id"), value_set=ids)))
        mentions = self.mentions.filter(pc.invert(pc.is_in(self.mentions.column("article_id"), value_set=ids)))
        seen = self.seen + self.articles.num_rows - articles.num_rows
        return StoredBatch(
            inputs=self.inputs, documents=self.documents, seen=seen, articles=articles, mentions=mentions,
            skips=self.skips,
        )  # fmt: skip


def process_batch(
    batch: Sequence[RawDocument | Skip], *, known: Known, pack: Pack, settings: Settings, run_id: str
) -> StoredBatch:
    """Extract, annotate and code the articles of one batch that ``known`` does not already hold."""
    skips: list[Skip] = []
    documents = seen = 0
    articles: dict[str, Article] = {}
    for item in batch:
        if isinstance(item, Skip):
            skips.append(item)
            continue
        documents += 1
        extracted = extract_article(item, settings=settings.extract)
        if isinstance(extracted, Skip):
            skips.append(extracted)
        elif extracted.id in articles:
            seen += 1
        else:
            articles[extracted.id] = extracted
    stored = known(set(articles))
    seen += len(stored)
    new = [a for a in articles.values() if a.id not in stored]
    english = [a for a in new if (a.language or "en") in SUPPORTED_LANGUAGES]
    for a in new:
        if a not in english:
            reason = f"language {a.language!r} is not supported; kept without events"
            skips.append(Skip(stage="annotate", source=a.source, reason=reason))
    mentions: list[EventMention] = []
    names: dict[str, tuple[str, ...]] = {}
    for annotated in annotate_articles(english, pack=pack, settings=settings.annotate):
        mentions.extend(extract_events(annotated, pack=pack))
        entities = ((ent.text, ent.label_) for para in annotated.paragraphs for ent in doc_entities(para.doc))
        names[annotated.article.id] = story_names(entities)
    prints = [(a, fingerprint_text(a.id, a.text, a.published, settings=settings.dedupe).signature) for a in new]
    article_table, mention_table = batch_tables(run_id=run_id, articles=prints, mentions=mentions, names=names)
    return StoredBatch(
        inputs=len(batch), documents=documents, seen=seen, articles=article_table, mentions=mention_table, skips=skips
    )


# What a worker process or cluster node loaded once: the pack by name, with the settings and known ids it came with.
_LOADED: dict[str, Any] = {}


def _pack(name: str) -> Pack:
    if _LOADED.get("pack_name") != name:
        _LOADED.update(pack_name=name, pack=load_pack(name))
    pack: Pack = _LOADED["pack"]
    return pack


def _exit_with_parent(parent: int) -> None:
    # A build process killed outright (SIGKILL, power loss of a VM) cannot stop its workers; they would wait for
    # work forever, holding a model each and the pipes of whoever started the build.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start_worker(settings: Settings, known: frozenset[str], run_id: str) -> None:
    # Ctrl-C goes to the whole process group: the build process alone decides to stop, and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _LOADED.update(settings=settings, known=known, run_id=run_id)
    _pack(settings.events.pack)


def _pool_work(batch: Batch) -> StoredBatch:
    known: frozenset[str] = _LOADED["known"]
    settings: Settings = _LOADED["settings"]
    pack = _pack(settings.events.pack)
    return process_batch(batch, known=lambda ids: ids & known, pack=pack, settings=settings, run_id=_LOADED["run_id"])


def _cluster_work(batch: Batch, settings: Settings, known: frozenset[str], run_id: str) -> StoredBatch:
    """A batch on a Dask worker: the pack (and spaCy, on first use) load once per worker process."""
    pack = _pack(settings.events.pack)
    return process_batch(batch, known=lambda ids: ids & known, pack=pack, settings=settings, run_id=run_id)


def _in_order(
    submitted: Iterable[tuple[int, Any]], limit: int, result: Callable[[Any], StoredBatch]
) -> Iterator[StoredBatch]:
    """Results of submitted work in submission order, with at most ``limit`` pieces in flight (memory stays bounded)."""
    pending: deque[Any] = deque()
    for _, handle in submitted:
        pending.append(handle)
        while len(pending) > limit:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def run_batches(
    batches: Iterator[Batch],
    *,
    known: Known,
    known_ids: Callable[[], set[str]],
    pack: Pack,
    settings: Settings,
    run_id: str,
    workers: int = 1,
    dask: str | None = None,
) -> Iterator[StoredBatch]:
    """Each batch's ``StoredBatch``, in input order: here, in ``workers`` processes, or on the Dask cluster at
    ``dask`` (an address, or ``local:N`` for a local cluster of N worker processes).

    ``known`` answers for one batch from the ledger (in this process); ``known_ids`` gives every stored id at once
    for workers elsewhere.
    """
    if dask is not None:
        yield from _run_on_dask(batches, dask, known_ids=known_ids, settings=settings, run_id=run_id)
        return
    ahead = list(itertools.islice(batches, 2))
    batches = itertools.chain(ahead, batches)
    if workers <= 1 or len(ahead) < 2:
        # One batch is not worth starting processes that each load the model.
        for batch in batches:
            yield process_batch(batch, known=known, pack=pack, settings=settings, run_id=run_id)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process holding DuckDB's threads
    initargs = (settings, frozenset(known_ids()), run_id)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=initargs) as pool:
        try:
            submitted = ((len(b), pool.submit(_pool_work, b)) for b in batches)
            yield from _in_order(submitted, 2 * workers, lambda f: f.result())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _run_on_dask(
    batches: Iterator[Batch], address: str, *, known_ids: Callable[[], set[str]], settings: Settings, run_id: str
) -> Iterator[StoredBatch]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise SettingsError("--dask needs the 'distributed' package: pip install 'newsledger[dask]'") from exc
    cluster = None
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise SettingsError(f"--dask {address!r}: expected local:N with N a number of workers, or an address")
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=int(count),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            silence_logs=logging.WARNING,
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    else:
        try:
            client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise SettingsError(f"--dask {address!r}: cannot reach the scheduler: {exc}") from exc
    try:
        client.wait_for_workers(1, timeout=120)
        # In a list: scatter sends each member of a collection on its own, and the set is one piece of data.
        [known] = client.scatter([frozenset(known_ids())], broadcast=True)  # type: ignore[no-untyped-call]
        nodes = max(1, len(client.scheduler_info().get("workers", {})))
        submitted = ((len(b), client.submit(_cluster_work, b, settings, known, run_id, pure=False)) for b in batches)
        yield from _in_order(submitted, 2 * nodes, lambda f: f.result())
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
