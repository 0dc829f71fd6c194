"""The sample story from the shared seeds, recognised and imported as the issue describes."""

import pytest

from articles.importers.people import find_people
from articles.importers.plaintext import parse_plaintext
from articles.importers.source import decode_source
from articles.importers.tags import MAX_SUGGESTED
from articles.models import Article, ArticleImage, Byline, Mention, RelatedHeadline
from articles.services.importing import import_article, plan_import
from images.figures import figure_image_ids
from people.models import Person
from seeds.loader import load_newsroom
from tests.factories import ArticleFactory

SUBHEADINGS = [
    "Geopolitics at play: go south?",
    "Craft a new narrative",
    "Staying diverse",
    "Reinvent financial hub to seek global funds",
    "AI, fintech and biotech to drive growth",
]
CREDITS = ["Yik Yeung-man", "Xinhua", "Edmond So", "Reuters"]
# Each named person with a part of the role phrase the story gives them.
ROLES = {
    "Priscilla Leung Mei-fun": "law professor and veteran lawmaker",
    "Wilson Chan Wai-shun": "international relations expert",
    "Starry Lee Wai-king": "sole representative on the NPC Standing Committee",
    "Leung Chun-ying": "former city leader",
    "Jonathan Cummings": "former APAC president of Landor",
    "Rock Chen Chung-nin": "a local NPC deputy",
    "Johnny Ng Kit-chong": "an NPC deputy and tech entrepreneur",
    "Jonathan Choi Koon-shum": "Hong Kong-based conglomerate Sunwah Group",
    "John Lee Ka-chiu": "Chief Executive",
    "Paul Chan Mo-po": "Financial Secretary",
}
NOT_PEOPLE = [
    "Hong Kong", "Abu Dhabi", "Sunwah Group", "Landor", "BlackRock", "CK Hutchison Holdings",
    "Panama Canal", "Middle East", "Pagoda Institute", "Tsinghua University", "White House",
    "Bitcoin Asia", "Mainland Chinese", "National People", "Stablecoins Bill", "Los Angeles",
    "Edith Lin",
]  # fmt: skip
PROMOS = ["Get the answers", "WhatsApp", "mobile app", "More from", "Next In", "Others Also Read"]


@pytest.fixture
def parsed(sample_bytes):
    return parse_plaintext(decode_source(sample_bytes))


@pytest.fixture
def people(parsed):
    found = find_people(parsed.searchable_texts(), exclude=parsed.additional_reporting)
    return {person.name: person for person in found}


@pytest.fixture
def imported(sample_bytes, sections):
    return import_article(data=sample_bytes).article


def test_it_reads_the_exact_headline(parsed, sample_bytes):
    # The headline is the story's first line, compared from the seed rather than copied here.
    first_line = sample_bytes.decode("utf-8").strip().splitlines()[0].strip()
    assert parsed.headline == first_line
    assert parsed.headline.startswith("Hong Kong’s new task:")
    assert parsed.headline.endswith("pull it off?")


def test_it_finds_the_five_subheadings_in_order(parsed):
    assert parsed.subheadings == SUBHEADINGS


def test_it_turns_the_four_captions_into_figures_with_their_credits(parsed):
    assert [figure.credit for figure in parsed.figures] == CREDITS
    assert parsed.figures[1].text.startswith("Chief Executive John Lee (left) attends")
    assert all("Photo:" not in figure.text for figure in parsed.figures)


def test_it_finds_at_least_fifteen_people_each_with_the_role_phrase_the_story_gives(people):
    assert len(people) >= 15
    for name, phrase in ROLES.items():
        assert name in people, name
        assert phrase in people[name].role_phrase, (name, people[name].role_phrase)


def test_no_organisation_place_or_byline_is_taken_for_a_person(people):
    names = set(people)
    for not_a_person in NOT_PEOPLE:
        assert not any(not_a_person in name for name in names), not_a_person


def test_titles_are_not_part_of_names_and_short_forms_join_the_full_name(people):
    assert {"Li Qiang", "Ding Xuexiang", "Wang Yi", "Xi Jinping"} <= set(people)
    assert people["John Lee Ka-chiu"].variants == ["John Lee"]
    assert people["Paul Chan Mo-po"].variants == ["Paul Chan"]
    assert not any(name.startswith(("Premier", "Chief", "President")) for name in people)


