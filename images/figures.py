"""Figures inside article bodies: find the library images they use and render them responsively."""

import html
import re

from django.utils.safestring import SafeString, mark_safe

from .markup import caption_html, sources_html

# nh3 has already normalised the body (double-quoted attributes, no nested figures),
# so these patterns only ever see its tidy output.
FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.DOTALL)
IMG = re.compile(r"<img\b[^>]*>")
IMAGE_ID = re.compile(r'data-(?:image-id|file)="(\d+)"')
ALT = re.compile(r'\balt="([^"]*)"')
FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
ARTICLE_IMAGE = re.compile(r'data-article-image="(\d+)"')
OPENING = re.compile(r"<figure\b[^>]*>")


def figure_image_ids(body: str) -> list[int]:
    """Return the library image ids the body's figures refer to, in order."""
    return [
        int(match)
        for figure in FIGURE.findall(body or "")
        for match in IMAGE_ID.findall(figure)[:1]
    ]


def library_images(ids):
    """Return the library images with these ids, renditions prefetched, keyed by id."""
    from .models import Image

    return Image.objects.with_renditions().in_bulk(set(ids)) if ids else {}


def rendered_images(ids) -> dict[int, tuple]:
    """Return {id: (image, renditions)} for the library images that have renditions.

    One query: the renditions join their image, which keeps the article page within budget.
    """
    from .models import Rendition

    found: dict[int, tuple] = {}
    for rendition in Rendition.objects.filter(image_id__in=set(ids)).select_related("image"):
        found.setdefault(rendition.image_id, (rendition.image, []))[1].append(rendition)
    return found


def responsive_body(body: str, *, sizes: str, images: dict | None = None) -> SafeString:
    """Return `body` with each library figure given srcset, sizes, width, height and a credit.

    `images` is `rendered_images()` of the figures when the caller has loaded it already.
    """
    body = body or ""
    ids = figure_image_ids(body)
    if images is None:
        images = rendered_images(ids) if ids else {}
    if not images:
        return mark_safe(body)

    def rewrite(match: re.Match) -> str:
        found = IMAGE_ID.search(match.group(0))
        entry = images.get(int(found.group(1))) if found else None
        return render_figure(match.group(0), *entry, sizes) if entry else match.group(0)

    return mark_safe(FIGURE.sub(rewrite, body))


def with_arrived_pictures(body: str, pictures: dict[int, str]) -> str:
    """Return `body` with each imported figure showing its picture once it has arrived.

    `pictures` maps an article image's id to its <picture> HTML ("" while it has no file).
    A figure still waiting keeps its caption and credit: readers see the text alone, never
    nothing (the credit is owed whether or not the picture is there yet).
    """

    def attach(match: re.Match) -> str:
        figure = match.group(0)
        found = ARTICLE_IMAGE.search(figure)
        picture = pictures.get(int(found.group(1)), "") if found else ""
        if not picture or IMG.search(figure):
            return figure
        opening = OPENING.match(figure).group(0)
        arrived = opening.replace(' class="needs-image"', "")
        return arrived + picture + figure[len(opening) :]

    return FIGURE.sub(attach, body)


def render_figure(figure: str, image, renditions: list, sizes: str) -> str:
    """Return one figure with its <img> swapped for a <picture> and its caption credited."""
    img = IMG.search(figure)
    alt_match = ALT.search(img.group(0)) if img else None
    alt = html.unescape(alt_match.group(1)) if alt_match else image.alt_text
    renditions = [r for r in renditions if "-" not in r.spec]
    if not renditions or img is None:
        return figure
    picture = sources_html(
        renditions, alt=alt or image.alt_text, sizes=sizes, loading="lazy", css_class=""
    )
    figure = figure[: img.start()] + picture + figure[img.end() :]
    return with_credit(figure, image)


def with_credit(figure: str, image) -> str:
    """Return the figure with the library credit (and caption, if it had none) shown."""
    if 'class="credit"' in figure:
        return figure
    caption = FIGCAPTION.search(figure)
    if caption is None:
        return figure.replace("</figure>", caption_html(image.caption, image.credit) + "</figure>")
    credit = caption_html("", image.credit)[len("<figcaption>") : -len("</figcaption>")]
    end = caption.end(1)
    return figure[:end] + credit + figure[end:]
