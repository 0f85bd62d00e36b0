"""Values derived once from an object that every session shares.

Objects held by `st.cache_resource` (one per store version) are handed to every session
as they are, without a copy; what pages derive from them alone (tables, figures) can be
kept with them, so the first session to need a value builds it and the others reuse it.
Nothing stored here may be modified after it is built.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    """A dictionary of derived values, each built on first use (a race builds it twice)."""

    def __init__(self) -> None:
        self._memo: dict[Hashable, object] = {}

    def once(self, key: Hashable, build: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[return-value]
