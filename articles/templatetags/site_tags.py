"""Template helpers of the public site."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.credits import Credits, credits_of
from articles.navigation import navigation_html
from core.fragments import render_fragment
from images import renditions
from images.markup import picture_html

register = template.Library()
# Featured cards show their lead picture in this shape, cropped around the focal point.
CARD_RATIO = "{}x{}".format(*renditions.CARD_RATIO)

# The characters that could end a <script> element or open a comment inside it, as
# JSON escapes; the same table Django's json_script uses.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(value) -> str:
    """Return `value` as JSON that is safe inside a <script type="application/ld+json">."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(SCRIPT_ESCAPES))


@register.simple_tag(takes_context=True)
def page_url(context, number: int, param: str = "page") -> str:
    """Return the current query string with the page parameter set to `number`."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()


@register.filter
def with_role(bylines, role: str) -> list:
    """Return the prefetched bylines that have `role`, in order."""
    return [byline for byline in bylines if byline.role == role]


@register.filter
def credits(article) -> Credits:
    """Return the article's credits by byline role (articles/credits.py)."""
    return credits_of(article)


@register.filter
def machine_time(value) -> str:
    """Return `value` as an HTML datetime attribute: local time to the second, with its offset.

    Django's `date:'c'` keeps microseconds, and HTML allows at most three fraction digits.
    """
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.simple_tag
def site_navigation(current_section_root=None):
    """Return the site's navigation (articles/navigation.py), kept rendered."""
    return navigation_html(current_section_root or None)


CARD_TEMPLATE = "includes/article_card.html"
CARD_SIZES = "(min-width: 48rem) 20rem, 100vw"
PICTURED_SIZES = "(min-width: 48rem) 12rem, 33vw"


@register.simple_tag
def article_card(
    article,
    heading="h2",
    show_standfirst=False,
    featured=False,
    loading="lazy",
    sizes=CARD_SIZES,
    pictured=False,
):
    """Return one article's card (includes/article_card.html), rendered once per process.

    A card shows only what `card_shows` (and a featured or `pictured` card's picture,
    `picture_shows`) lists, which keys its rendered copy in memory. A pictured card (a list's,
    on topic, person and archive pages) shows its lead picture small, beside the headline.
    """
    if pictured:
        sizes = PICTURED_SIZES
    context = {
        "article": article, "heading": heading, "show_standfirst": show_standfirst,
        "featured": featured, "loading": loading, "sizes": sizes, "pictured": pictured,
    }  # fmt: skip
    shown = (*card_shows(article, heading, show_standfirst), featured, pictured)
    if featured or pictured:
        shown += picture_shows(article, sizes, loading)
    return render_fragment(CARD_TEMPLATE, context, shown)


def card_shows(article, heading: str, show_standfirst: bool) -> tuple:
    """Return every value a plain card's markup is made of (its URLs follow from the slugs)."""
    section = article.section
    authors = tuple(
        (byline.person.slug, byline.person.full_name)
        for byline in with_role(article.bylines.all(), "author")
    )
    return (
        article.pk, article.slug, article.headline, article.kicker,
        article.standfirst if show_standfirst else None, article.published_at,
        section.slug, section.name, authors, heading,
    )  # fmt: skip


def picture_shows(article, sizes: str, loading: str) -> tuple:
    """Return every value a featured card's picture is made of (images.markup.picture_html's).

    File names stand for their URLs: the storage's address (MEDIA_URL) is added to the key.
    """
    lead = next(iter(article.images.all()), None)
    if lead is None:
        return (None,)
    own = (lead.pk, lead.alt_text, lead.file.name if lead.file else "", sizes, loading)
    library = lead.image
    if library is None:
        return (own, settings.MEDIA_URL)
    renditions = tuple(
        (r.spec, r.format, r.width, r.height, r.file.name) for r in library.renditions.all()
    )
    shown = (library.pk, library.alt_text, library.file.name, library.width, library.height)
    return (own, shown, renditions, settings.MEDIA_URL)


@register.simple_tag
def card_picture(article, sizes: str, loading: str = "lazy"):
    """Return a featured card's lead picture cropped to 16:9 round its focal point, or "".

    Reads the lead picture and its renditions prefetched by the selectors (no query).
    """
    lead = next(iter(article.images.all()), None)
    if lead is None:
        return ""
    return picture_html(
        lead, sizes=sizes, loading=loading, css_class="card__picture", ratio=CARD_RATIO
    )
