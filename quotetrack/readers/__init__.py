"""Readers: one file's decoded text -> its articles, by format.

A reader takes (doc id, path, decoded text) and returns an ``Article``, a ``Skipped`` record when
the file holds no usable article, or a sequence of both for files that hold many articles (JSON
exports). ``corpus.READERS`` maps file suffixes to these functions. Optional libraries (trafilatura
for HTML) are imported only when such a file is read.
"""

from .html import read_html
from .records import read_json, read_jsonl
from .text import read_text

__all__ = ["read_html", "read_json", "read_jsonl", "read_text"]
