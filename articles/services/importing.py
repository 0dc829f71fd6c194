"""Import raw copy (plain text or ninjs) as a draft: the one door for the command and the admin."""

import itertools
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from articles.importers.ninjs import parse_ninjs
from articles.importers.people import candidate_names, find_people
from articles.importers.plaintext import parse_plaintext
from articles.importers.result import Block, FoundPerson, ImportRejected, ParsedArticle
from articles.importers.source import decode_source, fingerprint
from articles.importers.tags import TagMatcher
from articles.models import (
    Article,
    ArticleImage,
    Byline,
    Mention,
    RelatedHeadline,
    Section,
    Tag,
    TaggedArticle,
)
from articles.sanitize import sanitize_html
from people.models import Person

FORMATS = ("text", "ninjs")
STATUSES = (Article.Status.DRAFT, Article.Status.PUBLISHED)

__all__ = ["FORMATS", "ImportOutcome", "ImportPlan", "ImportRejected", "import_article"]


@dataclass
class PlannedPerson:
    """A recognised person and the existing record they match, if any."""

    found: FoundPerson
    person: Person | None = None

    @property
    def is_new(self) -> bool:
        """Return True if the import will create this person (flagged for review)."""
        return self.person is None


@dataclass
class PlannedByline:
    name: str
    role: str
    person: Person | None = None

    @property
    def role_label(self) -> str:
        """Return the role as editors read it ("Additional reporting")."""
        return Byline.Role(self.role).label


@dataclass
class PlannedHeadline:
    title: str
    target: Article | None = None


@dataclass
class ImportPlan:
    """What an import would write, worked out without writing anything."""

    parsed: ParsedArticle
    source_fingerprint: str
    section: Section
    people: list[PlannedPerson] = field(default_factory=list)
    bylines: list[PlannedByline] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    related: list[PlannedHeadline] = field(default_factory=list)
    existing: Article | None = None
    text: str = ""


@dataclass
class ImportOutcome:
    plan: ImportPlan
    article: Article | None
    created: bool

    @property
    def admin_url(self) -> str:
        """Return the admin path of the article, new or already there."""
        if self.article is None:
            return ""
        return reverse("admin:articles_article_change", args=[self.article.pk])


def plan_import(*, data: bytes, fmt: str = "text", section_slug: str = "") -> ImportPlan:
    """Recognise `data` and match it against the newsroom, writing nothing."""
    if fmt not in FORMATS:
        raise ImportRejected(f"Unknown format “{fmt}”; use one of: {', '.join(FORMATS)}.")
    text = decode_source(data)
    parsed = parse_ninjs(text) if fmt == "ninjs" else parse_plaintext(text)
    tags = Tag.objects.only("name", "aliases")
    vocabulary = {tag.pk: [tag.name, *tag.alias_list] for tag in tags}
    if fmt == "text":
        parsed.people = _recognise_people(parsed, vocabulary)
    plan = ImportPlan(
        parsed=parsed,
        source_fingerprint=fingerprint(text),
        section=_section(section_slug, parsed),
        text=text,
    )
    plan.existing = Article.objects.filter(source_fingerprint=plan.source_fingerprint).first()
    plan.people = _match_people(parsed.people)
    plan.bylines = _match_bylines(parsed)
    plan.tags = _match_tags(parsed, vocabulary, fmt)
    plan.related = _match_related(parsed.related_headlines)
    return plan


def import_article(
    *,
    data: bytes,
    fmt: str = "text",
    section_slug: str = "",
    status: str = Article.Status.DRAFT,
    user=None,
    dry_run: bool = False,
) -> ImportOutcome:
    """Create the article `data` describes, or return the one already imported from it."""
    if status not in STATUSES:
        raise ImportRejected(f"Unknown status “{status}”; use draft or published.")
    plan = plan_import(data=data, fmt=fmt, section_slug=section_slug)
    if plan.existing or dry_run:
        return ImportOutcome(plan=plan, article=plan.existing, created=False)
    try:
        article = _write(plan, status=status, user=user)
    except IntegrityError:
        # Another import of the same copy won the race; report its article.
        existing = Article.objects.filter(source_fingerprint=plan.source_fingerprint).first()
        if existing is None:
            raise
        return ImportOutcome(plan=plan, article=existing, created=False)
    return ImportOutcome(plan=plan, article=article, created=True)


