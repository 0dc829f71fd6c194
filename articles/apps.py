from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from reversion.signals import post_revision_commit

        from . import changes, pagecache
        from .roles import top_up_roles
        from .services.revisions import number_article_versions

        post_revision_commit.connect(number_article_versions, dispatch_uid="article_numbers")
        post_migrate.connect(top_up_roles, dispatch_uid="newsroom_roles")
        changes.connect_signals()
        pagecache.connect_signals()
        register_effects()


def register_effects() -> None:
    """Register what the articles app does when something changes (docs/architecture.md)."""
    from django.conf import settings

    from events import registry

    from . import golive, pagecache
    from .changes import ARTICLE_KINDS, OTHER_KINDS
    from .services.revisions import record_revisions_for

    kinds = ARTICLE_KINDS + OTHER_KINDS
    # At commit, so that the next request (in any process) is fresh; retried if they fail.
    registry.register("pagecache", pagecache.bump_for, kinds=kinds, at_commit=True)
    registry.register("revision", record_revisions_for, kinds=ARTICLE_KINDS, at_commit=True)
    registry.register("go-live-task", golive.enqueue_go_live, kinds=ARTICLE_KINDS, at_commit=True)
    # A CDN is another server: the worker calls it.
    registry.register("purge", pagecache.purge_for, kinds=kinds, wanted=pagecache.purging)
    registry.register_periodic(
        "went-live", golive.record_went_live, seconds=settings.PUBLISH_SWEEP_SECONDS
    )
