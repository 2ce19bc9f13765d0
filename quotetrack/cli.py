"""The ``quotetrack`` command: parse options, call the library, render, map errors to exit codes.

This is the only module that imports typer. Data goes to stdout; warnings and the summary go to a
stderr console.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from enum import IntEnum
from typing import Annotated, Any, Optional, TextIO, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from ._version import __version__
from .index import default_path as default_index_path
from .models import InputError, QuotetrackError, ScanOptions, ScanOutput, ScanResult, UsageError
from .diff import diff_articles
from .diffview import DIFF_COLUMNS, TRACE_COLUMNS, describe, diff_rows, render_view, trace_rows
from .outputs import scan_output
from .pipeline import find_article
from .pipeline import scan as run_scan
from .html_report import render_html
from .report import Format, render, resolve_format, terminal_safe, to_rows
from .trace import DEFAULT_MIN_SCORE
from .trace import trace as find_quote


T = TypeVar("T")


class Exit(IntEnum):
    """Process exit codes (README: Exit codes)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


app = typer.Typer(
    name="quotetrack",
    help="Quote provenance tracker: find every direct quotation in news articles, who said it, "
         "which outlets carried it and when, and how the wording differs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", case_sensitive=False,
    help="Output format: auto is a table on a terminal and TSV when piped.")]
PathsArgument = Annotated[list[str], typer.Argument(
    help="Article files or directories (searched recursively); - reads standard input.",
    show_default=False)]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No summary or warnings on stderr.")]
OutputOption = Annotated[str, typer.Option(
    "--output", "-o", help="Write to this file instead of standard output (- is standard output).")]
CorpusOption = Annotated[str, typer.Option(
    "--corpus", "-c", help="The file or directory the document was scanned from.")]
RawCellsOption = Annotated[bool, typer.Option(
    "--raw-cells", help="CSV and TSV cells exactly as the text has them: no formula guard "
                        "(leading ' before = + - @) and no removal of control characters.")]
JobsOption = Annotated[int, typer.Option(
    "--jobs", "-j", min=0, help="Worker processes for extraction, clustering and comparing wordings: 0 uses every core, 1 runs serially.")]
IndexOption = Annotated[Optional[str], typer.Option(
    "--index", metavar="PATH", show_default=False,
    help="Incremental index file (default: $XDG_CACHE_HOME/quotetrack/index.sqlite, ~/.cache when unset).")]
NoIndexOption = Annotated[bool, typer.Option(
    "--no-index", envvar="QUOTETRACK_NO_INDEX", help="Neither read nor write the incremental index.")]


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotetrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None) -> None:
    """Quote provenance tracker."""


@app.command()
def scan(
    paths: PathsArgument,
    fmt: FormatOption = Format.AUTO,
    long: Annotated[bool, typer.Option("--long", "-l", help="One row per occurrence, with each outlet's own wording.")] = False,
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", help="Only quotes whose speaker contains this text (case-insensitive).")] = None,
    min_outlets: Annotated[int, typer.Option("--min-outlets", "-m", min=1, help="Only quotes carried by at least this many outlets.")] = 1,
    full_only: Annotated[bool, typer.Option("--full-only", help="Only full quotes (no fragments or scare quotes).")] = False,
    quiet: QuietOption = False,
    raw_cells: RawCellsOption = False,
    jobs: JobsOption = 0,
    index: IndexOption = None,
    no_index: NoIndexOption = False,
) -> None:
    """Find every quote, its speaker and the outlets that carried it: one row per quote."""
    err = _stderr()
    options = _options(paths, jobs, index, no_index, speaker=speaker, min_outlets=min_outlets, full_only=full_only)
    resolved = resolve_format(fmt, sys.stdout.isatty())
    per_occurrence = long or resolved in (Format.JSON, Format.JSONL)
    with _ProgressBar(err, enabled=not quiet and err.is_terminal) as progress:
        def write(result: ScanResult, out: TextIO) -> None:
            progress.stop()  # before any output: rich redirects stdout while a bar is live
            columns, rows = to_rows(result.clusters, per_occurrence=per_occurrence)
            render(columns, rows, resolved, out, raw_cells=raw_cells)

        if resolved is Format.TABLE:  # drawn for this terminal: written straight to it, never stored
            result = _call(lambda: run_scan(paths, options, stdin=sys.stdin.buffer, progress=progress), err)
            _emit(lambda out: write(result, out))
            output = ScanOutput.of(result)
        else:
            spec = f"{resolved.value} long={per_occurrence} raw={raw_cells}"
            output = _emit(lambda out: _call(lambda: scan_output(
                paths, options, write, spec, out, stdin=sys.stdin.buffer, progress=progress), err))
    _report_problems(output, err, quiet)
    if not quiet:
        err.print(_summary(output), markup=False)


