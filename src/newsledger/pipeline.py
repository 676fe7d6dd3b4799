"""The order of stages (read, extract, annotate, events, store, copies, merge); the only caller of the store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsledger.batches import run_batches
from newsledger.errors import InputError, StoreError
from newsledger.faults import fault_point
from newsledger.model import RawDocument, Skip
from newsledger.outlets import load_owners, owner_of
from newsledger.pack import Pack, load_pack
from newsledger.settings import Settings
from newsledger.stages.dedupe import Fingerprint, find_copy_groups, fingerprint_text, group_by_page, signature_fits
from newsledger.stages.events import EXTRACTOR
from newsledger.stages.extract import outlet_from_url
from newsledger.stages.merge import ArticleInfo, keep_event_ids, link_denials, merge_mentions
from newsledger.stages.read import read_documents
from newsledger.stages.stories import StoryArticle, StoryState, assign_stories
from newsledger.store.ledger import Store

SAMPLE_DIR = Path(__file__).parent / "sample"


@dataclass(slots=True)
class BuildReport:
    """What one build did; printed as the summary and stored in the runs table."""

    run_id: str = ""
    status: str = "running"
    documents: int = 0
    articles_new: int = 0
    articles_seen: int = 0
    skipped: int = 0
    mentions_new: int = 0
    events: int = 0
    copies: int = 0
    skips: list[Skip] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "articles_new": self.articles_new,
            "articles_seen": self.articles_seen,
            "skipped": self.skipped,
            "mentions_new": self.mentions_new,
            "events": self.events,
        }


Progress = Callable[[str, int], None]


def sample_inputs() -> tuple[list[str], str | None]:
    """The bundled sample corpus and its manifest."""
    manifest = SAMPLE_DIR / "manifest.csv"
    # The article folders only: the corpus's README and expected events are not articles.
    folders = [str(SAMPLE_DIR / name) for name in ("html", "txt", "jsonl")]
    return folders, str(manifest) if manifest.exists() else None


def _batches(items: Iterator[RawDocument | Skip], size: int) -> Iterator[list[RawDocument | Skip]]:
    batch: list[RawDocument | Skip] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_ledger(
    paths: Sequence[str],
    *,
    db: str | Path,
    manifest: str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    dask: str | None = None,
) -> BuildReport:
    """Read every input, store new articles and their mentions batch by batch, then re-derive copies and events.

    Each batch commits on its own, so an interrupted build keeps what it finished and the next build resumes:
    articles already in the ledger are recognised by their content id and not processed again. With
    ``workers`` > 1, that many processes extract, annotate and code batches while this one alone writes them, in
    input order; with ``dask`` (a scheduler address, or ``local:N``) the nodes of a Dask cluster do. The ledger is
    the same whatever runs the batches.
    """
    settings = settings or Settings()
    pack = load_pack(settings.events.pack)
    load_owners(pack.path, settings.merge.owners)  # a bad owner table stops the build before any work
    report = BuildReport()
    with Store(db) as store:
        report.run_id = store.start_run(
            inputs=list(paths),
            extractor=EXTRACTOR,
            pack_version=pack.version,
            settings=json.dumps(asdict(settings), default=str),
        )
        try:
            documents = read_documents(paths, manifest=manifest, settings=settings.read)
            results = run_batches(
                _batches(documents, settings.store.batch_articles),
                known=store.known_article_ids,
                known_ids=store.article_ids,
                pack=pack,
                settings=settings,
                run_id=report.run_id,
                workers=workers,
                dask=dask,
            )
            for result in results:
                # The kill tests' points for reading and parsing, passed here in the one build process whatever
                # does the work (workers are left without faults).
                for _ in range(result.documents):
                    fault_point("read")
                for _ in range(result.articles.num_rows):
                    fault_point("annotate")
                result = result.without(store.known_article_ids(result.articles.column("id").to_pylist()))
                store.write_tables(
                    run_id=report.run_id, articles=result.articles, mentions=result.mentions, skips=result.skips
                )
                report.documents += result.documents
                report.articles_seen += result.seen
                report.articles_new += result.articles.num_rows
                report.mentions_new += result.mentions.num_rows
                report.skipped += len(result.skips)
                report.skips.extend(result.skips)
                if progress:
                    progress("read", result.inputs)
            refresh_events(store, settings=settings, pack=pack, report=report)
            fault_point("finish")
        except BaseException as exc:
            # Ctrl-C and SIGTERM (which the CLI turns into KeyboardInterrupt) interrupt; anything else fails.
            report.status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            # The run's record is a courtesy: when the disk is full it cannot be written, and the error that
            # stopped the build is the one to report.
            with suppress(StoreError):
                store.finish_run(report.run_id, status=report.status, counts=report.counts())
            raise
        report.status = "done"
        store.finish_run(report.run_id, status=report.status, counts=report.counts())
    if report.articles_new + report.articles_seen == 0:
        raise InputError(
            f"nothing could be read from {', '.join(paths)}: {report.skipped} input(s) skipped; "
            "see 'newsledger skips' for the reasons"
        )
    return report


def refresh_stories(store: Store, *, settings: Settings) -> None:
    """Put articles that have no story yet into existing stories or new ones; earlier assignments stay."""
    rows = store.unstoried_articles()
    if not rows:
        return
    articles = [
        StoryArticle(
            id=r["id"],
            published=r["published"],
            text=f"{r['title'] or ''}\n{r['text']}",
            # The names of the article's entities, then its events' actors and places (resolved names).
            names=tuple(dict.fromkeys([*json.loads(r["names"] or "[]"), *(r["entities"] or ())])),
            event_keys=tuple(k for k in r["event_keys"] or () if k),
            event_days=tuple(sorted(d for d in r["event_days"] or () if d)),
        )
        for r in rows
    ]
    assignments, state = assign_stories(articles, StoryState.from_bytes(store.story_state()), settings=settings.stories)
    store.save_stories(assignments, state.to_bytes())


def _comparable_fingerprints(store: Store, *, settings: Settings) -> list[Fingerprint]:
    """Every article's fingerprint; those stored with other MinHash settings (an older ledger, a changed
    dedupe.num_perm) are made again from the stored text and saved, since signatures of two lengths never compare."""
    prints = [Fingerprint(article_id=i, published=p, signature=s) for i, p, s in store.fingerprints()]
    stale = [fp.article_id for fp in prints if not signature_fits(fp.signature, settings=settings.dedupe)]
    if not stale:
        return prints
    fresh = {
        r["id"]: fingerprint_text(r["id"], r["text"], r["published"], settings=settings.dedupe)
        for r in store.article_texts(stale)
    }
    store.set_fingerprints({k: v.signature for k, v in fresh.items()})
    return [fresh.get(fp.article_id, fp) for fp in prints]


def refresh_events(store: Store, *, settings: Settings, pack: Pack, report: BuildReport) -> None:
    """Re-derive copy groups and events from everything stored, so the result never depends on input order."""
    prints = _comparable_fingerprints(store, settings=settings)
    # Snapshots of one page (two archived copies of one URL) are one article, whatever their texts.
    urls = {r["id"]: r["original_url"] or r["url"] for r in store.article_infos()}
    originals = group_by_page(prints, urls, find_copy_groups(prints, settings=settings.dedupe))
    store.set_copies(originals)
    refresh_stories(store, settings=settings)
    report.copies = sum(1 for k, v in originals.items() if k != v)
    owners = load_owners(pack.path, settings.merge.owners)
    infos: dict[str, ArticleInfo] = {}
    # Read again: the stories assigned just above are part of each article's information.
    for row in store.article_infos():
        # One outlet, one key: the URL's domain when there is a URL, so a manifest's outlet name and the
        # domain of the same site do not count as two independent sources.
        outlet = outlet_from_url(row["original_url"] or row["url"]) or row["outlet"]
        infos[row["id"]] = ArticleInfo(
            id=row["id"],
            outlet=outlet,
            published=row["published"],
            original=originals.get(row["id"], row["id"]),
            # An owner table may name the outlet by its domain or by its name: either declares the owner.
            owner=owner_of((outlet, row["outlet"]), owners),
            story=row["story_id"],
        )
    merged = merge_mentions(list(store.iter_mentions()), infos, settings=settings.merge, pack_version=pack.version)
    # Ids cited from the ledger stay valid across builds: events keep the ids their mentions had.
    events, retired = keep_event_ids(merged, store.previous_event_ids())
    store.replace_events(
        events, run_id=report.run_id, denials=link_denials(events, settings=settings.merge), retired=retired
    )
    report.events = len(events)
