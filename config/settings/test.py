"""Test settings: fast hashing; the database follows DATABASE_URL like everywhere else."""

from .base import *  # noqa: F403

DEBUG = False
MASTHEAD_DEMO = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Small demo pictures: a seed then makes two renditions of each instead of eight large ones.
DEMO_PICTURE_SIZE = (480, 270)
# The suite makes hundreds of API requests a minute from one address; the throttling
# tests set their own rates.
RATES = {**REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": None, "user": None}  # noqa: F405
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": RATES}  # noqa: F405
# Most tests write inside a transaction that never commits, so a change would never reach
# the page cache; tests/cache/ turns it on with data that commits.
PAGE_CACHE = False
