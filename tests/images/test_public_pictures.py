"""Readers get images sized for their screens: srcset, sizes, dimensions, lazy loading."""

import re

import pytest

from images.renditions import ensure_renditions
from tests.factories import ArticleFactory, ArticleImageFactory, ImageFactory
from tests.site.test_query_counts import LIMITS

pytestmark = pytest.mark.django_db


def illustrated_article(figures: int = 1):
    lead = ImageFactory(caption="Lead caption", credit="Masthead illustration")
    ensure_renditions(lead)
    body = "<p>Intro.</p>"
    for n in range(figures):
        image = ImageFactory(caption=f"Figure {n}", credit="Masthead illustration")
        ensure_renditions(image)
        body += (
            f'<figure><img src="{image.file.url}" alt="Chart {n}" data-file="{image.pk}">'
            f"<figcaption>Figure {n} caption</figcaption></figure>"
        )
    article = ArticleFactory(body=body)
    ArticleImageFactory(article=article, image=lead, is_lead=True, caption="", credit="")
    return article


def test_the_lead_image_and_body_figures_have_srcset_sizes_and_dimensions(client):
    article = illustrated_article()
    html = client.get(article.get_absolute_url()).content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.DOTALL)
    assert len(pictures) == 2
    for picture in pictures:
        assert '<source type="image/webp" srcset="' in picture
        assert " 320w, " in picture and " 1280w" in picture and 'sizes="' in picture
        assert 'width="1280" height="731"' in picture
    assert 'loading="eager"' in pictures[0]  # the lead is above the fold
    assert 'loading="lazy"' in pictures[1]
    assert 'alt="Chart 0"' in pictures[1]
    assert 'Figure 0 caption <span class="credit">Masthead illustration</span>' in html


def test_the_lead_image_is_the_open_graph_image(client):
    article = illustrated_article()
    html = client.get(article.get_absolute_url()).content.decode()
    og = re.search(r'<meta property="og:image" content="([^"]+)"', html)
    lead = article.images.get(is_lead=True).image
    shared = lead.renditions.get(format="jpeg", spec="1280w")
    assert og and og.group(1).startswith("http") and og.group(1).endswith(shared.file.url)


@pytest.mark.parametrize("figures", [1, 8])
def test_the_page_runs_the_same_queries_whatever_the_number_of_figures(
    client, django_assert_max_num_queries, figures
):
    article = illustrated_article(figures)
    # The article page's budget (tests/site/test_query_counts.py), the first reader's.
    with django_assert_max_num_queries(LIMITS["article"]) as queries:
        html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<picture>") == figures + 1
    print(f"article page with {figures} figure(s): {len(queries.captured_queries)} queries")


def waiting_figure_article(image=None):
    article = ArticleFactory(body="")
    waiting = ArticleImageFactory(
        article=article, image=image, caption="Awaiting the pier photo", credit="Staff", alt_text=""
    )
    article.body = (
        "<p>The pier reopens.</p>"
        f'<figure class="needs-image" data-article-image="{waiting.pk}"><figcaption>'
        'Awaiting the pier photo <span class="credit">Photo: Staff</span></figcaption></figure>'
        "<p>Ferries call again.</p>"
    )
    article.save()
    return article


def test_a_figure_still_waiting_for_its_picture_keeps_its_caption_and_credit(client):
    article = waiting_figure_article()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    assert "Ferries call again." in html
    assert 'Awaiting the pier photo <span class="credit">Photo: Staff</span>' in html
    assert "<picture>" not in html.split('class="story__body"')[1]


def test_a_picture_attached_later_from_the_library_shows_in_its_figure(client):
    image = ImageFactory(alt_text="The pier at dawn")
    ensure_renditions(image)
    article = waiting_figure_article(image)
    html = client.get(article.get_absolute_url()).text
    body = html.split('class="story__body"')[1].split("</div>")[0]
    figure = re.search(r"<figure\b[^>]*>.*?</figure>", body, re.DOTALL).group(0)
    assert "needs-image" not in figure
    assert "<picture>" in figure and 'alt="The pier at dawn"' in figure
    assert 'Awaiting the pier photo <span class="credit">Photo: Staff</span>' in figure
