import json
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Byline, Tag
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    RelatedArticleFactory,
    RelatedHeadlineFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
# The smallest valid GIF, so an image field has a real file to point at.
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501


@pytest.fixture
def story():
    news = SectionFactory(name="News", slug="news")
    city = SectionFactory(name="City", slug="city", parent=news)
    return ArticleFactory(
        section=city,
        kicker="Transport",
        headline="Ferries change course",
        standfirst="The routes change next month.",
        body="<h2>New piers</h2><p>Two piers open.</p>",
        source_name="Harbour Wire",
        source_url="https://wire.example/ferries",
        copyright_line="© Harbour Wire 2026",
    )


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


def structured_data(response):
    return [json.loads(block) for block in JSON_LD.findall(response.text)]


def test_it_shows_the_breadcrumb_kicker_headline_standfirst_and_times(client, story):
    text = page(client, story).text
    assert '<a href="/section/news/">News</a>' in text
    assert '<a href="/section/city/">City</a>' in text
    assert '<p class="kicker">Transport</p>' in text
    assert "<h1" in text and "Ferries change course</h1>" in text
    assert "The routes change next month." in text
    published = timezone.localtime(story.published_at).replace(microsecond=0)
    assert f'Published <time datetime="{published.isoformat()}">' in text
    assert "<h2>New piers</h2>" in text


def test_it_links_each_author_and_credits_additional_reporting(client, story):
    author = PersonFactory(full_name="Mei Tsang")
    helper = PersonFactory(full_name="Tom Lee")
    BylineFactory(article=story, person=author)
    BylineFactory(article=story, person=helper, role=Byline.Role.ADDITIONAL_REPORTING)
    text = page(client, story).text
    assert f'By <a href="{author.get_absolute_url()}">Mei Tsang</a>' in text
    assert f'Additional reporting by <a href="{helper.get_absolute_url()}">Tom Lee</a>.' in text


def test_it_shows_the_source_and_copyright_lines(client, story):
    text = page(client, story).text
    assert '<a href="https://wire.example/ferries" rel="noopener">Harbour Wire</a>' in text
    assert "© Harbour Wire 2026" in text


def test_a_lead_image_without_a_file_shows_its_caption_and_credit_only(client, story):
    ArticleImageFactory(article=story, is_lead=True, caption="A pier.", credit="Masthead")
    text = page(client, story).text
    lead = re.search(r'<figure class="figure story__lead">.*?</figure>', text, re.DOTALL)
    assert "A pier." in lead.group(0) and "Masthead" in lead.group(0)
    assert "<img" not in lead.group(0)


def test_a_lead_image_with_a_file_shows_the_picture_with_its_alt_text(client, story, settings):
    image = ArticleImageFactory(article=story, is_lead=True, alt_text="A green ferry")
    image.file = SimpleUploadedFile("ferry.gif", GIF, content_type="image/gif")
    image.save()
    response = page(client, story)
    assert 'alt="A green ferry"' in response.text
    assert image.file.url in response.text
    assert f'<meta property="og:image" content="{settings.SITE_URL}{image.file.url}">' in (
        response.text
    )


def test_it_groups_tag_links_by_kind(client, story):
    TaggedArticleFactory(content_object=story, tag=TagFactory(name="Ferries"))
    TaggedArticleFactory(content_object=story, tag=TagFactory(name="Kowloon", kind=Tag.Kind.PLACE))
    groups = page(client, story).context["tag_groups"]
    assert [(kind, [t.name for t in tags]) for kind, tags in groups] == [
        ("Topic", ["Ferries"]),
        ("Place", ["Kowloon"]),
    ]


def test_it_lists_the_people_in_the_story_with_their_role_phrase(client, story):
    person = PersonFactory(full_name="Ada Chan")
    MentionFactory(article=story, person=person, role_phrase="the ferry company's chair")
    text = page(client, story).text
    assert f'<a href="{person.get_absolute_url()}">Ada Chan</a>' in text
    assert "the ferry company&#x27;s chair" in text


def test_it_shows_related_coverage_and_next_in_section(client, story):
    picked = ArticleFactory(headline="Picked by the editor")
    RelatedArticleFactory(from_article=story, to_article=picked)
    sibling = ArticleFactory(section=story.section, headline="Same section story")
    draft = ArticleFactory(section=story.section, draft=True, headline="Secret draft")
    response = page(client, story)
    assert response.context["related"][0] == picked
    listed = response.context["related"] + response.context["next_in_section"]
    assert listed.count(sibling) == 1  # in one list only, never repeated
    assert "Next in City" in response.text or sibling in response.context["related"]
    assert draft.headline not in response.text


def test_related_headlines_are_shown_only_as_links(client, story):
    target = ArticleFactory(headline="Target story")
    hidden = ArticleFactory(draft=True)
    RelatedHeadlineFactory(article=story, title="Ours", target=target)
    RelatedHeadlineFactory(article=story, title="Theirs", url="https://elsewhere.example/x")
    RelatedHeadlineFactory(article=story, title="Not yet ours", target=hidden)
    RelatedHeadlineFactory(article=story, title="Only on the source's site")
    text = page(client, story).text
    assert f'<a href="{target.get_absolute_url()}">Ours</a>' in text
    assert '<a href="https://elsewhere.example/x" rel="noopener">Theirs</a>' in text
    assert "Not yet ours" not in text and hidden.get_absolute_url() not in text
    assert "Only on the source" not in text  # kept for the record, never a dead end


def test_no_more_on_this_story_when_no_headline_leads_anywhere(client, story):
    RelatedHeadlineFactory(article=story, title="Only on the source's site")
    assert "More on this story" not in page(client, story).text


def test_it_carries_canonical_description_open_graph_and_twitter_tags(client, story, settings):
    story.seo_description = "Routes change."
    story.save()
    text = page(client, story).text
    canonical = f"{settings.SITE_URL}{story.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in text
    assert '<meta name="description" content="Routes change.">' in text
    assert f'<meta property="og:url" content="{canonical}">' in text
    assert '<meta property="og:type" content="article">' in text
    assert '<meta name="twitter:card" content="summary">' in text


def test_its_json_ld_describes_the_news_article_and_its_breadcrumbs(client, story, settings):
    author = PersonFactory(full_name="Mei Tsang")
    BylineFactory(article=story, person=author)
    TaggedArticleFactory(content_object=story, tag=TagFactory(name="Ferries"))
    article, crumbs = structured_data(page(client, story))
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Ferries change course"
    assert article["datePublished"] == story.published_at.isoformat()
    assert article["dateModified"]
    assert article["author"] == [
        {"@type": "Person", "name": "Mei Tsang", "url": settings.SITE_URL + "/person/"
         + author.slug + "/"}
    ]  # fmt: skip
    assert article["publisher"]["name"] == settings.SITE_NAME
    assert article["articleSection"] == "City"
    assert article["keywords"] == ["Ferries"]
    assert crumbs["@type"] == "BreadcrumbList"
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        settings.SITE_NAME, "News", "City", "Ferries change course"
    ]  # fmt: skip


def test_a_headline_cannot_break_out_of_the_json_ld_script(client, story):
    story.headline = "</script><script>alert(1)</script> & more"
    story.save()
    response = page(client, story)
    assert "<script>alert(1)" not in response.text
    assert structured_data(response)[0]["headline"] == story.headline
    assert unescape("&lt;/script&gt;&lt;script&gt;") in unescape(response.text)
