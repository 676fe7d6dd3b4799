"""A generated corpus of hostile inputs for the fuzz test and benchmarks/fuzz.py: every kind of damage a folder of
scraped files shows (truncated and concatenated gzip, a gzip bomb, a 100 MB line, bad encodings, NUL bytes, deep
or script-only HTML, JSON of the wrong shape, manifest rows for missing files, symlink loops), plus mutations of
fictional seed articles. Each input's text starts with a unique tag, so no two inputs are one article."""

from __future__ import annotations

import gzip
import json
import os
import random
import zlib
from pathlib import Path

HEADER = "Fictional text generated for newsledger's fuzz test."
_SEEDS = [
    "Russia delivered four Mi-17 helicopters to Afghanistan on 3 March 2025, the ministry said.",
    "Iran denied reports that it had sent drones to Armenia last week, officials said on Monday.",
    "India plans to buy 12 Su-30 aircraft from Russia next year, according to a statement on 4 May.",
    "The defence ministers of Pakistan and Belarus met in Minsk on 12 June to discuss training.",
]
_NASTY = [
    "\u0301" * 500,  # a run of combining marks with nothing to combine with
    "1 " * 5000,  # a long run of digits and spaces (time-expression patterns)
    "12:30 " * 2000,
    "on the " * 3000,
    "\u202e\u202d" * 200,  # bidirectional overrides
    "<" * 3000 + ">" * 3000,
    "&amp;" * 2000,
    "\ufeff" * 100,
    "\u2028\u2029" * 500,
    "\x1b[31m" * 200,
]


