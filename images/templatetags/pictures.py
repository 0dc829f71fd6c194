"""Template tags that render library images responsively: {% picture %}, og_image_url, figures."""

from django import template

from core.site import absolute_url

from ..figures import responsive_body
from ..markup import picture_html, plain_img, sources_html
from ..sharing import share_file

register = template.Library()


@register.simple_tag
def picture(image, sizes: str = "100vw", loading: str = "lazy", css_class: str = "", ratio=""):
    """Render a <picture> with WebP and JPEG srcsets for a library image or an article image."""
    return picture_html(image, sizes=sizes, loading=loading, css_class=css_class, ratio=ratio)


@register.simple_tag
def portrait(picture, photo=None, size: int = 64, loading: str = "lazy"):
    """Return a square portrait: a library picture (renditions prefetched), else a photo file.

    Decorative (empty alt): the person's name is always beside it.
    """
    css_class = f"portrait portrait--{size}"
    if picture is not None:
        renditions = [r for r in picture.renditions.all() if "-" not in r.spec]
        if renditions:
            sizes = f"{size}px"
            return sources_html(
                renditions, alt="", sizes=sizes, loading=loading, css_class=css_class
            )
        return plain_img(picture.file, "", loading, css_class, picture.width, picture.height)
    if photo:
        return plain_img(photo, "", loading, css_class, size, size)
    return ""


@register.simple_tag
def og_image_url(article) -> str:
    """Return the absolute URL of the article's lead image for Open Graph, or ""."""
    lead = next((item for item in article.images.all() if item.is_lead), None)
    url = lead_image_url(lead)
    return absolute_url(url)


def lead_image_url(lead) -> str:
    """Return the best URL for sharing a lead image: a 1280-wide JPEG when one exists."""
    file = share_file(lead)
    return file.url if file else ""


@register.filter
def responsive_figures(body: str, sizes: str = "(min-width: 48rem) 44rem, 100vw"):
    """Return the article body with library figures given srcsets, sizes and credits."""
    return responsive_body(body, sizes=sizes)
