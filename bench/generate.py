"""Generate a realistic archive (sections, tags, people, bylines, mentions) in bulk.

    SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/generate.py --articles 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench \
        .venv/bin/python bench/generate.py --articles 100000

Run it on a freshly migrated database of its own. Each batch commits on its own, so a long
run (a million articles) can be stopped and started again: it resumes after the last whole
batch, drawing each batch from its own seeded generator so a resumed archive matches an
unbroken one. `--no-index` leaves the search index for later (`rebuild_search_index`).
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from articles.models import Article, Byline, Mention, Section, Tag, TaggedArticle  # noqa: E402
from people.models import Person  # noqa: E402

PLACES = [
    "Kowloon",
    "Tsuen",
    "Wan",
    "Sha",
    "Tin",
    "Tuen",
    "Mun",
    "Yuen",
    "Long",
    "Sai",
    "Kung",
    "Lantau",
    "Wan",
    "Chai",
    "Causeway",
    "Bay",
    "Shenzhen",
    "Guangzhou",
    "Macau",
    "Singapore",
    "Jakarta",
    "Manila",
    "Bangkok",
    "Hanoi",
    "Tokyo",
    "Seoul",
    "Sydney",
    "London",
    "Dubai",
    "Riyadh",
    "Geneva",
    "Brussels",
    "Toronto",
    "Nairobi",
    "Lagos",
    "Chennai",
    "Mumbai",
    "Karachi",
    "Dhaka",
    "Taipei",
]
GIVEN = [
    "Alice",
    "Brian",
    "Carmen",
    "Daniel",
    "Eunice",
    "Felix",
    "Grace",
    "Henry",
    "Irene",
    "Jason",
    "Karen",
    "Leo",
    "Mabel",
    "Nathan",
    "Olivia",
    "Peter",
    "Queenie",
    "Raymond",
    "Stella",
    "Terence",
    "Ursula",
    "Victor",
    "Winnie",
    "Xavier",
    "Yvonne",
    "Zachary",
]
SURNAMES = [
    "Chan",
    "Cheung",
    "Chow",
    "Fung",
    "Ho",
    "Hui",
    "Kwok",
    "Lam",
    "Lau",
    "Lee",
    "Leung",
    "Li",
    "Lo",
    "Ma",
    "Mak",
    "Ng",
    "Poon",
    "Siu",
    "Tang",
    "Tse",
    "Tsang",
    "Wong",
    "Wu",
    "Yeung",
    "Yip",
    "Yu",
    "Yuen",
    "Choi",
    "Chiu",
    "Kwan",
    "Kong",
    "Tam",
    "Tong",
    "Fok",
    "Pang",
    "Szeto",
    "Au",
    "Luk",
    "Mok",
]
TOPICS = [
    "housing",
    "transport",
    "education",
    "health care",
    "public finance",
    "green bonds",
    "data privacy",
    "tourism",
    "climate",
    "elections",
    "trade",
    "aviation",
    "shipping",
    "biotech",
    "courts",
    "policing",
    "universities",
    "budget",
    "property market",
    "elderly care",
    "heritage",
    "football",
    "horse racing",
    "arts",
    "film",
    "technology",
    "startups",
    "banking",
    "insurance",
    "energy",
    "water supply",
    "typhoons",
    "air quality",
    "ferries",
    "railways",
]
NOUNS = [
    "government",
    "council",
    "minister",
    "officials",
    "residents",
    "report",
    "plan",
    "project",
    "district",
    "committee",
    "company",
    "market",
    "investors",
    "policy",
    "proposal",
    "study",
    "survey",
    "bill",
    "law",
    "court",
    "hearing",
    "scheme",
    "funding",
    "budget",
    "price",
    "rate",
    "growth",
    "figures",
    "talks",
    "deal",
    "agreement",
    "hospital",
    "school",
    "students",
    "teachers",
    "workers",
    "union",
    "tenants",
    "landlords",
    "developers",
    "bank",
    "lenders",
    "exporters",
    "airport",
    "port",
    "operator",
    "routes",
    "network",
    "service",
    "fares",
    "tariffs",
    "visitors",
    "exhibition",
    "festival",
    "campaign",
    "measures",
    "rules",
    "review",
    "panel",
    "lawmakers",
    "voters",
    "candidates",
    "chamber",
    "industry",
    "sector",
    "economy",
]
VERBS = [
    "said",
    "announced",
    "warned",
    "expects",
    "proposed",
    "approved",
    "rejected",
    "delayed",
    "launched",
    "reviewed",
    "confirmed",
    "questioned",
    "backed",
    "criticised",
    "welcomed",
    "unveiled",
    "extended",
    "expanded",
    "cut",
    "raised",
    "lowered",
    "doubled",
    "reported",
    "estimated",
    "urged",
    "promised",
    "plans",
    "will",
    "may",
    "could",
]
FILLERS = [
    "the",
    "a",
    "new",
    "further",
    "local",
    "regional",
    "annual",
    "major",
    "public",
    "private",
    "early",
    "late",
    "first",
    "second",
    "several",
    "many",
    "more",
    "fewer",
    "about",
    "nearly",
    "over",
    "under",
    "within",
    "across",
    "after",
    "before",
    "during",
    "since",
]
SECTION_NAMES = ["News", "Hong Kong", "China", "Asia", "World", "Business", "Markets",
                 "Tech", "Sport", "Culture", "Opinion", "Lifestyle"]  # fmt: skip


def sentence(rng: random.Random, extra: list[str]) -> str:
    """Return one plausible news sentence."""
    words = [rng.choice(FILLERS), rng.choice(NOUNS), rng.choice(VERBS), rng.choice(FILLERS)]
    words += rng.choices(NOUNS + FILLERS + extra, k=rng.randint(6, 14))
    return " ".join(words).capitalize() + "."


def topic_named(name: str) -> Tag:
    """Return the topic called `name` (in any case), created if there is none."""
    found = Tag.objects.filter(name__iexact=name).first()
    return found or Tag.objects.create(name=name, slug=f"bench-{slugify(name)}")


def make_people(count: int) -> list[Person]:
    """Create people with plausible Hong Kong names."""
    rng = random.Random(1)
    people = [
        Person(
            full_name=f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(GIVEN)}-{n}",
            slug=f"bench-person-{n}",
            kind=Person.Kind.CONTRIBUTOR if n < count // 10 else Person.Kind.NEWSMAKER,
        )
        for n in range(count)
    ]
    return Person.objects.bulk_create(people)


def sentence_pool(rng: random.Random, size: int = 20_000) -> list[str]:
    """Return generic sentences to draw bodies from, so generation stays fast."""
    return [sentence(rng, []) for _ in range(size)]


def make_article(rng, n, sections, place, topic, people, published_at, pool) -> Article:
    """Return one unsaved article about `topic` in `place`, naming a few people."""
    names = [person.full_name.split()[1] for person in people]
    extra = [place, *topic.split(), *names]
    specific = [sentence(rng, extra) for _ in range(3)]
    paragraphs = [
        " ".join([specific[i % 3], *rng.choices(pool, k=rng.randint(1, 3))])
        for i in range(rng.randint(3, 6))
    ]
    headline = f"{place} {topic} {rng.choice(NOUNS)} {rng.choice(VERBS)} {rng.choice(NOUNS)}"
    return Article(
        headline=headline.capitalize()[:200],
        slug=slugify(headline)[:190] + f"-{n}",
        standfirst=specific[0],
        body="".join(f"<p>{p}</p>" for p in paragraphs),
        section=rng.choice(sections),
        status=Article.Status.PUBLISHED if rng.random() < 0.95 else Article.Status.DRAFT,
        published_at=published_at,
    )


def generate(count: int, batch: int = 2000) -> None:
    """Create `count` articles with their relations, resuming after the last whole batch."""
    sections = [
        Section.objects.get_or_create(slug=f"bench-{slugify(name)}", defaults={"name": name})[0]
        for name in SECTION_NAMES
    ]
    # By name: an archive generated beside the demo newsroom shares its topics.
    tag_by_name = {name: topic_named(name) for name in TOPICS + PLACES}
    people = list(Person.objects.filter(slug__startswith="bench-person-").order_by("pk"))
    people = people or make_people(2000)
    done = Article.objects.filter(section__in=sections).count()
    if done % batch:
        raise SystemExit(f"{done} articles is not a whole number of batches; start afresh.")
    pool = sentence_pool(random.Random(7))
    # Eight years of news, written in order: later articles are published later, give or
    # take a few hours, as in a real archive.
    step = timedelta(days=365 * 8) / count
    oldest = timezone.now() - step * count
    shared = (sections, tag_by_name, people, pool)
    for start in range(done, count, batch):
        stop = min(start + batch, count)
        make_batch(start, stop, [oldest + step * n for n in range(start, stop)], shared)
        print(f"  {stop} articles", end="\r", flush=True)
    print()


@transaction.atomic
def make_batch(start: int, stop: int, times: list, shared: tuple) -> None:
    """Create articles `start` to `stop`, published about `times`, with their relations."""
    sections, tag_by_name, people, pool = shared
    rng = random.Random(start)
    made = []
    for n, when in zip(range(start, stop), times, strict=True):
        place, topic = rng.choice(PLACES), rng.choice(TOPICS)
        named = rng.sample(people, rng.randint(1, 4))
        published_at = when + timedelta(minutes=rng.randint(-240, 0))
        article = make_article(rng, n, sections, place, topic, named, published_at, pool)
        made.append((article, place, topic, named))
    Article.objects.bulk_create([item[0] for item in made])
    relations(made, tag_by_name, people, rng)


def relations(made, tag_by_name, people, rng) -> None:
    """Create the bylines, mentions and taggings of a batch of saved articles."""
    bylines, mentions, taggings = [], [], []
    for article, place, topic, named in made:
        bylines.append(Byline(article=article, person=people[rng.randrange(200)]))
        mentions += [Mention(article=article, person=p, position=i) for i, p in enumerate(named)]
        taggings += [TaggedArticle(content_object=article, tag=tag_by_name[name])
                     for name in (place, topic)]  # fmt: skip
    Byline.objects.bulk_create(bylines, ignore_conflicts=True)
    Mention.objects.bulk_create(mentions, ignore_conflicts=True)
    TaggedArticle.objects.bulk_create(taggings, ignore_conflicts=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--no-index", action="store_true", help="Leave the index for later.")
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.articles)
    generated = time.perf_counter() - started
    print(f"Generated {args.articles} articles in {generated:.1f} s")
    if not args.no_index:
        call_command("rebuild_search_index")


if __name__ == "__main__":
    main()
