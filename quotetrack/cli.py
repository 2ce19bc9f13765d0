"""The ``quotetrack`` command: parse options, call the library, render, map errors to exit codes.

This is the only module that imports typer. Data goes to stdout; warnings and the summary go to a
stderr console.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Callable
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO, TypeVar

import typer
import typer.core
from rich.console import Console

from ._version import __version__
from .diff import diff_articles
from .diffview import DIFF_COLUMNS, TRACE_COLUMNS, describe, diff_rows, render_view, trace_rows
from .html_report import DEFAULT_LIMIT, render_html
from .index import default_path as default_index_path
from .index import refusal as index_refusal
from .index import scanned_folder
from .lookup import find_article
from .models import InputError, Kind, QuotetrackError, ScanOptions, ScanOutput, ScanResult, UsageError
from .outputs import scan_output
from .pipeline import scan as run_scan
from .progressbar import ProgressBar
from .report import Format, outlet_labels, render, resolve_format, terminal_safe, to_rows
from .trace import DEFAULT_MIN_SCORE
from .trace import trace as find_quote

T = TypeVar("T")


class Exit(IntEnum):
    """Process exit codes (README: Exit codes)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


def _click_error_classes() -> tuple[type[Exception], type[Exception]]:
    """typer's click ``ClickException`` and ``Abort`` (typer vendors click in some releases, so
    they are found through typer's own ``BadParameter``, whatever package holds them)."""
    mro = typer.BadParameter.__mro__
    click_error = next(c for c in mro if c.__name__ == "ClickException")
    return click_error, sys.modules[click_error.__module__].Abort


