"""Signal receivers for every change that alters an article's indexed text."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from articles.models import Article, Byline, Mention, Tag, TaggedArticle
from people.models import Person

from .pending import index_at_commit


def article_changed(sender, instance, using, **kwargs):
    """Index the saved article (or drop the deleted one) at commit."""
    index_at_commit([instance.pk], using)


def relation_changed(sender, instance, using, **kwargs):
    """Re-index at commit the article whose byline, mention or tag changed."""
    article_id = instance.content_object_id if sender is TaggedArticle else instance.article_id
    index_at_commit([article_id], using)


def person_saved(sender, instance, using, **kwargs):
    """Re-index at commit the articles naming the person, whose name may have changed."""
    involving = Q(bylines__person=instance) | Q(mentions__person=instance)
    index_at_commit(
        Article.objects.using(using).filter(involving).values_list("pk", flat=True), using
    )


def tag_saved(sender, instance, using, **kwargs):
    """Re-index at commit the articles carrying the tag, whose name may have changed."""
    tagged = TaggedArticle.objects.using(using).filter(tag=instance)
    index_at_commit(tagged.values_list("content_object_id", flat=True), using)


def connect_signals() -> None:
    """Connect the receivers; called once from the app's ready()."""
    post_save.connect(article_changed, sender=Article, dispatch_uid="search-article-saved")
    post_delete.connect(article_changed, sender=Article, dispatch_uid="search-article-deleted")
    for model in (Byline, Mention, TaggedArticle):
        uid = f"search-{model._meta.model_name}"
        post_save.connect(relation_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(relation_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    post_save.connect(person_saved, sender=Person, dispatch_uid="search-person-saved")
    post_save.connect(tag_saved, sender=Tag, dispatch_uid="search-tag-saved")
