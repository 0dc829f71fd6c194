"""HTML for responsive pictures, built from prefetched renditions without extra queries."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def picture_html(item, *, sizes="100vw", loading="lazy", css_class="", ratio="") -> SafeString:
    """Return a <picture> for a library Image or an ArticleImage, or "" if it has no file.

    With `ratio` (e.g. "16x9") the stored crops of that ratio are used when they exist.
    """
    library = getattr(item, "image", None) if hasattr(item, "is_lead") else item
    alt = item.alt_text or (library.alt_text if library else "")
    if library is None:
        return plain_img(item.file, alt, loading, css_class) if item and item.file else ""
    stored = library.renditions.all()
    cropped = [r for r in stored if ratio and r.spec.endswith(f"-{ratio}")]
    renditions = cropped or [r for r in stored if "-" not in r.spec]
    if not renditions:
        return plain_img(library.file, alt, loading, css_class, library.width, library.height)
    return sources_html(renditions, alt=alt, sizes=sizes, loading=loading, css_class=css_class)


def sources_html(renditions, *, alt, sizes, loading, css_class) -> SafeString:
    """Return a <picture> offering WebP first and JPEG as the fallback."""
    webp = [r for r in renditions if r.format == "webp"]
    jpeg = [r for r in renditions if r.format == "jpeg"] or webp
    largest = max(jpeg, key=lambda r: r.width)
    fallback = min(jpeg, key=lambda r: abs(r.width - 960))
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', srcset(webp), sizes)
        if webp
        else ""
    )
    img = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}"'
        ' decoding="async"{}>',
        fallback.file.url, srcset(jpeg), sizes, largest.width, largest.height, alt, loading,
        class_attr(css_class),
    )  # fmt: skip
    return format_html("<picture>{}{}</picture>", source, img)


def srcset(renditions) -> str:
    """Return a srcset list of rendition URLs and widths."""
    return ", ".join(f"{r.file.url} {r.width}w" for r in sorted(renditions, key=lambda r: r.width))


def plain_img(file, alt, loading, css_class, width=None, height=None) -> SafeString:
    """Return an <img> for a file without renditions."""
    size = format_html(' width="{}" height="{}"', width, height) if width and height else ""
    return format_html(
        '<img src="{}" alt="{}" loading="{}" decoding="async"{}{}>',
        file.url, alt, loading, size, class_attr(css_class),
    )  # fmt: skip


def class_attr(css_class: str) -> str:
    """Return a class attribute, or nothing."""
    return format_html(' class="{}"', css_class) if css_class else mark_safe("")


def caption_html(caption: str, credit: str) -> SafeString:
    """Return a <figcaption> with the caption and a credit span, or "" when both are empty."""
    if not caption and not credit:
        return mark_safe("")
    credit_html = format_html(' <span class="credit">{}</span>', credit) if credit else ""
    return format_html("<figcaption>{}{}</figcaption>", caption, credit_html)


__all__ = ["caption_html", "format_html_join", "picture_html"]
