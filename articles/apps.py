from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from reversion.signals import post_revision_commit

        from . import pagecache
        from .models import Article
        from .roles import top_up_roles
        from .services.revisions import number_article_versions, record_unattended_save

        post_save.connect(record_unattended_save, sender=Article, dispatch_uid="article_revision")
        post_revision_commit.connect(number_article_versions, dispatch_uid="article_numbers")
        post_migrate.connect(top_up_roles, dispatch_uid="newsroom_roles")
        pagecache.connect_signals()
