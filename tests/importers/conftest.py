"""Fixtures for the importer tests: the shared sample story and our own invented stories."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import SectionFactory

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
SAMPLE = SEEDS / "000_1a6e50ead4563987.txt"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def sample_bytes() -> bytes:
    """Return the raw sample story, read (never copied) from the shared seeds folder."""
    if not SEEDS.is_dir():
        pytest.skip(f"the shared seeds folder {SEEDS} is absent here (CI always has it)")
    return SAMPLE.read_bytes()


@pytest.fixture
def ferry_bytes() -> bytes:
    """Return our own Penang story: byline, dateline, sub-headings, caption, tail lists."""
    return (FIXTURES / "penang_ferry_markets.txt").read_bytes()


@pytest.fixture
def swim_bytes() -> bytes:
    """Return our own story in which two people share the surname Tan."""
    return (FIXTURES / "island_swim_marathon.txt").read_bytes()


@pytest.fixture
def sections(db):
    """Create the sections the stories file under."""
    return {
        "news": SectionFactory(name="News", slug="news", position=0),
        "aseanplus": SectionFactory(name="Aseanplus News", slug="aseanplus-news", position=5),
        "business": SectionFactory(name="Business", slug="business", position=6),
        "sport": SectionFactory(name="Sport", slug="sport", position=7),
    }
