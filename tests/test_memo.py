"""Values derived once from objects every session shares (components.memo)."""

import gc

from components import memo


class Shared:
    """Stands for a frame or figure a `Memo` keeps."""


def test_derived_builds_once_for_the_same_object_and_key():
    source, builds = Shared(), []
    for _ in range(3):
        value = memo.derived(source, "arrow", lambda: builds.append(1) or len(builds))
    assert value == 1 and builds == [1]
    assert memo.derived(source, "figure", lambda: "other") == "other"


def test_derived_forgets_an_object_once_it_is_collected():
    source = Shared()
    memo.derived(source, "arrow", lambda: "table")
    slot = (id(source), "arrow")
    del source
    gc.collect()
    assert slot not in memo._derived