def _recognise_people(parsed: ParsedArticle, vocabulary: dict) -> list[FoundPerson]:
    texts = parsed.searchable_texts()
    candidates = [name.lower() for name in candidate_names(texts)]
    known = Person.objects.annotate(lower_name=Lower("full_name")).filter(lower_name__in=candidates)
    not_people = [term for terms in vocabulary.values() for term in terms]
    return find_people(
        texts,
        known=known.values_list("full_name", flat=True),
        not_people=not_people,
        exclude=[*parsed.authors, *parsed.additional_reporting],
    )


def _section(slug: str, parsed: ParsedArticle) -> Section:
    if slug:
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            raise ImportRejected(f"There is no section with the slug “{slug}”.")
        return section
    section = None
    if parsed.related_section:
        section = Section.objects.filter(name__iexact=parsed.related_section).first()
    section = section or Section.objects.top_level().order_by("position", "name").first()
    if section is None:
        raise ImportRejected("There are no sections yet; create one before importing.")
    return section


def _people_named(names: set[str]) -> list[Person]:
    """Return the people whose full name or one of whose aliases may be one of `names`."""
    if not names:
        return []
    query = Q()
    for name in names:
        query |= Q(full_name__iexact=name) | Q(aliases__icontains=name)
    return list(Person.objects.filter(query))


def _find(candidates: list[Person], forms: set[str]) -> Person | None:
    """Return the candidate whose full name, else one of whose aliases, is one of `forms`."""
    by_name = [person for person in candidates if person.full_name.lower() in forms]
    by_alias = [p for p in candidates if forms & {alias.lower() for alias in p.alias_list}]
    matches = by_name or by_alias
    matches.sort(key=lambda person: not person.is_contributor)
    return matches[0] if matches else None


def _match_people(found: list[FoundPerson]) -> list[PlannedPerson]:
    candidates = _people_named({name for f in found for name in (f.name, *f.variants)})
    planned: dict[object, PlannedPerson] = {}
    for person in found:
        forms = {name.lower() for name in (person.name, *person.variants)}
        match = _find(candidates, forms)
        key = match.pk if match else person.name.lower()
        if key in planned:  # two spellings of one existing person
            planned[key].found.count += person.count
            continue
        planned[key] = PlannedPerson(found=person, person=match)
    return list(planned.values())


def _match_bylines(parsed: ParsedArticle) -> list[PlannedByline]:
    wanted = [
        *((name, Byline.Role.AUTHOR) for name in parsed.authors),
        *((name, Byline.Role.ADDITIONAL_REPORTING) for name in parsed.additional_reporting),
        *parsed.other_bylines,
    ]
    candidates = _people_named({name for name, _ in wanted})
    return [
        PlannedByline(name=name, role=role, person=_find(candidates, {name.lower()}))
        for name, role in dict.fromkeys(wanted)
    ]


def _match_tags(parsed: ParsedArticle, vocabulary: dict, fmt: str) -> list[Tag]:
    if fmt == "ninjs":
        # A ninjs document states its subjects; take those the vocabulary knows.
        keys = TagMatcher(vocabulary).match(parsed.tag_names)
    else:
        keys = TagMatcher(vocabulary).match(parsed.searchable_texts())
    tags = Tag.objects.in_bulk(keys)
    return [tags[key] for key in keys if key in tags]


def _match_related(titles: list[str]) -> list[PlannedHeadline]:
    if not titles:
        return []
    targets = {
        article.lower_headline: article
        for article in Article.objects.published()
        .annotate(lower_headline=Lower("headline"))
        .filter(lower_headline__in=[title.lower() for title in titles])
        .select_related("section")
    }
    return [PlannedHeadline(title, targets.get(title.lower())) for title in titles]


