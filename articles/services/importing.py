"""Import raw copy (plain text or ninjs) as a draft: the one door for the command and the admin."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat

from django.core.exceptions import ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles.importers.ninjs import parse_ninjs
from articles.importers.people import candidate_names, find_people
from articles.importers.plaintext import parse_plaintext
from articles.importers.result import Block, FoundPerson, ImportRejected, ParsedArticle
from articles.importers.source import decode_source, fingerprint
from articles.importers.story_tags import proposals
from articles.importers.tags import TagMatcher, TagSuggestion, suggest_tags
from articles.models import Article, ArticleImage, Byline, Mention, RelatedHeadline, Section, Tag
from articles.sanitize import check_html_bounds
from core.text import slug_from
from people.models import Person

from .import_lookups import Newsroom
from .writing import RELATION_LIMITS, ArticleRelations, TagName, write_article

FORMATS = ("text", "ninjs")
STATUSES = (Article.Status.DRAFT, Article.Status.PUBLISHED)
__all__ = [
    "FORMATS",
    "ImportOutcome",
    "ImportPlan",
    "ImportRejected",
    "ImportReview",
    "Newsroom",
    "import_article",
]


@dataclass
class PlannedPerson:
    """A recognised person and the existing record they match, if any."""

    found: FoundPerson
    person: Person | None = None
    # People on file whose names are like this one, best first, with rapidfuzz's score.
    similar: list[tuple[Person, int]] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        """Return True if the import will create this person (flagged for review)."""
        return self.person is None


@dataclass
class PlannedByline:
    name: str
    role: str
    person: Person | None = None
    # People on file whose names are like this one, best first, with rapidfuzz's score.
    similar: list[tuple[Person, int]] = field(default_factory=list)

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
    # Why each tag is suggested ("in the headline; mentioned 3 times"), by tag id.
    tag_reasons: dict[int, str] = field(default_factory=dict)
    # Tags the story proposes that the vocabulary lacks, created on import, and why.
    new_tags: list[TagName] = field(default_factory=list)
    new_tag_reasons: dict[str, str] = field(default_factory=dict)
    related: list[PlannedHeadline] = field(default_factory=list)
    existing: Article | None = None
    text: str = ""
    lead_image: object | None = None  # chosen from the library in the preview


@dataclass
class ImportReview:
    """What the editor changed in the import preview; None keeps what was recognised.

    Bylines, people and related items are chosen by their place in the plan's lists (the
    same copy always plans the same lists); `roles` and `role_phrases` map a kept place to
    the editor's wording.
    """

    section: Section | None = None
    headline: str | None = None
    kicker: str | None = None
    standfirst: str | None = None
    dateline: str | None = None
    lead_image: object | None = None  # an images.Image from the library
    bylines: list[int] | None = None
    byline_roles: dict[int, str] = field(default_factory=dict)
    people: list[int] | None = None
    role_phrases: dict[int, str] = field(default_factory=dict)
    # The existing person the editor picked for a kept place (None: create a new one).
    person_picks: dict[int, Person | None] = field(default_factory=dict)
    byline_picks: dict[int, Person | None] = field(default_factory=dict)
    tags: list[Tag] | None = None
    new_tags: list[str] | None = None  # the names of the proposed new tags kept
    related: list[int] | None = None


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


def plan_import(
    *, data: bytes, fmt: str = "text", section_slug: str = "", newsroom: Newsroom | None = None
) -> ImportPlan:
    """Recognise `data` and match it against the newsroom, writing nothing."""
    if fmt not in FORMATS:
        raise ImportRejected(f"Unknown format “{fmt}”; use one of: {', '.join(FORMATS)}.")
    newsroom = newsroom or Newsroom()
    text = decode_source(data)
    parsed = parse_ninjs(text) if fmt == "ninjs" else parse_plaintext(text)
    _check_body(parsed)
    if fmt == "text":
        parsed.people = _recognise_people(parsed, newsroom)
    plan = ImportPlan(
        parsed=parsed,
        source_fingerprint=fingerprint(text),
        section=_section(section_slug, parsed, newsroom),
        text=text,
    )
    plan.existing = Article.objects.filter(source_fingerprint=plan.source_fingerprint).first()
    plan.people = _match_people(parsed.people, newsroom)
    plan.bylines = _match_bylines(parsed, newsroom)
    _match_tags(plan, newsroom, fmt)
    plan.related = _match_related(parsed.related_headlines)
    return plan


def suggest_people(plan: ImportPlan, newsroom: Newsroom | None = None) -> None:
    """Give each planned person the people on file whose names are like theirs, best first.

    For the preview, where an editor picks; the same person already matched is offered first.
    """
    newsroom = newsroom or Newsroom()
    names = {p.found.name: p.found.surname for p in plan.people}
    names |= {b.name: b.name.split()[-1] for b in plan.bylines if b.name.split()}
    similar = newsroom.similar_people(names)
    for planned in plan.people:
        planned.similar = _offered(similar.get(planned.found.name, []), planned.person)
    for byline in plan.bylines:
        byline.similar = _offered(similar.get(byline.name, []), byline.person)


def _offered(similar: list[tuple[Person, int]], matched: Person | None) -> list:
    """Return the people to offer, the one already matched (if any) first."""
    if matched is None:
        return similar
    return [(matched, 100), *(pair for pair in similar if pair[0].pk != matched.pk)]


def suggested_standfirst(plan: ImportPlan) -> str:
    """Return the standfirst the copy gives, else its first paragraph, as a suggestion."""
    paragraphs = plan.parsed.paragraphs
    return plan.parsed.standfirst or (paragraphs[0][:600] if paragraphs else "")


def apply_review(plan: ImportPlan, review: ImportReview) -> None:
    """Replace what was recognised with what the editor chose in the preview."""
    parsed = plan.parsed
    for name in ("headline", "kicker", "standfirst", "dateline"):
        if (value := getattr(review, name)) is not None:
            setattr(parsed, name, value)
    plan.section = review.section or plan.section
    # Roles are keyed by place in the plan's lists: apply them before the lists are pruned.
    for place, planned in _kept_places(plan.bylines, review.bylines):
        planned.role = review.byline_roles.get(place, planned.role)
        planned.person = review.byline_picks.get(place, planned.person)
    plan.bylines = _one_byline_each(_kept(plan.bylines, review.bylines))
    for place, planned in _kept_places(plan.people, review.people):
        planned.found.role_phrase = review.role_phrases.get(place, planned.found.role_phrase)
        planned.person = review.person_picks.get(place, planned.person)
    plan.people = _one_per_person(_kept(plan.people, review.people))
    plan.tags = plan.tags if review.tags is None else review.tags
    if review.new_tags is not None:
        plan.new_tags = [tag for tag in plan.new_tags if tag.name in review.new_tags]
    plan.related = _kept(plan.related, review.related)
    plan.lead_image = review.lead_image


def _one_byline_each(bylines: list[PlannedByline]) -> list[PlannedByline]:
    """Return the planned bylines with a second pick of one existing person left out."""
    seen: set[int] = set()
    kept = []
    for byline in bylines:
        if byline.person is None or byline.person.pk not in seen:
            kept.append(byline)
        if byline.person is not None:
            seen.add(byline.person.pk)
    return kept


def _one_per_person(people: list[PlannedPerson]) -> list[PlannedPerson]:
    """Return the planned people with two picks of one existing person made one mention."""
    kept: dict[object, PlannedPerson] = {}
    for planned in people:
        key = planned.person.pk if planned.person else id(planned)
        if key in kept:
            kept[key].found.count += planned.found.count
        else:
            kept[key] = planned
    return list(kept.values())


def _kept_places(items: list, places: list[int] | None) -> list[tuple[int, object]]:
    return [(n, item) for n, item in enumerate(items) if places is None or n in places]


def _kept(items: list, places: list[int] | None) -> list:
    return [item for _, item in _kept_places(items, places)]


def import_article(
    *,
    data: bytes,
    fmt: str = "text",
    section_slug: str = "",
    status: str = Article.Status.DRAFT,
    user=None,
    dry_run: bool = False,
    newsroom: Newsroom | None = None,
    review: ImportReview | None = None,
) -> ImportOutcome:
    """Create the article `data` describes, or return the one already imported from it.

    Pass one `Newsroom(preload=True)` to every call of a run of many imports, so that the
    vocabulary and the people are read once for the run rather than once per file.
    """
    if status not in STATUSES:
        raise ImportRejected(f"Unknown status “{status}”; use draft or published.")
    newsroom = newsroom or Newsroom()
    plan = plan_import(data=data, fmt=fmt, section_slug=section_slug, newsroom=newsroom)
    if review is not None:
        apply_review(plan, review)
    if plan.existing or dry_run:
        return ImportOutcome(plan=plan, article=plan.existing, created=False)
    try:
        article = _write(plan, status=status, user=user, newsroom=newsroom)
    except IntegrityError:
        # Another import of the same copy won the race; report its article.
        existing = Article.objects.filter(source_fingerprint=plan.source_fingerprint).first()
        if existing is None:
            raise
        return ImportOutcome(plan=plan, article=existing, created=False)
    return ImportOutcome(plan=plan, article=article, created=True)


def _recognise_people(parsed: ParsedArticle, newsroom: Newsroom) -> list[FoundPerson]:
    texts = parsed.searchable_texts()
    found = find_people(
        texts,
        known=newsroom.known_names(candidate_names(texts)),
        not_people=newsroom.tag_terms,
        exclude=[*parsed.authors, *parsed.additional_reporting],
    )
    # An article keeps at most this many mentions (the write path refuses more): keep the
    # most mentioned, in order of first mention, and look no others up.
    limit = RELATION_LIMITS["mentions"]
    kept = {id(p) for p in sorted(found, key=lambda p: p.count, reverse=True)[:limit]}
    return [person for person in found if id(person) in kept]


def _section(slug: str, parsed: ParsedArticle, newsroom: Newsroom) -> Section:
    if slug:
        return newsroom.section(slug)
    section = None
    if parsed.related_section:
        section = Section.objects.named(parsed.related_section)
    section = section or Section.objects.top_level().order_by("position", "name").first()
    if section is None:
        raise ImportRejected("There are no sections yet; create one before importing.")
    return section


def _find(candidates: list[Person], forms: set[str]) -> Person | None:
    """Return the candidate whose full name, else one of whose aliases, is one of `forms`."""
    by_name = [person for person in candidates if person.full_name.lower() in forms]
    by_alias = [p for p in candidates if forms & {alias.lower() for alias in p.alias_list}]
    matches = by_name or by_alias
    matches.sort(key=lambda person: not person.is_contributor)
    return matches[0] if matches else None


def _match_people(found: list[FoundPerson], newsroom: Newsroom) -> list[PlannedPerson]:
    candidates = newsroom.people_named({name for f in found for name in (f.name, *f.variants)})
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


def _match_bylines(parsed: ParsedArticle, newsroom: Newsroom) -> list[PlannedByline]:
    wanted = [
        *((name, Byline.Role.AUTHOR) for name in parsed.authors),
        *((name, Byline.Role.ADDITIONAL_REPORTING) for name in parsed.additional_reporting),
        *parsed.other_bylines,
    ]
    candidates = newsroom.people_named({name for name, _ in wanted})
    return [
        PlannedByline(name=name, role=role, person=_find(candidates, {name.lower()}))
        for name, role in dict.fromkeys(wanted)
    ]


def _match_tags(plan: ImportPlan, newsroom: Newsroom, fmt: str) -> None:
    """Suggest the plan's tags, strongest first, with why each is suggested."""
    parsed = plan.parsed
    if fmt == "ninjs":  # the document states its subjects; take those the vocabulary knows
        plan.tags = [newsroom.tags[key] for key in newsroom.tag_matcher.match(parsed.tag_names)]
        plan.tag_reasons = {tag.pk: "a subject of the document" for tag in plan.tags}
        return
    paragraphs = parsed.paragraphs
    people = [name for p in parsed.people for name in (p.name, *p.variants)]
    proposed = proposals(parsed, people=people, known_terms=newsroom.tag_terms)
    suggestions = suggest_tags(
        newsroom.tag_matcher,
        headline=parsed.headline,
        lead=parsed.standfirst or (paragraphs[0] if paragraphs else ""),
        body=[block.text for block in parsed.blocks],
        roles={p.name: p.role_phrase for p in parsed.people if p.role_phrase},
        organisations=_organisations(newsroom, proposed),
        proposals=proposed,
        dateline=parsed.dateline,
    )
    for suggestion in suggestions:
        _plan_tag(plan, suggestion, newsroom)


