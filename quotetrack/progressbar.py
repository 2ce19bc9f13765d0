"""The transient progress bar a command shows on stderr while a scan runs (front end only: the
library reports progress through ``pipeline.Progress`` and never draws)."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

PROGRESS_DELAY_S = 0.5
"""A scan shows a progress bar only once it has run this long: quick scans stay quiet."""


class ProgressBar:
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

    def __enter__(self) -> ProgressBar:
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
