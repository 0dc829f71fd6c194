"""Live coverage's entries as webhook kinds: what a partner hears when an entry is posted,
edited or deleted on a public live article (live/services.py records the events)."""

from articles.models import Article
from live.api import EntrySerializer
from live.models import Entry
from live.selectors import with_authors
from live.services import LIVE_KINDS

from .kinds import register_kind


def entry_data(payload: dict, payload_format: str) -> dict | None:
    """Return the entry as the API shows it (in either format), while its live article is
    public; None otherwise, so nothing of a draft leaves."""
    public = Article.objects.published().values("pk")
    entries = Entry.objects.filter(pk=payload["entry"], article__in=public)
    found = with_authors(entries).first()
    if found is None:
        return None
    return {"article": payload["article"], "entry": EntrySerializer(found).data}


def deleted_entry_data(payload: dict, payload_format: str) -> dict | None:
    """Return the deleted entry's id, if its live article is public."""
    if not Article.objects.published().filter(pk=payload["article"]).exists():
        return None
    return {"article": payload["article"], "entry": {"id": payload["entry"]}}


BUILDERS = {
    "live.entry_posted": ("Live entry posted", entry_data),
    "live.entry_edited": ("Live entry edited", entry_data),
    "live.entry_deleted": ("Live entry deleted", deleted_entry_data),
}


def register_live_kinds() -> None:
    """Offer every entry kind live coverage records (read from live.services.LIVE_KINDS)."""
    for kind in LIVE_KINDS:
        label, build = BUILDERS[kind]
        register_kind(kind, label, build=build)