def _organisations(newsroom: Newsroom, proposed: list[TagMatcher]) -> set:
    """Return the keys of the vocabulary's organisations and of those the story proposes."""
    known = {pk for pk, t in newsroom.tags.items() if t.kind == Tag.Kind.ORGANISATION}
    keys = {key for matcher in proposed for key in matcher.tag_keys()}
    return known | {key for key in keys if key[0] == "new" and key[2] == Tag.Kind.ORGANISATION}


def _plan_tag(plan: ImportPlan, suggestion: TagSuggestion, newsroom: Newsroom) -> None:
    """Add one suggestion to the plan: an existing tag, or a new one the story proposes."""
    reasons = "; ".join(suggestion.reasons)
    if isinstance(suggestion.key, tuple):
        name, kind = suggestion.key[1], suggestion.key[-1]
        kind = kind if kind in Tag.Kind.values else Tag.Kind.TOPIC
        plan.new_tags.append(TagName(name=name, kind=kind))
        plan.new_tag_reasons[name] = reasons
    else:
        tag = newsroom.tags[suggestion.key]
        plan.tags.append(tag)
        plan.tag_reasons[tag.pk] = reasons


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


def _write(plan: ImportPlan, *, status: str, user, newsroom: Newsroom) -> Article:
    """Write the article and its relations through the write path, with the people it met."""
    with transaction.atomic(using=router.db_for_write(Article)):
        mentions, new_people = _mentions(plan, newsroom)
        bylines, new_contributors = _bylines(plan, newsroom)
        figures = _figures(plan.parsed)
        images = [*_lead(plan), *figures]
        article = write_article(
            fields=_fields(plan, status=status, user=user),
            relations=ArticleRelations(
                bylines=bylines,
                mentions=mentions,
                tags=[*plan.tags, *_new_tags(plan, user)],
                images=images,
                related_headlines=_related_headlines(plan),
            ),
            # The figures' ids exist only once they are written, and the body names them.
            derived_fields=lambda article: {"body": _body(plan.parsed, figures)},
            user=user,
            comment=_comment(plan),
        )
    newsroom.remember(new_people + new_contributors)
    return article


