"""The article form's inlines, read as the relations the write path replaces."""

from django.forms.models import BaseInlineFormSet

from articles.models import (
    ArticleImage,
    Byline,
    Mention,
    RelatedArticle,
    RelatedHeadline,
    TaggedArticle,
)
from articles.services.writing import ArticleRelations

# Which relation of ArticleRelations each inline's rows are.
RELATION_OF = {
    Byline: "bylines",
    Mention: "mentions",
    TaggedArticle: "tags",
    ArticleImage: "images",
    RelatedArticle: "related_articles",
    RelatedHeadline: "related_headlines",
}


def kept_rows(formset: BaseInlineFormSet) -> list:
    """Return the rows the editor kept or added, in form order, none of them saved.

    Validation has already put each form's cleaned values on its instance; a blank extra
    form has no cleaned data, and a form ticked for deletion is left out.
    """
    # save(commit=False) writes nothing; it lists what changed, for the admin's history.
    formset.save(commit=False)
    return [
        form.instance
        for form in formset.forms
        if form.cleaned_data and not (formset.can_delete and form.cleaned_data.get("DELETE"))
    ]


def relations_from_formsets(formsets: list[BaseInlineFormSet]) -> ArticleRelations:
    """Return every inline's rows as the relations to write (tags as the tags chosen)."""
    given = {RELATION_OF[formset.model]: kept_rows(formset) for formset in formsets}
    if "tags" in given:
        given["tags"] = [row.tag for row in given["tags"]]
    return ArticleRelations(**given)
