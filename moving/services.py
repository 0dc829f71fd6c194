"""Importing a WordPress or Ghost export: sections, tags, people, articles, pictures, redirects.

One post at a time, each in its own transaction, through the article write path. A re-run
finds each post's article by the source's GUID or UUID and skips a post unchanged since
(its fingerprint); a dry run writes nothing at all and reports what a real run would do.
"""

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from django.db import reset_queries, transaction
from django.utils import timezone

from articles.models import Article, ArticleImage, Byline, Section, Tag
from articles.services.writing import ArticleRelations, TagName, write_article
from core.text import plain_text, slug_from
from images.models import Image
from images.renditions import ensure_renditions
from moving.models import ImportedPerson, ImportedPicture, ImportedPost, Redirect
from moving.records import SourceAuthor, SourceCategory, SourcePicture, SourcePost, SourceTag
from people.models import Person

DEFAULT_SECTION = ("news", "News")
PAGES_SECTION = ("pages", "Pages")
# Where each system's picture addresses turn into paths inside the folder given: WordPress's
# uploads folder, Ghost's content folder (images/, media/).
UPLOAD_MARKERS = ("/wp-content/uploads/", "/content/")
FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>", re.S | re.I)
IMG = re.compile(r"<img\b[^>]*>", re.I)
ATTR = re.compile(r'(\w[\w-]*)\s*=\s*"([^"]*)"')
CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S | re.I)
# A figure waiting for its file names its picture record, whose id exists only once written.
# Posts written in one transaction (the editors' writes wait for at most one batch).
BATCH = 50
WAITING = 'data-article-image="waiting-{}"'


class DryRun(Exception):
    """Raised at the end of a dry run to roll every write back."""


@dataclass
class Site:
    """What an export holds, whichever system wrote it."""

    source: str
    authors: dict[str, SourceAuthor]
    categories: dict[str, SourceCategory]
    tags: dict[str, SourceTag]
    posts: Callable[[], Iterator[SourcePost]]
    total: int


@dataclass
class Report:
    """What an import did (or, dry, would do), with every problem met.

    A problem met in many posts (the same shortcode in 50,000 of them) is one line with its
    count and the first post it was met in, so the report stays readable and small.
    """

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    met: dict[str, list] = field(default_factory=dict)  # problem: [count, first post]

    def problem(self, text: str, post: str = "") -> None:
        self.met.setdefault(text, [0, post])[0] += 1

    @property
    def problems(self) -> list[str]:
        return [_problem_line(text, count, post) for text, (count, post) in self.met.items()]

    def as_dict(self) -> dict:
        return {
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": self.unchanged,
            "skipped": dict(self.skipped),
            "problems": self.problems,
        }


def _problem_line(text: str, count: int, post: str) -> str:
    if not post:
        return text
    return f"{text} ({count} posts, the first “{post}”)" if count > 1 else f"“{post}”: {text}"