def _new_tags(plan: ImportPlan, user) -> list[TagName]:
    """Return the tags the story proposes, if the importing user may create tags.

    A command (no user) may, as the command line is trusted; a contributor who may not add
    tags keeps the vocabulary's tags and the import goes ahead without the new ones.
    """
    if user is not None and not user.has_perm("articles.add_tag"):
        return []
    return plan.new_tags


def _comment(plan: ImportPlan) -> str:
    source = f" from {plan.parsed.source_name}" if plan.parsed.source_name else ""
    kind = "ninjs" if plan.parsed.body_html else "plain text"
    return f"Imported{source} ({kind})"


def _fields(plan: ImportPlan, *, status: str, user) -> dict:
    """Return the new article's own fields."""
    parsed = plan.parsed
    return {
        "headline": parsed.headline,
        "kicker": parsed.kicker[:60],
        "slug": slug_from(parsed.headline, max_length=200) or "article",
        "standfirst": parsed.standfirst[:600],
        "dateline": parsed.dateline[:100],
        "section": plan.section,
        "status": status,
        "published_at": timezone.now() if status == Article.Status.PUBLISHED else None,
        "created_by": user,
        "origin": Article.Origin.SYNDICATED if parsed.source_name else Article.Origin.ORIGINAL,
        "source_name": parsed.source_name[:200],
        "source_url": parsed.source_url[:200],
        "copyright_line": parsed.copyright_line[:255],
        "source_fingerprint": plan.source_fingerprint,
    }


