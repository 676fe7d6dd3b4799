"""Find near-copies of articles (syndicated, re-headlined, trimmed) with MinHash LSH over word shingles, and
snapshots of one page (archived copies of one URL)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsledger.archives import page_key
from newsledger.settings import DedupeSettings

_WORD = re.compile(r"\w+")
_SEED = 1  # fixed, so signatures stored by one build compare with the next build's
# Named explicitly: stored signatures must be read back with the scheme that made them.
_SCHEME = "affine32"
_DTYPE = "<u4"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fingerprint:
    article_id: str
    published: date | None
    signature: bytes  # the shingle count, then the MinHash hash values; uint32, little-endian


def fingerprint_text(article_id: str, text: str, published: date | None, *, settings: DedupeSettings) -> Fingerprint:
    words = _WORD.findall(text.casefold())
    n = settings.shingle_words
    shingles = {" ".join(words[i : i + n]).encode() for i in range(max(1, len(words) - n + 1))}
    mh = MinHash(num_perm=settings.num_perm, seed=_SEED, scheme=_SCHEME)
    mh.update_batch(list(shingles))
    values = np.concatenate([np.array([len(shingles)], dtype=np.uint32), mh.hashvalues.astype(np.uint32)])
    return Fingerprint(article_id=article_id, published=published, signature=values.astype(_DTYPE).tobytes())


def signature_fits(signature: bytes, *, settings: DedupeSettings) -> bool:
    """Whether a stored signature was made with these settings' number of permutations (and can be compared)."""
    return len(signature) == np.dtype(_DTYPE).itemsize * (settings.num_perm + 1)


def _unpack(fp: Fingerprint, num_perm: int) -> tuple[int, MinHash]:
    values = np.frombuffer(fp.signature, dtype=_DTYPE).astype(np.uint32)
    return int(values[0]), MinHash(num_perm=num_perm, seed=_SEED, hashvalues=values[1:], scheme=_SCHEME)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller shingle set found in the larger one, from Jaccard and the two set sizes.

    A trimmed copy shares most of its own text with the original but only part of the original's, so its
    Jaccard similarity falls as the trim grows while its containment stays high.
    """
    smaller = min(size_a, size_b)
    if smaller == 0:
        return 0.0
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, shared / smaller)


def find_copy_groups(prints: Sequence[Fingerprint], *, settings: DedupeSettings) -> dict[str, str]:
    """Map each article that belongs to a group of copies to the group's original (the earliest published).

    Candidates come from LSH buckets, so the cost grows near-linearly; each candidate pair is confirmed by its
    estimated Jaccard similarity, or by its containment when one text is a trimmed version of the other.
    """
    lsh = MinHashLSH(threshold=settings.candidate_threshold, num_perm=settings.num_perm)
    hashes: dict[str, MinHash] = {}
    sizes: dict[str, int] = {}
    parent: dict[str, str] = {}
    for fp in sorted(prints, key=lambda p: p.article_id):
        if fp.article_id in hashes:
            continue
        size, mh = _unpack(fp, settings.num_perm)
        hashes[fp.article_id], sizes[fp.article_id] = mh, size
        parent[fp.article_id] = fp.article_id
        for other in lsh.query(mh):
            jaccard = mh.jaccard(hashes[other])
            if (
                jaccard >= settings.threshold
                or containment(jaccard, size, sizes[other]) >= settings.containment_threshold
            ):
                parent[_find(parent, fp.article_id)] = _find(parent, other)
        lsh.insert(fp.article_id, mh)
    return _originals(parent, {fp.article_id: fp.published for fp in prints})


def group_by_page(
    prints: Sequence[Fingerprint], urls: Mapping[str, str | None], originals: Mapping[str, str]
) -> dict[str, str]:
    """Copy groups (``originals``, as find_copy_groups gives them) with the snapshots of each page folded in.

    Articles whose URLs lead to one page (``archives.page_key``) are one article taken at different times: they
    form one group, which each one's whole copy group joins; a group's original is its earliest published article.
    """
    parent = {a: a for a in [*originals, *originals.values(), *urls]}
    for member, original in originals.items():
        parent[_find(parent, member)] = _find(parent, original)
    first_of_page: dict[str, str] = {}
    for article_id in sorted(urls):
        key = page_key(urls[article_id])
        # A site's front page shows a different article every day: its address names no one article.
        if key is None or ("/" not in key and "?" not in key):
            continue
        parent[_find(parent, article_id)] = _find(parent, first_of_page.setdefault(key, article_id))
    return _originals(parent, {fp.article_id: fp.published for fp in prints})


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _originals(parent: dict[str, str], published: Mapping[str, date | None]) -> dict[str, str]:
    """Each member of a group of two or more to the group's earliest published article (ties by id)."""
    groups: dict[str, list[str]] = {}
    for article_id in parent:
        groups.setdefault(_find(parent, article_id), []).append(article_id)
    originals: dict[str, str] = {}
    for members in groups.values():
        if len(members) > 1:
            first = min(members, key=lambda a: (published.get(a) or date.max, a))
            originals.update({m: first for m in members})
    return originals