def _options(paths: list[str], jobs: int, index: str | None, no_index: bool, **filters: Any) -> ScanOptions:
    """The scan options of a command, with the index it uses (None: ``--no-index``). No command
    shows article texts from a scan, so none are kept."""
    index_path = None if no_index else (index or default_index_path(paths))
    return ScanOptions(jobs=jobs, index=index_path, texts=False, **filters)


def _scanned(paths: list[str], options: ScanOptions, err: Console, quiet: bool) -> ScanResult:
    """A whole scan for a command that reads its result, with the progress bar while it runs."""
    with _ProgressBar(err, enabled=not quiet and err.is_terminal) as progress:
        return _call(lambda: run_scan(paths, options, stdin=sys.stdin.buffer, progress=progress), err)


PROGRESS_DELAY_S = 0.5
"""A scan shows a progress bar only once it has run this long: quick scans stay quiet."""


class _ProgressBar:
    """A transient progress bar on stderr, started lazily once a scan proves slow; called as
    ``progress(step, done, total)`` (``pipeline.Progress``): files read out of all files, then
    a step that cannot count its work (clustering) with the time it has taken. A context
    manager: the bar is gone when it ends, or at ``stop``."""

    def __init__(self, err: Console, enabled: bool) -> None:
        self._err = err
        self._enabled = enabled
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._step = ""

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __call__(self, step: str, done: int, total: int | None) -> None:
        if not self._enabled:
            return
        if self._bar is None:
            if time.monotonic() - self._started < PROGRESS_DELAY_S or total is not None and done >= total:
                return
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[count]}"),
                                 TimeElapsedColumn(), console=self._err, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("", total=total, count="")
        assert self._task is not None
        count = "" if total is None else f"{done:,}/{total:,}"
        if step != self._step:  # a new step starts its clock; one that cannot count pulses
            self._bar.reset(self._task, description=step, total=total, completed=done, count=count)
            self._bar.refresh()
            self._step = step
        else:
            self._bar.update(self._task, completed=done, total=total, count=count)

    def stop(self) -> None:
        """Remove the bar, for good."""
        self._enabled = False
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _report_problems(result: ScanResult | ScanOutput, err: Console, quiet: bool) -> None:
    """One stderr line per warning (the index) and per skipped input, unless ``--quiet``."""
    if quiet:
        return
    for warning in result.warnings:
        err.print(terminal_safe(f"quotetrack: warning: {warning}"), markup=False)
    for skipped in result.skipped:
        err.print(terminal_safe(f"quotetrack: skipped {skipped.path}: {skipped.reason}"), markup=False)


def _summary(output: ScanOutput) -> str:
    """The scan summary line."""
    return (f"{output.articles} articles read, {output.quotes} quotes found, "
            f"{output.clusters} clusters, {len(output.skipped)} files skipped")


def _emit(write: Callable[[TextIO], T]) -> T:
    """Write data to stdout; a reader that went away (``| head``) ends the run quietly with 0."""
    try:
        written = write(sys.stdout)
        sys.stdout.flush()
        return written
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # silence the interpreter's flush at exit
        raise typer.Exit(Exit.OK) from None


def _call(fn: Callable[[], T], err: Console) -> T:
    """Run a library call, turning its errors into a one-line message and an exit code."""
    try:
        return fn()
    except (UsageError, InputError) as exc:
        err.print(terminal_safe(f"quotetrack: error: {exc}"), markup=False)
        raise typer.Exit(Exit.USAGE) from None
    except QuotetrackError as exc:
        err.print(terminal_safe(f"quotetrack: error: {exc}"), markup=False)
        raise typer.Exit(Exit.ERROR) from None