def _related_headlines(plan: ImportPlan) -> list[RelatedHeadline]:
    return [
        RelatedHeadline(
            title=item.title[:300],
            section_name=plan.parsed.related_section[:100],
            target=item.target,
            position=position,
        )
        for position, item in enumerate(plan.related)
    ]


def _lead(plan: ImportPlan) -> list[ArticleImage]:
    """Return the lead picture the editor chose from the library, if any."""
    if plan.lead_image is None:
        return []
    return [ArticleImage(image=plan.lead_image, is_lead=True, position=0)]


def _figures(parsed: ParsedArticle) -> list[ArticleImage]:
    if parsed.body_html:  # ninjs: the body is HTML as it came, with no figures of ours
        return []
    return [
        ArticleImage(caption=figure.text, credit=figure.credit[:200], position=position)
        for position, figure in enumerate(parsed.figures)
    ]


def _check_body(parsed: ParsedArticle) -> None:
    """Refuse copy whose body would be too long or too deep to keep (articles/sanitize.py)."""
    # The figures' ids are not known yet: the longest id stands in for each.
    provisional = parsed.body_html or _body_html(parsed.blocks, repeat(2**63 - 1))
    try:
        check_html_bounds(provisional)
    except ValidationError as error:
        raise ImportRejected(error.messages[0]) from error