class _Group(typer.core.TyperGroup):
    """The command group, with usage errors as one line on stderr ("quotetrack: error: ...")
    instead of a boxed panel, and Ctrl-C saying it was interrupted."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        click_error, abort = _click_error_classes()
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click_error as exc:
            if not standalone_mode:
                raise
            ctx = getattr(exc, "ctx", None)
            where = f" (see '{ctx.command_path} -h')" if ctx is not None else ""
            message = exc.format_message()  # type: ignore[attr-defined]
            sys.stderr.write(terminal_safe(f"quotetrack: error: {message[:1].lower()}{message[1:]}{where}") + "\n")
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except abort:
            if not standalone_mode:
                raise
            code = Exit.INTERRUPTED
        if code == Exit.INTERRUPTED:  # typer turns Ctrl-C into this exit code
            sys.stderr.write("quotetrack: interrupted\n")
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else Exit.OK)


app = typer.Typer(
    name="quotetrack",
    cls=_Group,
    help="Quote provenance tracker: find every direct quotation in news articles, who said it, "
         "which outlets carried it and when, and how the wording differs.",
    epilog="Run 'quotetrack COMMAND -h' for a command's options and examples. Reference: docs/CLI.md.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class Shape(str, Enum):
    """Which rows ``scan`` writes: one per quote (cluster) or one per occurrence."""

    AUTO = "auto"
    CLUSTERS = "clusters"
    OCCURRENCES = "occurrences"


FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", case_sensitive=False, metavar="FORMAT",
    help="auto, table, csv, tsv, json or jsonl. auto: a table on a terminal, TSV when piped, "
         "and by the suffix of an -o file (.csv, .tsv, .json, .jsonl).")]
PathsArgument = Annotated[list[str], typer.Argument(
    metavar="PATH...", help="Article files or directories (searched recursively); - reads standard input.",
    show_default=False)]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No summary or warnings on stderr.")]
OutputOption = Annotated[str, typer.Option(
    "--output", "-o", metavar="FILE",
    help="Write to this file instead of standard output (- is standard output).")]
CorpusOption = Annotated[str | None, typer.Option(
    "--corpus", "-c", metavar="DIR", show_default=False,
    help="Where to look for doc ids (default: the current folder); also the last argument.")]
CorpusArgument = Annotated[str | None, typer.Argument(
    metavar="[CORPUS]", show_default=False,
    help="The file or folder the articles were scanned from (as --corpus; default: the current folder).")]
RawCellsOption = Annotated[bool, typer.Option(
    "--raw-cells", help="CSV and TSV cells exactly as the text has them: no formula guard "
                        "(leading ' before = + - @) and no removal of control characters.")]
JobsOption = Annotated[int, typer.Option(
    "--jobs", "-j", min=0, metavar="N",
    help="Worker processes for extraction, clustering and comparing wordings: 0 uses every core, 1 runs serially.")]
IndexOption = Annotated[str | None, typer.Option(
    "--index", metavar="FILE", show_default=False,
    help="Incremental index file (default: $XDG_CACHE_HOME/quotetrack/index.sqlite, ~/.cache when unset). "
         "An existing file must be a quotetrack index, outside the folders scanned.")]
NoIndexOption = Annotated[bool, typer.Option(
    "--no-index", envvar="QUOTETRACK_NO_INDEX", help="Neither read nor write the incremental index.")]
SpeakerOption = Annotated[str | None, typer.Option(
    "--speaker", "-s", metavar="TEXT", show_default=False,
    help="Only quotes whose speaker contains this text (case-insensitive).")]
MinOutletsOption = Annotated[int, typer.Option(
    "--min-outlets", "-m", min=1, metavar="N", help="Only quotes carried by at least this many outlets.")]
FullOnlyOption = Annotated[bool, typer.Option(
    "--full-only", help="Only full quotes (no fragments or scare quotes).")]
KindOption = Annotated[list[Kind] | None, typer.Option(
    "--kind", "-k", case_sensitive=False, metavar="KIND", show_default=False,
    help="Only quotes of this kind: full, fragment or title (repeat for more). Default: full and fragment "
         "in the provenance table (titles and labels such as show names are left out), every kind in "
         "occurrence rows.")]
# Not DASK_SCHEDULER_ADDRESS: a variable set for other Dask work must not send articles off this
# machine unasked (docs/SCALING.md, "Running on a Dask cluster today").
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", metavar="ADDRESS", envvar="QUOTETRACK_SCHEDULER", show_default=False,
    help="Read and extract the articles on the workers of this running Dask scheduler (tcp://HOST:PORT; "
         "needs quotetrack[dask]). Clustering and output stay here.")]


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotetrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool | None, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None) -> None:
    """Quote provenance tracker."""


SCAN_EXAMPLES = """Examples:

  quotetrack scan seeds/                       the provenance table: which outlets carried each quote

  quotetrack scan seeds/ --long -s putin       each outlet's own wording of Putin's quotes

  quotetrack scan news/ -m 3 -o quotes.csv     quotes at least 3 outlets carried, as CSV

  quotetrack scan news/ -f json --shape clusters   the provenance table as JSON"""


@app.command(epilog=SCAN_EXAMPLES)
def scan(
    paths: PathsArgument,
    fmt: FormatOption = Format.AUTO,
    long: Annotated[bool, typer.Option(
        "--long", "-l", help="One row per occurrence, with each outlet's own wording (--shape occurrences).")] = False,
    shape: Annotated[Shape, typer.Option(
        "--shape", case_sensitive=False, metavar="SHAPE",
        help="clusters (one row per quote), occurrences (one per quote in each article), or auto: "
             "occurrences for JSON and JSON lines, clusters otherwise.")] = Shape.AUTO,
    speaker: SpeakerOption = None,
    min_outlets: MinOutletsOption = 1,
    full_only: FullOnlyOption = False,
    kind: KindOption = None,
    output: OutputOption = "-",
    quiet: QuietOption = False,
    raw_cells: RawCellsOption = False,
    jobs: JobsOption = 0,
    index: IndexOption = None,
    no_index: NoIndexOption = False,
    scheduler: SchedulerOption = None,
) -> None:
    """Find every quote, its speaker and the outlets that carried it: one row per quote."""
    err = _stderr()
    if long and shape is Shape.CLUSTERS:
        _fail(Exit.USAGE, "--long and --shape clusters ask for different rows: give one")
    resolved = _format(fmt, output)
    per_occurrence = long or shape is Shape.OCCURRENCES or (
        shape is Shape.AUTO and resolved in (Format.JSON, Format.JSONL))
    options = _options(paths, jobs, index, no_index, scheduler=scheduler, speaker=speaker, min_outlets=min_outlets,
                       full_only=full_only, kinds=_kinds(kind, every=per_occurrence))
    with ProgressBar(err, enabled=not quiet and err.is_terminal) as progress:
        def write(result: ScanResult, out: TextIO) -> None:
            progress.stop()  # before any output: rich redirects stdout while a bar is live
            _require_readable(result, err, quiet)
            columns, rows = to_rows(result.clusters, per_occurrence=per_occurrence, records=resolved is Format.TABLE)
            labels = outlet_labels(result.articles) if resolved is Format.TABLE else None
            render(columns, rows, resolved, out, raw_cells=raw_cells, labels=labels)

        if resolved is Format.TABLE:  # drawn for this terminal: written straight to it, never stored
            result = _call(lambda: run_scan(paths, options, stdin=sys.stdin.buffer, progress=progress), err)
            _call(lambda: _emit(lambda out: write(result, out), output), err)
            written = ScanOutput.of(result)
        else:
            spec = f"{resolved.value} long={per_occurrence} raw={raw_cells}"
            written = _call(lambda: _emit(lambda out: scan_output(
                paths, options, write, spec, out, stdin=sys.stdin.buffer, progress=progress), output), err)
    _report_problems(written, err, quiet)
    if not quiet:
        err.print(_summary(written, output), markup=False)


def _options(paths: list[str], jobs: int, index: str | None, no_index: bool, **filters: Any) -> ScanOptions:
    """The scan options of a command, with the index it uses (None: ``--no-index``). No command
    shows article texts from a scan, so none are kept."""
    index_path: str | None = None
    if index and not no_index:
        reason = index_refusal(index, paths)
        if reason is not None:
            _fail(Exit.USAGE, reason)
        index_path = index
    elif not no_index:
        index_path = default_index_path(paths)
        if index_path is not None and scanned_folder(index_path, paths) is not None:
            index_path = None  # the user's cache is inside the folder scanned: write nothing there
    return ScanOptions(jobs=jobs, index=index_path, texts=False, **filters)


def _kinds(asked: list[Kind] | None, every: bool) -> tuple[Kind, ...] | None:
    """The kinds of quote to keep: those asked for; by default every kind in occurrence rows, and
    no titles in the provenance table (a show or a nickname in quote marks is said by no one)."""
    if asked:
        return tuple(k for k in Kind if k in asked)
    return None if every else (Kind.FULL, Kind.FRAGMENT)


def _fail(code: Exit, message: str) -> NoReturn:
    """End the command with ``message`` on stderr (one line) and exit ``code``."""
    _stderr().print(terminal_safe(f"quotetrack: error: {message}"), markup=False)
    raise typer.Exit(code)


def _require_readable(result: ScanResult, err: Console, quiet: bool) -> None:
    """Fail (exit 1, after the skipped inputs are listed) when no article could be read and some
    input was skipped: a script must be able to tell. Readable files without quotes succeed."""
    if result.articles or not result.skipped:
        return
    _report_problems(result, err, quiet)
    first = result.skipped[0]
    if len(result.skipped) == 1:
        _fail(Exit.ERROR, f"cannot read {first.path}: {first.reason}")
    _fail(Exit.ERROR, f"none of the {len(result.skipped)} inputs could be read ({first.path}: {first.reason}; ...)")


SUFFIX_FORMATS = {".csv": Format.CSV, ".tsv": Format.TSV, ".tab": Format.TSV, ".json": Format.JSON,
                  ".jsonl": Format.JSONL, ".ndjson": Format.JSONL}
"""The format ``auto`` picks for an ``-o`` file by its suffix; TSV for any other."""


def _format(requested: Format, output: str) -> Format:
    """The format to write: as asked, or for ``auto`` a table on a terminal, TSV in a pipe, and
    by its suffix for an ``-o`` file."""
    if output != "-":
        return SUFFIX_FORMATS.get(Path(output).suffix.lower(), Format.TSV) if requested is Format.AUTO else requested
    return resolve_format(requested, sys.stdout.isatty())


def _scanned(paths: list[str], options: ScanOptions, err: Console, quiet: bool) -> ScanResult:
    """A whole scan for a command that reads its result, with the progress bar while it runs;
    nothing readable is an error."""
    with ProgressBar(err, enabled=not quiet and err.is_terminal) as progress:
        result = _call(lambda: run_scan(paths, options, stdin=sys.stdin.buffer, progress=progress), err)
    _require_readable(result, err, quiet)
    return result


def _report_problems(result: ScanResult | ScanOutput, err: Console, quiet: bool) -> None:
    """One stderr line per warning (the index) and per skipped input, unless ``--quiet``."""
    if quiet:
        return
    for warning in result.warnings:
        err.print(terminal_safe(f"quotetrack: warning: {warning}"), markup=False)
    for skipped in result.skipped:
        err.print(terminal_safe(f"quotetrack: skipped {skipped.path}: {skipped.reason}"), markup=False)


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 outlet``, ``2 outlets``."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def _summary(output: ScanOutput, written_to: str = "-") -> str:
    """The scan summary line."""
    where = "" if written_to == "-" else f"wrote {written_to}: "
    return (f"{where}{plural(output.articles, 'article')} read, {plural(output.quotes, 'quote')} found, "
            f"{plural(output.clusters, 'cluster')}, {plural(len(output.skipped), 'file')} skipped")


class CannotWrite(QuotetrackError):
    """The ``-o`` file cannot be written."""


class _LazyFile(io.TextIOBase):
    """An output file opened at the first write, so a command that fails before writing leaves
    no file behind (and never truncates one)."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._fh: TextIO | None = None

    def write(self, text: str) -> int:
        if self._fh is None:
            try:
                self._fh = open(self._path, "w", encoding="utf-8", newline="")
            except OSError as exc:
                raise CannotWrite(f"cannot write {self._path}: {exc.strerror}") from None
        return self._fh.write(text)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        super().close()