def test_said_chan_goes_to_wilson_chan_and_the_budget_to_paul_chan(parsed):
    texts = parsed.searchable_texts()
    said_chan = next(i for i, text in enumerate(texts) if "said Chan," in text)
    budget = next(i for i, text in enumerate(texts) if text.startswith("In Hong Kong, Chan"))

    def counts(upto):
        found = find_people(texts[:upto])
        return {person.name: person.count for person in found}

    assert (
        counts(said_chan + 1)["Wilson Chan Wai-shun"]
        == counts(said_chan)["Wilson Chan Wai-shun"] + 1
    )
    before, after = counts(budget), counts(budget + 1)
    assert after["Paul Chan Mo-po"] == before["Paul Chan Mo-po"] + 1
    assert after["Wilson Chan Wai-shun"] == before["Wilson Chan Wai-shun"]


def test_surname_references_are_counted(people):
    assert people["Rock Chen Chung-nin"].count == 4
    assert people["Jonathan Choi Koon-shum"].count == 4
    assert people["Wilson Chan Wai-shun"].count == 3
    assert people["Paul Chan Mo-po"].count == 3


def test_ten_related_headlines_are_kept_under_aseanplus_news(parsed):
    assert parsed.related_section == "Aseanplus News"
    assert len(parsed.related_headlines) == 10
    assert parsed.related_headlines[5] == "Brunei shines at SEA Games opening ceremony"


def test_the_import_keeps_no_promo_in_the_body(imported):
    for promo in PROMOS:
        assert promo.lower() not in imported.body.lower(), promo
    assert imported.body.count("<h2>") == 5


def test_the_import_places_figures_in_the_body_as_image_records_needing_files(imported):
    images = list(ArticleImage.objects.filter(article=imported).order_by("position"))
    assert [image.credit for image in images] == CREDITS
    assert all(image.needs_file for image in images)
    for image in images:
        assert f'<figure class="needs-image" data-article-image="{image.pk}">' in imported.body
    assert '<span class="credit">Photo: Reuters</span>' in imported.body


def test_the_import_records_edith_lin_as_additional_reporting_and_the_source(imported):
    byline = Byline.objects.get(article=imported)
    assert byline.person.full_name == "Edith Lin"
    assert byline.role == Byline.Role.ADDITIONAL_REPORTING
    assert imported.source_name == "South China Morning Post"
    assert imported.copyright_line == "Copyright 2025 South China Morning Post"
    assert imported.origin == Article.Origin.SYNDICATED


def test_the_import_files_the_draft_under_the_next_in_section(imported, sections):
    assert imported.section == sections["aseanplus"]
    assert imported.status == Article.Status.DRAFT
    assert not imported.is_public


def test_the_import_creates_new_people_flagged_for_review_with_mentions(imported):
    mention = Mention.objects.select_related("person").get(
        article=imported, person__full_name="Wilson Chan Wai-shun"
    )
    assert mention.count == 3
    assert mention.role_phrase.startswith("international relations expert")
    assert mention.person.needs_review
    assert mention.person.short_name == "Chan"
    assert Mention.objects.filter(article=imported).count() >= 15


def test_related_headlines_link_to_our_published_article_with_the_same_headline(
    sample_bytes, sections
):
    ours = ArticleFactory(headline="Brunei shines at SEA Games opening ceremony")
    article = import_article(data=sample_bytes).article
    related = list(RelatedHeadline.objects.filter(article=article))
    assert len(related) == 10
    assert {item.section_name for item in related} == {"Aseanplus News"}
    assert [item.target for item in related if item.target] == [ours]


def test_existing_people_tags_and_contributors_of_the_newsroom_are_matched(sample_bytes, db):
    load_newsroom()
    people_before = Person.objects.count()
    article = import_article(data=sample_bytes).article
    assert Person.objects.count() == people_before  # John Lee and John Lee Ka-chiu are one
    john_lee = Mention.objects.get(article=article, person__slug="john-lee-ka-chiu")
    assert john_lee.count == 3 and not john_lee.person.needs_review
    assert Byline.objects.get(article=article).person.slug == "edith-lin"
    tags = set(article.tags.values_list("name", flat=True))
    assert {"United States", "Artificial intelligence", "Hong Kong", "Landor"} <= tags
    assert "National People's Congress" in tags


def test_at_most_eight_tags_are_suggested_each_with_its_reason(sample_bytes, db):
    load_newsroom()  # its vocabulary holds about 40 terms this story names
    plan = plan_import(data=sample_bytes)
    assert 0 < len(plan.tags) <= MAX_SUGGESTED
    assert plan.tags[0].name == "Hong Kong"
    assert plan.tag_reasons[plan.tags[0].pk].startswith("in the headline")
    assert all(plan.tag_reasons[tag.pk] for tag in plan.tags)
    landor = next(tag for tag in plan.tags if tag.name == "Landor")
    assert "’s organisation" in plan.tag_reasons[landor.pk]


def test_imported_figures_are_not_read_as_library_pictures(imported):
    assert imported.images.count() == 4
    assert figure_image_ids(imported.body) == []
