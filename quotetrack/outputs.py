"""Stored outputs: the front end keeps what it wrote, so the same command on unchanged inputs copies it.

Writing a large result out (rows, JSON) costs more than restoring it from the index, so the index
keeps the last few *outputs* as well: the text that one format and set of filters made of a result,
keyed by the result's key (``pipeline.Session.key``), the source of the front end that writes it
(``sources.front_end_digest``) and the options that shape the text (``output_key``). This sits above
the library: the library restores and stores results, never what a command made of them. Only
``cli.py`` imports this module.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO, TextIO

from .models import ScanOptions, ScanOutput, ScanResult, Skipped
from .pipeline import Progress, Session
from .sources import front_end_digest

OUTPUT_FORMAT = 2
"""Bumped when the stored record's layout changes."""


def scan_output(paths: Iterable[str], options: ScanOptions, write: Callable[[ScanResult, TextIO], None],
                spec: str, out: TextIO, stdin: BinaryIO | None = None, progress: Progress | None = None
                ) -> ScanOutput:
    """``pipeline.scan``, written to ``out`` by ``write``. With an index the text is stored as it
    is written, under ``spec`` (the format and options that shape it) and the filters, and the same
    ``spec`` on unchanged inputs copies it to ``out`` without scanning or restoring anything."""
    with Session(paths, options, stdin, progress) as session:
        if session.index is None or session.key is None:
            result = session.result()
            write(result, out)
            return ScanOutput.of(result)
        filters = (options.speaker, options.min_outlets, options.full_only, options.kinds)
        key = output_key(session.key, f"{spec}\0{filters!r}")
        blob = session.index.output(key)
        if blob is not None:
            try:
                stored, pieces = decode_output(blob)
            except (ValueError, KeyError, TypeError):
                pass  # written afresh below
            else:
                for piece in pieces:
                    out.write(piece)
                return replace(stored, warnings=tuple(session.warnings))
        result = session.result()
        recorder = Recorder(out)
        write(result, recorder)  # type: ignore[arg-type]  # a text stream, all that write() uses
        written = ScanOutput.of(result)
        if session.settled:
            session.index.put_output(key, encode_output(written, recorder.body()))
        return written


def output_key(key: str, spec: str) -> str:
    """The key of an output: the result's key, the front end's source, and ``spec`` (the format
    and every option and filter that shape the text)."""
    return hashlib.sha256(f"{key}\0{front_end_digest()}\0{spec}".encode()).hexdigest()


class Recorder(io.TextIOBase):
    """A text stream that passes everything written to it on to ``out`` and keeps it compressed,
    so an output is stored as it is written, never held whole."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._compress = zlib.compressobj(1)
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._out.write(text)
        self._parts.append(self._compress.compress(text.encode("utf-8", "surrogateescape")))
        return len(text)

    def body(self) -> bytes:
        """Everything written, compressed (once everything is written)."""
        return b"".join([*self._parts, self._compress.flush()])


def encode_output(output: ScanOutput, body: bytes) -> bytes:
    """The record of one output: a JSON line with its counts, skipped inputs and the digest of
    ``body`` (``Recorder.body``), then the body."""
    head = {"format": OUTPUT_FORMAT, "counts": [output.articles, output.quotes, output.clusters],
            "skipped": [[s.path, s.reason] for s in output.skipped], "sha256": hashlib.sha256(body).hexdigest()}
    return json.dumps(head).encode() + b"\n" + body


def decode_output(blob: bytes) -> tuple[ScanOutput, Iterator[str]]:
    """The output stored by ``encode_output`` (its warnings are the caller's), and its text in
    pieces. The body is checked against its digest first, so a damaged record is refused before
    any of it is written: raises ``ValueError`` (or ``KeyError``, ``TypeError``)."""
    end = blob.index(b"\n")
    body = memoryview(blob)[end + 1:]
    record = json.loads(blob[:end])
    if record.get("format") != OUTPUT_FORMAT or hashlib.sha256(body).hexdigest() != record["sha256"]:
        raise ValueError("stored output of another format, or damaged")
    articles, quotes, clusters = record["counts"]
    skipped = tuple(Skipped(p, r) for p, r in record["skipped"])
    return ScanOutput(articles, quotes, clusters, skipped), _pieces(body)


OUTPUT_PIECE = 1 << 20
"""Compressed bytes of a stored record decompressed at a time."""


def _pieces(body: memoryview) -> Iterator[str]:
    decompress = zlib.decompressobj()
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    for at in range(0, len(body), OUTPUT_PIECE):
        yield decoder.decode(decompress.decompress(body[at:at + OUTPUT_PIECE]))
    yield decoder.decode(decompress.flush(), final=True)
