"""Every story of the house-style corpus imports as its row of expected.toml says.

One table-driven test: the stories are our own invented writing in the styles of the
agencies and papers in articles/importers/house_styles.py, and expected.toml holds what
an editor would want recognised in each. bench/ingest_corpus.py scores the same table.
"""

import pytest

from articles.importers.house_styles import STYLES
from articles.importers.tags import MAX_SUGGESTED
from articles.services.importing import plan_import

from .corpus.table import TAG_RANGE, TAGGED_WORDS, Observed, load_stories

STORIES = load_stories()
GENERIC = "(generic web)"


def test_the_corpus_holds_two_dozen_stories_in_a_dozen_styles():
    assert len(STORIES) >= 24
    assert len({story.style for story in STORIES}) >= 12
    # Every row of the house-style table has a story in its style (the nameless row is the
    # generic web story's).
    assert {style.name or GENERIC for style in STYLES} == {story.style for story in STORIES}


@pytest.mark.parametrize("story", STORIES, ids=[story.file for story in STORIES])
def test_each_story_of_the_corpus_imports_as_its_table_says(story, sections):
    plan = plan_import(data=story.data)
    seen = Observed.of(plan)

    assert (seen.headline, seen.dateline, seen.source) == (
        story.headline,
        story.dateline,
        story.source,
    )
    assert seen.standfirst == story.standfirst
    assert seen.bylines == story.bylines
    assert seen.subheadings == story.subheadings
    assert seen.credits == story.credits
    assert seen.corrections == story.corrections
    assert set(seen.people) == set(story.people)
    for name, phrase in story.roles.items():
        assert seen.has_role(name, phrase), (name, seen.people[name])
    for name in story.not_people:
        assert not any(name in person for person in seen.people), name
    assert seen.boilerplate_left(story) == []
    assert all(seen.has_tag(tag) for tag in story.tags), seen.tags
    assert len(seen.tags) <= MAX_SUGGESTED
    if seen.words >= TAGGED_WORDS:
        assert TAG_RANGE[0] <= len(seen.tags) <= TAG_RANGE[1], seen.tags
    reasons = [*plan.tag_reasons.values(), *plan.new_tag_reasons.values()]
    assert len(reasons) == len(seen.tags) and all(reasons)
