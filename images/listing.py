"""Image renditions described as plain data, for the API and ninjs, from prefetched rows."""

from core.site import absolute_url


def stored_renditions(item) -> list:
    """Return the full-frame renditions of an ArticleImage's library image, smallest first."""
    if not item.image_id:
        return []
    renditions = [r for r in item.image.renditions.all() if "-" not in r.spec]
    return sorted(renditions, key=lambda r: (r.width, r.format))


def rendition_dicts(item) -> list[dict]:
    """Return each rendition's URL, media type, width and height."""
    return [
        {"url": absolute_url(r.file.url), "type": r.mime_type, "width": r.width, "height": r.height}
        for r in stored_renditions(item)
    ]


def ninjs_renditions(item) -> list[dict]:
    """Return the renditions in ninjs form, e.g. {"name": "webp-640", "href": …}."""
    return [
        {
            "name": f"{r.format}-{r.width}",
            "href": absolute_url(r.file.url),
            "contenttype": r.mime_type,
            "width": r.width,
            "height": r.height,
        }
        for r in stored_renditions(item)
    ]