def _emit(write: Callable[[TextIO], T], output: str = "-") -> T:
    """Write data to ``output`` (a file, or standard output for ``-``); a reader that went away
    (``| head``) ends the run quietly with 0."""
    if output != "-":
        out = _LazyFile(output)
        try:
            return write(out)  # type: ignore[arg-type]
        finally:
            out.close()
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


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: raised in the main process so every ``finally`` runs (worker
    pools shut down, the index closes) before the process exits."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    if os.getpid() != _MAIN_PID:  # a forked worker inherited this handler: die as by default
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise Terminated(signum)


_MAIN_PID = os.getpid()


def main() -> None:
    """Console entry point: runs the app. Ctrl-C exits 130 and says it was interrupted; SIGTERM
    and SIGHUP end the worker processes too and exit 128 + the signal's number."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _on_signal)
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("quotetrack: interrupted\n")
        sys.exit(Exit.INTERRUPTED)
    except Terminated as exc:
        sys.stderr.write(f"quotetrack: terminated by {signal.Signals(exc.signum).name}\n")
        sys.exit(128 + exc.signum)


TEXT_EXAMPLES = """Examples:

  quotetrack text 002 seeds/              the text of the article whose doc id starts with 002

  quotetrack text 002 seeds/ | cut -c 269-324   a quote by its start and end offsets (1-based cut)"""


@app.command(epilog=TEXT_EXAMPLES)
def text(
    doc: Annotated[str, typer.Argument(
        metavar="DOC", show_default=False,
        help="A doc id or its prefix as scan prints it (002, 002_ff9, export:3), or an article file.")],
    corpus_arg: CorpusArgument = None,
    corpus: CorpusOption = None,
    output: OutputOption = "-",
) -> None:
    """Print the article text quotetrack read for DOC: the string every start/end offset indexes."""
    root = _corpus(corpus_arg, corpus)
    article = _call(lambda: find_article(doc, root), _stderr())

    def write(out: TextIO) -> None:
        out.write(article.text or "")

    _call(lambda: _emit(write, output), _stderr())


def _corpus(argument: str | None, option: str | None) -> str:
    """The corpus a command looks in: the last argument or ``--corpus`` (not both), else here."""
    if argument is not None and option is not None and argument != option:
        _fail(Exit.USAGE, f"two corpora named ({argument} and --corpus {option}): give one")
    return argument or option or "."


REPORT_EXAMPLES = """Examples:

  quotetrack report seeds/ -o report.html          one page: quotes by outlet, variants, a timeline

  quotetrack report news/ -m 3 --limit 50 -o r.html   the 50 quotes most outlets carried, of those 3+ did"""


@app.command(epilog=REPORT_EXAMPLES)
def report(
    paths: PathsArgument,
    output: OutputOption = "-",
    speaker: SpeakerOption = None,
    min_outlets: MinOutletsOption = 1,
    full_only: FullOnlyOption = False,
    kind: KindOption = None,
    limit: Annotated[int, typer.Option(
        "--limit", "-n", min=1, metavar="N",
        help="Quotes in the matrix and the variants: the N that most outlets carried (the rest are counted).")
    ] = DEFAULT_LIMIT,
    quiet: QuietOption = False,
    jobs: JobsOption = 0,
    index: IndexOption = None,
    no_index: NoIndexOption = False,
    scheduler: SchedulerOption = None,
) -> None:
    """Write one self-contained HTML page: quotes by outlet, each quote's variants, a timeline."""
    err = _stderr()
    if output == "-" and sys.stdout.isatty():
        _fail(Exit.USAGE, "report writes an HTML page: name a file with -o report.html (or redirect the output)")
    options = _options(paths, jobs, index, no_index, scheduler=scheduler, speaker=speaker, min_outlets=min_outlets,
                       full_only=full_only, kinds=_kinds(kind, every=False))
    result = _scanned(paths, options, err, quiet)
    _report_problems(result, err, quiet)
    _call(lambda: _emit(lambda out: render_html(result, out, limit=limit), output), err)
    if not quiet:
        err.print(_summary(ScanOutput.of(result), output), markup=False)


