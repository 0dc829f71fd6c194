import pytest
from django.urls import reverse

from articles.models import Tag
from articles.services.tags import merge_tags
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_merging_moves_articles_and_keeps_names_as_aliases():
    target = TagFactory(name="National People's Congress")
    duplicate = TagFactory(name="NPC", aliases="Quanguo Renda")
    both, only_duplicate = ArticleFactory(), ArticleFactory()
    both.tags.add(target, duplicate)
    only_duplicate.tags.add(duplicate)

    moved = merge_tags(target=target, duplicates=[duplicate])

    assert moved == 1
    assert not Tag.objects.filter(pk=duplicate.pk).exists()
    assert list(both.tags.all()) == [target]
    assert list(only_duplicate.tags.all()) == [target]
    target.refresh_from_db()
    assert target.alias_list == ["NPC", "Quanguo Renda"]


def test_merging_two_duplicates_on_one_article_leaves_one_tagging():
    target, first, second = TagFactory(), TagFactory(), TagFactory()
    article = ArticleFactory()
    article.tags.add(first, second)
    merge_tags(target=target, duplicates=[first, second])
    assert list(article.tags.all()) == [target]


def test_the_admin_action_asks_which_tag_to_keep_then_merges(editor_client):
    keep, drop = TagFactory(name="Hong Kong"), TagFactory(name="HK")
    ArticleFactory().tags.add(drop)
    url = reverse("admin:articles_tag_changelist")
    selection = {"action": "merge_selected", "_selected_action": [keep.pk, drop.pk]}

    confirmation = editor_client.post(url, selection)
    assert "Keep which tag?" in confirmation.text
    assert Tag.objects.count() == 2

    editor_client.post(url, {**selection, "target": keep.pk})
    assert list(Tag.objects.all()) == [keep]
    assert keep.tagged_articles.count() == 1
