"""Values derived once from an object that every session shares.

Objects held by `st.cache_resource` (one per store version) are handed to every session
as they are, without a copy; what pages derive from them alone (tables, figures) can be
kept with them, so the first session to need a value builds it and the others reuse it.
Nothing stored here may be modified after it is built.
"""

from __future__ import annotations

import weakref
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


_derived: dict[tuple[int, Hashable], object] = {}


def derived(source: object, key: Hashable, build: Callable[[], T]) -> T:
    """`build()` once for as long as `source` (an object a `Memo` keeps) lives.

    For what Streamlit would otherwise derive from a shared table or figure on every
    run, where the code drawing it holds the object but not the `Memo` it came from.
    Found by the object's identity: the entry goes when the object is collected, before
    its id can be reused.
    """
    slot = (id(source), key)
    if slot not in _derived:
        value = build()
        if slot not in _derived:
            weakref.finalize(source, _derived.pop, slot, None)
        _derived[slot] = value
    return _derived[slot]  # type: ignore[return-value]