def import_site(
    site: Site,
    *,
    media_dir: Path | None = None,
    dry_run: bool = False,
    user=None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Import `site` whole; return the report.

    A real run commits post by post, so editors are never held up and progress shows; a dry
    run does the same work inside one transaction that is rolled back at the end.
    """
    report = Report()
    importer = Importer(site, report, media_dir=media_dir, dry_run=dry_run, user=user)
    if not dry_run:
        importer.run(progress)
        return report
    try:
        with transaction.atomic():
            importer.run(progress)
            raise DryRun
    except DryRun:
        pass
    return report


class Importer:
    def __init__(self, site: Site, report: Report, *, media_dir, dry_run: bool, user):
        self.site, self.report, self.user = site, report, user
        self.media_dir, self.dry_run = media_dir, dry_run
        self.sections: dict[str, Section] = {}
        self.people: dict[str, Person] = {}

    def run(self, progress) -> None:
        tags_before = Tag.objects.count()
        with transaction.atomic():
            self.make_sections()
        posts = enumerate(self.site.posts(), start=1)
        while batch := list(islice(posts, BATCH)):
            # A batch commits at once, so the effects of its changes (cache tags, search)
            # run once for it rather than once a post; each post is still its own savepoint.
            with transaction.atomic():
                for _, post in batch:
                    self.import_one(post)
            if progress:
                progress(batch[-1][0])
            reset_queries()  # DEBUG keeps every query: 50,000 posts would fill the memory
        # Tags are made by the write path as articles name them: counted as a whole.
        if new_tags := Tag.objects.count() - tags_before:
            self.report.created["tags"] += new_tags

    def import_one(self, post: SourcePost) -> None:
        try:
            with transaction.atomic():
                self.import_post(post)
        except Exception as error:  # one bad post is reported, the rest go on
            self.report.problem(f"Not imported: {error}", post.title)

    # Sections: categories with their hierarchy.

    def make_sections(self) -> None:
        categories = self.site.categories
        for key in _parents_first(categories):
            category = categories[key]
            parent = self.sections.get(category.parent)
            self.sections[key] = self._section(
                slug_from(unquote(key), 50) or "section", category.name, parent
            )

    def _section(self, slug: str, name: str, parent=None) -> Section:
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            section = Section.objects.create(slug=slug, name=name[:100], parent=parent)
            self.report.created["sections"] += 1
        return section

    # People: authors and guest authors, matched by their source key, else by name.

    def person(self, key: str) -> Person | None:
        if key in self.people:
            return self.people[key]
        # Co-Authors Plus names a site user as "cap-<login>" when no guest author exists.
        author = self.site.authors.get(key) or self.site.authors.get(key.removeprefix("cap-"))
        if author is None:
            self.report.problem(f"An author “{key}” is named by a post but not listed.")
            return None
        link = ImportedPerson.objects.filter(source=self.site.source, key=key).first()
        person = link.person if link else Person.objects.matching_name(author.name).first()
        if person is None:
            person = Person.objects.create(
                full_name=author.name[:200],
                slug=self._person_slug(author.name),
                biography=author.bio,
                kind=Person.Kind.CONTRIBUTOR,
                needs_review=True,
            )
            self.report.created["people"] += 1
        if link is None:
            ImportedPerson.objects.create(source=self.site.source, key=key, person=person)
        self.people[key] = person
        return person

    @staticmethod
    def _person_slug(name: str) -> str:
        base = slug_from(name, 190) or "person"
        taken = set(Person.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        return next(s for s in (base, *(f"{base}-{n}" for n in range(2, 10**6))) if s not in taken)

    # Posts.

    def import_post(self, post: SourcePost) -> None:
        self.report.skipped["comments"] += post.comments
        fingerprint = _fingerprint(post)
        link = ImportedPost.objects.filter(source=self.site.source, key=post.key).first()
        if link and link.fingerprint == fingerprint:
            self.report.unchanged += 1  # articles and pages alike
            return
        article = link.article if link else None
        figures: list[ArticleImage] = []
        body = self.pictures(post.body_html, figures)
        lead = self.lead(post.featured)
        relations = ArticleRelations(
            bylines=self.bylines(post),
            tags=[TagName(self.site.tags[key].name) for key in post.tags if key in self.site.tags],
            images=lead + figures,
        )
        article = write_article(
            article=article,
            fields=self.fields(post, body, article),
            relations=relations,
            user=self.user,
            comment=f"Imported from {self.site.source}",
            derived_fields=lambda saved: {"body": _with_figure_ids(body, figures)},
        )
        ImportedPost.objects.update_or_create(
            source=self.site.source,
            key=post.key,
            defaults={"article": article, "fingerprint": fingerprint},
        )
        what = "pages (drafts in the Pages section)" if post.kind == "page" else "articles"
        (self.report.updated if link else self.report.created)[what] += 1
        self.redirects(post, article)
        for problem in post.problems:
            self.report.problem(problem, post.title)

    def fields(self, post: SourcePost, body: str, article: Article | None) -> dict:
        status, published_at = _status(post)
        if post.kind == "page":
            status, published_at = Article.Status.DRAFT, None
        fields = {
            "headline": (html.unescape(post.title) or "Untitled")[:200],
            "slug": (slug_from(unquote(post.slug), 200) or slug_from(post.title, 200) or "article"),
            "standfirst": plain_text(post.excerpt),
            "body": body,
            "section": self.section_of(post),
            "status": status,
            "published_at": published_at,
            "seo_title": _clip(post.seo_title, 70, post, "SEO title", self.report),
            "seo_description": _clip(
                post.seo_description, 160, post, "SEO description", self.report
            ),
        }
        if article is None and self.user is not None:
            fields["created_by"] = self.user
        return fields

    def section_of(self, post: SourcePost) -> Section:
        if post.kind == "page":
            return self._section(*PAGES_SECTION)
        for key in post.categories:
            if key in self.sections:
                return self.sections[key]
            if key in self.site.tags:  # Ghost: the primary tag names the section
                self.sections[key] = self._section(
                    slug_from(key, 50) or "section", self.site.tags[key].name
                )
                return self.sections[key]
        return self._section(*DEFAULT_SECTION)

    def bylines(self, post: SourcePost) -> list[Byline]:
        people = [p for p in (self.person(key) for key in post.authors if key) if p is not None]
        unique = list(dict.fromkeys(people))
        return [Byline(person=p, role=Byline.Role.AUTHOR, position=n) for n, p in enumerate(unique)]

    def redirects(self, post: SourcePost, article: Article) -> None:
        for path in dict.fromkeys(_path(p) for p in post.old_paths):
            if not path or path == article.get_absolute_url():
                continue
            existing = Redirect.objects.filter(old_path=path).first()
            if existing is None:
                Redirect.objects.create(old_path=path, article=article)
                self.report.created["redirects"] += 1
            elif existing.article_id != article.pk:
                self.report.problem(
                    f"{path} already leads to article {existing.article_id}; this post keeps "
                    "its other addresses.",
                    post.title,
                )

    # Pictures: from the local folder into the library, else a caption waiting for its file.

    def lead(self, picture: SourcePicture | None) -> list[ArticleImage]:
        if picture is None:
            return []
        image = self.library_image(picture)
        return [
            ArticleImage(
                image=image,
                caption=picture.caption[:2000],
                alt_text=picture.alt[:300],
                is_lead=True,
                position=0,
            )
        ]

    def pictures(self, body: str, figures: list[ArticleImage]) -> str:
        """Return the body with each picture in the library, or waiting for its file."""

        def place(figure_html: str) -> str:
            img = IMG.search(figure_html)
            if img is None:
                return figure_html
            attrs = dict(ATTR.findall(img.group(0)))
            caption_match = CAPTION.search(figure_html)
            caption = caption_match.group(1).strip() if caption_match else ""
            picture = SourcePicture(
                url=html.unescape(attrs.get("src", "")),
                caption=plain_text(caption),
                alt=attrs.get("alt", ""),
            )
            image = self.library_image(picture)
            caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
            if image is not None:
                return (
                    f'<figure data-image-id="{image.pk}"><img src="{image.file.url}" '
                    f'alt="{html.escape(picture.alt)}">{caption_html}</figure>'
                )
            figures.append(
                ArticleImage(
                    caption=picture.caption, alt_text=picture.alt[:300], position=len(figures) + 1
                )
            )
            waiting = WAITING.format(len(figures) - 1)
            return f'<figure class="needs-image" {waiting}>{caption_html}</figure>'

        parts = re.split(r"(<figure\b[^>]*>.*?</figure>)", body, flags=re.S | re.I)
        return "".join(
            place(part)
            if FIGURE.fullmatch(part)
            else IMG.sub(lambda m: place(f"<figure>{m.group(0)}</figure>"), part)
            for part in parts
        )

    def library_image(self, picture: SourcePicture) -> Image | None:
        """Return the library picture for `picture`, uploading its local file once."""
        if not picture.url:
            return None
        known = ImportedPicture.objects.filter(url=picture.url).select_related("image").first()
        if known:
            return known.image
        local = self.local_file(picture.url)
        if local is None:
            self.report.skipped["pictures without a local file"] += 1
            return None
        if self.dry_run:
            self.report.created["pictures"] += 1
            return None
        with local.open("rb") as handle:
            image = Image(
                caption=picture.caption[:2000],
                alt_text=picture.alt[:300],
                credit=picture.credit[:200],
            )
            image.file.save(local.name, File(handle), save=False)
            image.save()
        ensure_renditions(image)
        ImportedPicture.objects.create(url=picture.url, image=image)
        self.report.created["pictures"] += 1
        return image

    def local_file(self, url: str) -> Path | None:
        if self.media_dir is None:
            return None
        path = unquote(urlsplit(url).path)
        for marker in UPLOAD_MARKERS:
            if marker in path:
                candidate = (self.media_dir / path.split(marker, 1)[1]).resolve()
                inside = self.media_dir.resolve() in candidate.parents
                return candidate if inside and candidate.is_file() else None
        return None


def _with_figure_ids(body: str, figures: list[ArticleImage]) -> str:
    for index, figure in enumerate(figures):
        body = body.replace(WAITING.format(index), f'data-article-image="{figure.pk}"')
    return body


def _status(post: SourcePost) -> tuple[str, object]:
    """Return the article's status and publish time: private posts stay off the site."""
    if post.status in {"published", "scheduled"}:
        return Article.Status.PUBLISHED, post.published_at or timezone.now()
    if post.status == "review":
        return Article.Status.IN_REVIEW, None
    return Article.Status.DRAFT, None


def _clip(text: str, length: int, post: SourcePost, what: str, report: Report) -> str:
    text = html.unescape(text or "")
    if len(text) > length:
        report.problem(f"Its {what} was cut to {length} characters.", post.title)
    return text[:length]


def _path(path: str) -> str:
    """Return an old address as Django sees a request's path (decoded), query kept."""
    parts = urlsplit(path)
    return unquote(parts.path) + (f"?{parts.query}" if parts.query else "")


def _fingerprint(post: SourcePost) -> str:
    return hashlib.sha256(
        json.dumps(asdict(post), default=str, sort_keys=True).encode()
    ).hexdigest()


def _parents_first(categories: dict[str, SourceCategory]) -> Iterable[str]:
    """Yield category keys with each parent before its children (a cycle is cut)."""
    done: set[str] = set()

    def visit(key: str, seen: frozenset) -> Iterator[str]:
        parent = categories[key].parent
        if parent in categories and parent not in done and parent not in seen:
            yield from visit(parent, seen | {key})
        if key not in done:
            done.add(key)
            yield key

    for key in categories:
        yield from visit(key, frozenset())
