"""Template helpers that give inline blocks the request's CSP nonce."""

from django import template
from js_asset import Media

register = template.Library()


@register.filter
def with_nonce(media, nonce) -> Media:
    """Return form media whose tags, the editor's inline import map included, carry `nonce`."""
    return Media.from_media(media, nonce=str(nonce))