def _text(rng: random.Random, tag: str) -> str:
    sentences = [rng.choice(_SEEDS) for _ in range(rng.randint(1, 4))]
    return f"{tag} {HEADER} " + " ".join(sentences)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """Damage the bytes after the first 80 (which hold the input's unique tag)."""
    head, tail = data[:80], bytearray(data[80:])
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        if kind == 0 and tail:
            for _ in range(rng.randint(1, 20)):
                tail[rng.randrange(len(tail))] = rng.randrange(256)
        elif kind == 1:
            del tail[rng.randrange(len(tail) + 1) :]
        elif kind == 2:
            at = rng.randrange(len(tail) + 1)
            tail[at:at] = b"\x00" * rng.randint(1, 10)
        elif kind == 3:
            at = rng.randrange(len(tail) + 1)
            tail[at:at] = rng.choice(_NASTY).encode("utf-8")
        elif kind == 4:
            at = rng.randrange(len(tail) + 1)
            tail[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
        elif kind == 5:
            at = rng.randrange(len(tail) + 1)
            tail[at:at] = b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xed\xa0\x80"  # invalid UTF-8 sequences
        else:
            tail += tail[: rng.randrange(len(tail) + 1)]
    return bytes(head + tail)


def _wrong_record(rng: random.Random, tag: str) -> object:
    text = _text(rng, tag)
    choices: list[object] = [
        {"text": 12345}, {"text": [text]}, {"text": None}, {"html": {"body": text}},
        {"text": text, "published": 20250303}, {"text": text, "published": "31/02/2025"},
        {"text": text, "url": ["http://a.example"]}, {"text": text, "title": 7}, {"text": text, "outlet": False},
        [text], text, 3.5, None, True, {"text": text + " \ud800 \udfff"}, {"text": "", "html": ""},
        {"html": "<script>" + text + "</script>"}, {"text": text, "published": "9999-99-99"},
        {"text": text, "published": "2025-03-03T10:00:00+25:00"}, {"text": {"nested": [{"deep": text}]}},
        {"text": text, "url": "javascript:alert(1)"}, {"text": text, "url": "http://[::1"},
    ]  # fmt: skip
    return rng.choice(choices)


def generate_hostile_inputs(folder: Path, *, mutated: int = 900, seed: int = 5, huge_line_mb: int = 100) -> Path:
    """Write the hostile corpus into ``folder`` (created) and a manifest.csv beside it; return the manifest.

    ``mutated`` seed articles are damaged at random; the fixed cases (about 150) are always written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    n = 0

    def name(ext: str) -> Path:
        nonlocal n
        n += 1
        return folder / f"in{n:05d}{ext}"

    def tag() -> str:
        return f"[input {n + 1} {rng.randrange(10**9)}]"

    # Mutated articles of every supported kind.
    for _ in range(mutated):
        kind = rng.choice([".txt", ".html", ".json", ".jsonl", ".txt.gz", ".jsonl.gz"])
        text = _text(rng, tag())
        if kind.startswith(".html"):
            raw = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>".encode()
        elif kind.startswith(".json"):
            lines = [
                json.dumps({"text": _text(rng, tag() + f" r{i}"), "url": f"http://x{n}.example/{i}"}) for i in range(3)
            ]
            raw = ("\n".join(lines) if kind.startswith(".jsonl") else lines[0]).encode()
        else:
            raw = text.encode()
        data = _mutate(raw, rng)
        path = name(kind)
        path.write_bytes(gzip.compress(data) if kind.endswith(".gz") else data)

    good = gzip.compress(_text(rng, tag()).encode())
    for _ in range(10):  # truncated gzip
        name(".txt.gz").write_bytes(good[: rng.randrange(1, len(good))])
    for _ in range(10):  # concatenated gzip members: one valid stream per the format
        parts = [gzip.compress(_text(rng, tag() + f" part{j}").encode()) for j in range(3)]
        name(".txt.gz").write_bytes(b"".join(parts))
    for _ in range(5):  # gzip followed by garbage
        name(".jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": _text(rng, tag())}).encode()) + b"\x00garbage")
    # Decompression bombs: 200 MB of zeros (or of newlines, for a feed) in about 200 KB.
    for ext, filler in ((".txt.gz", b"\x00"), (".jsonl.gz", b"\n"), (".html.gz", b"<div>")):
        squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
        chunk = filler * ((1 << 20) // len(filler))
        body = b"".join(squeeze.compress(chunk) for _ in range(200)) + squeeze.flush()
        name(ext).write_bytes(body)
    # One line of huge_line_mb megabytes, as a feed and as text.
    block = (b"word " * 200_000)[: 1 << 20]
    for ext in (".jsonl", ".txt"):
        with name(ext).open("wb") as handle:
            handle.write(b'{"text": "' if ext == ".jsonl" else b"")
            for _ in range(huge_line_mb):
                handle.write(block)
            handle.write(b'"}' if ext == ".jsonl" else b"")
    for _ in range(20):  # invalid UTF-8 throughout
        name(".txt").write_bytes(tag().encode() + bytes(rng.randrange(128, 256) for _ in range(400)))
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):  # with BOM (utf-16, utf-32) and without
        for _ in range(5):
            name(".txt").write_bytes(_text(rng, tag()).encode(encoding))
            name(".html").write_bytes(f"<html><body><p>{_text(rng, tag())}</p></body></html>".encode(encoding))
    for _ in range(10):  # NUL bytes in text, in HTML and in a feed
        text = _text(rng, tag())
        name(".txt").write_bytes(text.encode().replace(b" ", b"\x00 "))
        name(".jsonl").write_bytes(json.dumps({"text": text}).encode() + b"\x00\n")
    for depth in (10_000, 10_000, 50_000, 2_000, 10_000):  # deeply nested HTML
        inner = f"<p>{_text(rng, tag())}</p>"
        name(".html").write_text("<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>")
        name(".html").write_text("<html><body>" + "<b><i>" * depth + inner + "</body></html>")  # never closed
    for _ in range(5):  # HTML that is all script and style
        script = "<script>" + "var a = '" + _text(rng, tag()) + "';" * 50 + "</script>"
        name(".html").write_text(f"<html><head><style>p{{}}</style>{script}</head><body>{script}</body></html>")
    for _ in range(40):  # JSON records of the wrong shape
        name(".json").write_text(json.dumps(_wrong_record(rng, tag())))
        name(".jsonl").write_text("\n".join(json.dumps(_wrong_record(rng, tag())) for _ in range(3)))
    for nasty in _NASTY:  # texts made of pathological runs, in one paragraph
        name(".txt").write_text(f"{_text(rng, tag())} {nasty * 3} {_text(rng, tag())}")
    name(".txt").write_text(
        _text(rng, tag()) + " " + "lorem ipsum dolor " * 40_000
    )  # 720,000 characters, one paragraph
    name(".json").write_text("[" * 100_000 + "]" * 100_000)  # JSON nested too deeply
    name(".jsonl").write_text('{"text": ' * 50_000)
    for _ in range(5):
        name(".txt").write_text("")
        name(".txt").write_text(" \n\t\n ")
    name(".pdf").write_bytes(b"%PDF-1.4 not supported")
    name("").write_bytes(b"no extension")
    # Things that are not files: a directory named like a file, a FIFO, symlink loops, a broken link.
    name(".txt").mkdir()
    fifo = name(".txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to("..", target_is_directory=True)
    (loop / "self").symlink_to(".", target_is_directory=True)
    first, second = name(".txt"), name(".txt")
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    name(".txt").symlink_to("does-not-exist.txt")
    # A manifest with rows for files that are missing, for directories, and rows of the wrong shape.
    rows = ["path,published,url,outlet,title"]
    rows += [
        f"{folder.name}/in{i:05d}.txt,2025-03-0{1 + i % 9},http://m{i}.example/a,m{i}.example,t{i}" for i in (1, 2)
    ]
    rows += [f"{folder.name}/missing{i}.txt,2025-03-03,,," for i in range(5)]
    rows += [f"{folder.name},2025-03-03,,,", f"{folder.name}/loop,2025-03-03,,,", ",2025-03-03,,,"]
    rows += [f"{folder.name}/in00003.txt,not a date,,,", f"{folder.name}/in00004.txt,2025-02-30,,,", "a,b,c,d,e,f,g,h"]
    manifest = folder.parent / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest
