"""Which lines of the editor still wait for their colours, kept right across edits.

The highlighter colours a big post in slices from the event loop, and an edit may
change how every following line reads (opening a code fence). What is left to do
is a few runs of block numbers; an edit moves the runs after it, and folds the runs
it swallowed into the lines it touched. Pure bookkeeping, so it has no Qt in it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Run:
    """Highlight from `start`, every line through `force`; after that only as long as
    a line's start state differs from the one it was last coloured with."""

    start: int
    force: int


class PendingRuns:
    """The runs still to do, sorted by start, never overlapping."""

    def __init__(self) -> None:
        self._runs: list[Run] = []

    def __bool__(self) -> bool:
        return bool(self._runs)

    def __len__(self) -> int:
        return len(self._runs)

    def runs(self) -> list[Run]:
        return [Run(run.start, run.force) for run in self._runs]

    def clear(self) -> None:
        self._runs.clear()

    def add(self, start: int, force: int) -> None:
        """Mark blocks `start`..`force` as to be coloured, merging touching runs."""
        force = max(start, force)
        merged = Run(start, force)
        kept: list[Run] = []
        for run in self._runs:
            if run.start <= merged.force + 1 and merged.start <= run.force + 1:
                merged = Run(min(run.start, merged.start), max(run.force, merged.force))
            else:
                kept.append(run)
        kept.append(merged)
        kept.sort(key=lambda run: run.start)
        self._runs = kept

    def pop_first(self) -> Run | None:
        """The topmost run, taken off the list: the background pass works top down."""
        return self._runs.pop(0) if self._runs else None

    def next_start(self, after: int) -> int | None:
        """Where the first run below block `after` starts."""
        return next((run.start for run in self._runs if run.start > after), None)

    def covers(self, block: int) -> bool:
        """Whether a run will colour `block` whatever the states say."""
        return any(run.start <= block <= run.force for run in self._runs)

    def take_at(self, block: int) -> int | None:
        """If a run covers `block`, remove it and return how far it forces colouring:
        a run that reaches it carries that work on instead of stopping early."""
        for index, run in enumerate(self._runs):
            if run.start <= block <= run.force:
                del self._runs[index]
                return run.force
            if run.start > block:
                return None
        return None

    def edited(self, first: int, old_last: int, new_last: int) -> None:
        """Blocks `first`..`old_last` became `first`..`new_last`: move what follows."""
        delta = new_last - old_last
        moved: list[Run] = []
        for run in self._runs:
            start, force = run.start, run.force
            if start > old_last:
                start += delta
            elif start > first:
                start = first
            if force > old_last:
                force += delta
            elif force >= first:
                force = max(first, new_last)
            moved.append(Run(max(0, start), max(0, start, force)))
        self._runs = []
        for run in moved:
            self.add(run.start, run.force)