def _body(parsed: ParsedArticle, figures: list[ArticleImage]) -> str:
    return parsed.body_html or _body_html(parsed.blocks, [figure.pk for figure in figures])


def _body_html(blocks: list[Block], image_ids: Iterable[int]) -> str:
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
                f'<figure class="needs-image" data-article-image="{next(ids)}">'
                f"<figcaption>{text}{credit}</figcaption></figure>"
            )
        else:
            parts.append(f"<p>{text}</p>")
    return "\n".join(parts)


def _mentions(plan: ImportPlan, newsroom: Newsroom) -> tuple[list[Mention], list[Person]]:
    new = [p.found for p in plan.people if p.person is None]
    people = _create_people(new, Person.Kind.NEWSMAKER, newsroom)
    created = iter(people)
    mentions = [
        Mention(
            person=planned.person or next(created),
            role_phrase=planned.found.role_phrase[:255],
            count=max(planned.found.count, 1),
            position=position,
        )
        for position, planned in enumerate(plan.people)
    ]
    return mentions, people


def _bylines(plan: ImportPlan, newsroom: Newsroom) -> tuple[list[Byline], list[Person]]:
    new = [
        FoundPerson(name=b.name, surname=b.name.split()[-1]) for b in plan.bylines if not b.person
    ]
    people = _create_people(new, Person.Kind.CONTRIBUTOR, newsroom)
    created = iter(people)
    bylines = [
        Byline(person=b.person or next(created), role=b.role, position=position)
        for position, b in enumerate(plan.bylines)
    ]
    return bylines, people


def _create_people(found: list[FoundPerson], kind: str, newsroom: Newsroom) -> list[Person]:
    """Create the people the import met for the first time, flagged for an editor to check."""
    if not found:
        return []
    slugs = newsroom.free_slugs(
        [slug_from(person.name, max_length=190) or "person" for person in found]
    )
    people = []
    for person, slug in zip(found, slugs, strict=True):
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