def main() -> None:
    """Console entry point: runs the app; Ctrl-C exits 130 with one line on stderr."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("quotetrack: interrupted\n")
        sys.exit(Exit.INTERRUPTED)


@app.command()
def text(
    doc: Annotated[str, typer.Argument(help="A doc id as scan prints it (002_ff90968e26bab656, export:3).",
                                       show_default=False)],
    corpus: CorpusOption = ".",
) -> None:
    """Print the article text quotetrack read for DOC: the string every start/end offset indexes."""
    article = _call(lambda: find_article(doc, corpus), _stderr())

    def write(out: TextIO) -> None:
        out.write(article.text)

    _emit(write)


@app.command()
def report(paths: PathsArgument, output: OutputOption = "-", quiet: QuietOption = False, jobs: JobsOption = 0,
           index: IndexOption = None, no_index: NoIndexOption = False) -> None:
    """Write one self-contained HTML page: quotes by outlet, each quote's variants, a timeline."""
    err = _stderr()
    result = _scanned(paths, _options(paths, jobs, index, no_index), err, quiet)
    _report_problems(result, err, quiet)
    if output == "-":
        _emit(lambda out: render_html(result, out))
    else:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                render_html(result, fh)
        except OSError as exc:
            err.print(f"quotetrack: error: cannot write {output}: {exc.strerror}", markup=False)
            raise typer.Exit(Exit.ERROR) from None
    if not quiet:
        where = "" if output == "-" else f"wrote {output}: "
        err.print(where + _summary(ScanOutput.of(result)), markup=False)


ARTICLE_HELP = "An article file, or a doc-id prefix (002, 002_ff9) of one article under --corpus."
ArticleAArgument = Annotated[str, typer.Argument(metavar="A", help=ARTICLE_HELP, show_default=False)]
ArticleBArgument = Annotated[str, typer.Argument(metavar="B", help=ARTICLE_HELP, show_default=False)]
WordsArgument = Annotated[str, typer.Argument(
    metavar="WORDS", help="A few words of the quote (fuzzy).", show_default=False)]
MinScoreOption = Annotated[float, typer.Option(
    "--min-score", min=0, max=100, help="How closely (0-100) a quote must match the words.")]


@app.command()
def diff(
    a: ArticleAArgument,
    b: ArticleBArgument,
    corpus: CorpusOption = ".",
    fmt: FormatOption = Format.AUTO,
    raw_cells: RawCellsOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare two articles: the quotes they share and how each differs, then each one's own."""
    err = _stderr()
    result = _call(lambda: diff_articles(find_article(a, corpus), find_article(b, corpus)), err)
    resolved = resolve_format(fmt, sys.stdout.isatty())
    rows = diff_rows(result)
    _emit(lambda out: render_view(DIFF_COLUMNS, rows, resolved, out, raw_cells=raw_cells))
    if not quiet:
        err.print(f"{result.a.doc} vs {result.b.doc}: {describe(result.summary)}", markup=False)


@app.command()
def trace(
    words: WordsArgument,
    paths: PathsArgument,
    fmt: FormatOption = Format.AUTO,
    min_score: MinScoreOption = DEFAULT_MIN_SCORE,
    raw_cells: RawCellsOption = False,
    quiet: QuietOption = False,
    jobs: JobsOption = 0,
    index: IndexOption = None,
    no_index: NoIndexOption = False,
) -> None:
    """Find a quote by a few of its words and show every outlet's wording, earliest first."""
    err = _stderr()
    result = _scanned(paths, _options(paths, jobs, index, no_index), err, quiet)
    _report_problems(result, err, quiet)
    hits = _call(lambda: find_quote(words, result.clusters, min_score), err)
    resolved = resolve_format(fmt, sys.stdout.isatty())
    rows = trace_rows(hits)
    _emit(lambda out: render_view(TRACE_COLUMNS, rows, resolved, out, raw_cells=raw_cells))
    if not quiet:
        if hits:
            err.print(f"{len(hits)} matching quotes, {len(rows)} occurrences in "
                      f"{len(result.articles)} articles", markup=False)
        else:
            err.print(f"no quote matches '{words}' in {len(result.articles)} articles", markup=False)
