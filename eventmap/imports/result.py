"""What an import gives back: the events, lazily, and every row it had to reject.

Policy (all readers): rejection is per row, not all-or-nothing. A row that cannot be
read (bad date, coordinates missing or out of range, wrong column count, unknown type…)
becomes a ``Rejected`` naming its line and the reason, and every other row is imported.
Events from others' files are independent records, so one bad row is no reason to lose
thousands of good ones; and nothing is dropped silently, because
``imported + len(rejected)`` always equals the rows read. Only a file that is not of the
format at all (missing columns, not JSON) raises ``BadInput`` before anything is read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Self

from eventmap.model import Event


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row that was not imported. ``line`` is the 1-based line the row starts on; for
    GeoJSON it is the feature's 0-based index in ``features`` (``unit`` says which)."""

    line: int
    reason: str
    unit: str = "line"

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.reason}"


class RowError(ValueError):
    """Raised by a row parser; the reader turns it into a ``Rejected``."""


Outcome = Event | Rejected


class ImportResult:
    """The events of one imported file, read as ``events`` is iterated.

    ``rejected`` fills up during the iteration, so it (and ``summary()``) is complete once
    ``events`` is exhausted. Use as a context manager (or call ``close``) to release the
    file when stopping early.
    """

    def __init__(
        self,
        source: str,
        fmt: str,
        outcomes: Iterable[Outcome],
        close: Callable[[], None] | None = None,
    ) -> None:
        self.source = source
        self.format = fmt
        self.rejected: list[Rejected] = []
        self.imported = 0
        self.done = False
        self._outcomes = outcomes
        self._close = close
        self.events: Iterator[Event] = self._run()

    def _run(self) -> Iterator[Event]:
        try:
            for outcome in self._outcomes:
                if isinstance(outcome, Rejected):
                    self.rejected.append(outcome)
                else:
                    self.imported += 1
                    yield outcome
            self.done = True
        finally:
            self.close()

    @property
    def rows(self) -> int:
        """Rows read so far: imported plus rejected."""
        return self.imported + len(self.rejected)

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reasons(self) -> Counter[str]:
        """Rejections counted by kind (the reason up to its first colon)."""
        return Counter(r.reason.split(":", 1)[0] for r in self.rejected)

    def summary(self) -> str:
        """One line for people: rows, imported, rejected and why."""
        state = "" if self.done else " (not read to the end)"
        text = (
            f"{self.source} ({self.format}): {self.rows} rows, {self.imported} imported, "
            f"{len(self.rejected)} rejected{state}"
        )
        if self.rejected:
            kinds = ", ".join(f"{n} {kind}" for kind, n in self.reasons().most_common())
            text += f" [{kinds}]"
        return text
