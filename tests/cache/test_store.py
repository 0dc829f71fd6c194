"""The store's hit on Redis: the process's copy, the generation, a new entry under a key."""

import time

import pytest

from core.pagecache import store

pytestmark = pytest.mark.usefixtures("page_cache")


def entry(text: str, versions: dict[str, int]) -> store.Entry:
    return store.Entry(
        200, (("Content-Type", "text/html"),), text.encode(), versions, time.time() + 60
    )


def keep(key: str, text: str, tags: set[str]) -> store.Entry:
    started = time.time_ns()
    versions, _ = store.versions_at_render(tags, started_ns=started)
    kept = entry(text, versions)
    store.save(key, kept, 60, current_at_ns=started)
    return kept


def test_a_bump_makes_an_entry_stale_after_hits_found_it_current():
    keep("page:a", "<p>before</p>", {"article-1", "article-2"})
    for _ in range(3):  # checked once, then current at the same generation
        assert store.lookup("page:a").current
    store.bump(["article-2"])
    found = store.lookup("page:a")
    assert found is not None and not found.current


def test_a_bump_of_other_tags_leaves_it_current():
    keep("page:a", "<p>before</p>", {"article-1"})
    assert store.lookup("page:a").current
    store.bump(["article-9"])
    assert store.lookup("page:a").current


def test_a_new_entry_under_a_checked_key_is_compared_afresh():
    keep("page:a", "<p>before</p>", {"article-1"})
    assert store.lookup("page:a").current
    # Stored stale from the start (a tag moved while it rendered): never current.
    store.save("page:a", entry("<p>racing</p>", {"article-1": 0}), 60)
    found = store.lookup("page:a")
    assert not found.current and found.entry.content == b"<p>racing</p>"


def test_the_copy_a_process_holds_is_served_only_while_it_is_the_entry():
    keep("page:a", "<p>first</p>", {"article-1"})
    assert store.lookup("page:a").entry.content == b"<p>first</p>"
    assert store.lookup("page:a").entry.content == b"<p>first</p>"  # the held copy
    keep("page:a", "<p>second</p>", {"article-1"})
    assert store.lookup("page:a").entry.content == b"<p>second</p>"