@transaction.atomic
def _write(plan: ImportPlan, *, status: str, user) -> Article:
    parsed = plan.parsed
    article = Article.objects.create(
        headline=parsed.headline,
        kicker=parsed.kicker[:60],
        slug=slugify(parsed.headline)[:200] or "article",
        standfirst=parsed.standfirst[:600],
        section=plan.section,
        status=status,
        published_at=timezone.now() if status == Article.Status.PUBLISHED else None,
        created_by=user,
        origin=Article.Origin.SYNDICATED if parsed.source_name else Article.Origin.ORIGINAL,
        source_name=parsed.source_name[:200],
        source_url=parsed.source_url[:200],
        copyright_line=parsed.copyright_line[:255],
        source_fingerprint=plan.source_fingerprint,
    )
    body = parsed.body_html or _body_html(parsed.blocks, _write_figures(article, parsed))
    article.body = sanitize_html(body)
    # An update, not a second save(): the save signals (search index, revision) already
    # queued their work for the commit, when the body and every relation are in place.
    Article.objects.filter(pk=article.pk).update(body=article.body)
    _write_people(article, plan)
    _write_bylines(article, plan)
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=article, tag=tag) for tag in plan.tags
    )
    RelatedHeadline.objects.bulk_create(
        RelatedHeadline(
            article=article,
            title=item.title[:300],
            section_name=parsed.related_section[:100],
            target=item.target,
            position=position,
        )
        for position, item in enumerate(plan.related)
    )
    return article


def _write_figures(article: Article, parsed: ParsedArticle) -> list[int]:
    return [
        ArticleImage.objects.create(
            article=article, caption=figure.text, credit=figure.credit[:200], position=position
        ).pk
        for position, figure in enumerate(parsed.figures)
    ]


def _body_html(blocks: list[Block], image_ids: list[int]) -> str:
    """Return the body HTML, each figure in place and tied to its image record."""
    ids = iter(image_ids)
    parts = []
    for block in blocks:
        text = escape(block.text)
        if block.kind == Block.SUBHEADING:
            parts.append(f"<h2>{text}</h2>")
        elif block.kind == Block.FIGURE:
            credit = f' <span class="credit">Photo: {escape(block.credit)}</span>'
            parts.append(
                f'<figure class="needs-image" data-image-id="{next(ids)}">'
                f"<figcaption>{text}{credit}</figcaption></figure>"
            )
        else:
            parts.append(f"<p>{text}</p>")
    return "\n".join(parts)


def _write_people(article: Article, plan: ImportPlan) -> None:
    new = [p.found for p in plan.people if p.person is None]
    created = iter(_create_people(new, Person.Kind.NEWSMAKER))
    Mention.objects.bulk_create(
        Mention(
            article=article,
            person=planned.person or next(created),
            role_phrase=planned.found.role_phrase[:255],
            count=max(planned.found.count, 1),
            position=position,
        )
        for position, planned in enumerate(plan.people)
    )


def _write_bylines(article: Article, plan: ImportPlan) -> None:
    new = [
        FoundPerson(name=b.name, surname=b.name.split()[-1]) for b in plan.bylines if not b.person
    ]
    created = iter(_create_people(new, Person.Kind.CONTRIBUTOR))
    Byline.objects.bulk_create(
        Byline(article=article, person=b.person or next(created), role=b.role, position=position)
        for position, b in enumerate(plan.bylines)
    )


def _slugs(base: str):
    """Yield `base`, then `base-2`, `base-3` and so on."""
    yield base
    for number in itertools.count(2):
        yield f"{base}-{number}"


def _create_people(found: list[FoundPerson], kind: str) -> list[Person]:
    """Create the people the import met for the first time, flagged for an editor to check."""
    if not found:
        return []
    bases = [slugify(person.name)[:190] or "person" for person in found]
    query = Q()
    for base in set(bases):
        query |= Q(slug__startswith=base)
    taken = set(Person.objects.filter(query).values_list("slug", flat=True))
    people = []
    for person, base in zip(found, bases, strict=True):
        slug = next(s for s in _slugs(base) if s not in taken)
        taken.add(slug)
        people.append(
            Person(
                full_name=person.name[:200],
                slug=slug,
                short_name=person.surname[:100],
                aliases="\n".join(person.variants),
                description=person.role_phrase[:255],
                kind=kind,
                needs_review=True,
            )
        )
    # New people have no articles yet, so skipping save() signals skips no re-indexing.
    return Person.objects.bulk_create(people)