ARTICLE_HELP = "An article file, or a doc id or its prefix (002, 002_ff9) of one article in the corpus."
ArticleAArgument = Annotated[str, typer.Argument(metavar="A", help=ARTICLE_HELP, show_default=False)]
ArticleBArgument = Annotated[str, typer.Argument(metavar="B", help=ARTICLE_HELP, show_default=False)]
WordsArgument = Annotated[str, typer.Argument(
    metavar="WORDS", help="A few words of the quote (fuzzy).", show_default=False)]
MinScoreOption = Annotated[float, typer.Option(
    "--min-score", min=0, max=100, metavar="SCORE", help="How closely (0-100) a quote's words must match WORDS.")]

DIFF_EXAMPLES = """Examples:

  quotetrack diff 002 003 seeds/             the quotes two articles share and how each wording differs

  quotetrack diff a.txt b.txt -f tsv         two files, as TSV (changes marked [-old-]{+new+})"""


@app.command(epilog=DIFF_EXAMPLES)
def diff(
    a: ArticleAArgument,
    b: ArticleBArgument,
    corpus_arg: CorpusArgument = None,
    corpus: CorpusOption = None,
    fmt: FormatOption = Format.AUTO,
    output: OutputOption = "-",
    raw_cells: RawCellsOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare two articles: the quotes they share and how each differs, then each one's own."""
    err = _stderr()
    root = _corpus(corpus_arg, corpus)
    result = _call(lambda: diff_articles(find_article(a, root), find_article(b, root)), err)
    resolved = _format(fmt, output)
    rows = diff_rows(result)
    _call(lambda: _emit(lambda out: render_view(DIFF_COLUMNS, rows, resolved, out, raw_cells=raw_cells), output), err)
    if not quiet:
        labels = outlet_labels([result.a, result.b])
        names = [labels.get(x.outlet, x.outlet) for x in (result.a, result.b)]
        err.print(terminal_safe(f"{names[0]} vs {names[1]}: {describe(result.summary)}"), markup=False)


TRACE_EXAMPLES = """Examples:

  quotetrack trace "cease hostilities" seeds/     every outlet's wording of that quote, earliest first

  quotetrack trace "halt the fighting" news/ --min-score 80 -f csv"""


@app.command(epilog=TRACE_EXAMPLES)
def trace(
    words: WordsArgument,
    paths: PathsArgument,
    fmt: FormatOption = Format.AUTO,
    min_score: MinScoreOption = DEFAULT_MIN_SCORE,
    output: OutputOption = "-",
    raw_cells: RawCellsOption = False,
    quiet: QuietOption = False,
    jobs: JobsOption = 0,
    index: IndexOption = None,
    no_index: NoIndexOption = False,
    scheduler: SchedulerOption = None,
) -> None:
    """Find a quote by a few of its words and show every outlet's wording, earliest first."""
    err = _stderr()
    result = _scanned(paths, _options(paths, jobs, index, no_index, scheduler=scheduler), err, quiet)
    _report_problems(result, err, quiet)
    hits = _call(lambda: find_quote(words, result.clusters, min_score), err)
    resolved = _format(fmt, output)
    rows = trace_rows(hits)
    labels = outlet_labels(result.articles)
    _call(lambda: _emit(lambda out: render_view(TRACE_COLUMNS, rows, resolved, out, raw_cells=raw_cells,
                                                labels=labels), output), err)
    if not quiet:
        articles = plural(len(result.articles), "article")
        if hits:
            err.print(f"{plural(len(hits), 'matching quote')}, {plural(len(rows), 'occurrence')} in {articles}",
                      markup=False)
        else:
            err.print(terminal_safe(f"no quote matches '{words}' in {articles}"), markup=False)
