"""Checks before publishing, worded for editors; the embarrassing ones block until confirmed.

A blocking check stops `publishing.publish` unless the editor confirms "publish anyway",
which the article's events then record with the reasons. The others are advice.
"""

from dataclasses import dataclass

from articles.models import Article, ArticleImage
from images.figures import ALT, FIGCAPTION, FIGURE, IMG, figure_image_ids, library_images

# Longer headlines are cut off in search results, social cards and the home page's cards.
HEADLINE_LIMIT = 110


@dataclass(frozen=True)
class Check:
    message: str
    blocking: bool = False


def publishing_checks(article: Article) -> list[Check]:
    """Return what is wrong with `article` before it goes out, blocking checks first."""
    images = list(article.images.select_related("image"))
    checks = [
        *_blocking(article, images),
        *_advice(article, images),
        *body_figure_checks(article.body),
    ]
    return sorted(checks, key=lambda check: not check.blocking)


def blocking_checks(article: Article) -> list[Check]:
    """Return only the checks that stop publishing until an editor confirms."""
    return [check for check in publishing_checks(article) if check.blocking]


def _blocking(article: Article, images: list[ArticleImage]) -> list[Check]:
    checks = []
    if not article.bylines.exists():
        checks.append(Check("No byline: readers would not know who wrote it.", True))
    if len(article.headline) > HEADLINE_LIMIT:
        checks.append(Check(
            f"The headline has {len(article.headline)} characters; over {HEADLINE_LIMIT} it is "
            "cut off in search results and on the home page.", True,
        ))  # fmt: skip
    if not any(item.is_lead and not item.needs_file for item in images):
        # Every new story reaches the home page's latest list, where the lead picture shows.
        checks.append(
            Check("No lead picture: the story would reach the home page without one.", True)
        )
    checks += [
        Check(f"Picture “{item}” is still waiting for its image file.", True)
        for item in images
        if item.needs_file and not item.is_lead
    ]
    return checks


def _advice(article: Article, images: list[ArticleImage]) -> list[Check]:
    checks = []
    if not article.standfirst.strip():
        checks.append(Check("There is no standfirst: search results will quote the first line."))
    checks += [
        Check(f"Picture “{item}” has no alt text for readers who cannot see it.")
        for item in images
        if not item.shown_alt_text
    ]
    checks += [
        Check(f"Picture “{item}” has no caption or credit.")
        for item in images
        if not (item.shown_caption and item.shown_credit)
    ]
    return checks


def body_figure_checks(body: str) -> list[Check]:
    """Return the checks of the figures in the body: a missing picture blocks."""
    library = library_images(figure_image_ids(body))
    checks = []
    for number, figure in enumerate(FIGURE.findall(body or ""), start=1):
        ids = figure_image_ids(figure)
        image = library.get(ids[0]) if ids else None
        # An imported figure stands for an article image, which the image checks cover.
        waiting = not IMG.search(figure) and "data-article-image" not in figure
        if waiting and image is None:
            checks.append(Check(f"Figure {number} in the body has no picture yet.", True))
        checks += [
            Check(f"Figure {number} in the body has no {what}.") for what in lacks(figure, image)
        ]
    return checks


def lacks(figure: str, image) -> list[str]:
    """Return what one body figure lacks: "alt text", "caption or credit"."""
    img = IMG.search(figure)
    alt = ALT.search(img.group(0)) if img else None
    caption = FIGCAPTION.search(figure)
    has_alt = bool(alt and alt.group(1).strip()) or bool(image and image.alt_text)
    has_caption = bool(caption and caption.group(1).strip()) or bool(image and image.caption)
    has_credit = 'class="credit"' in figure or bool(image and image.credit)
    return ["alt text"] * (bool(img) and not has_alt) + ["caption or credit"] * (
        not (has_caption and has_credit)
    )
