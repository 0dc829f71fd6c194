"""Development settings: the embedded SQLite database and the demo newsroom."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
MASTHEAD_DEMO = env_bool("MASTHEAD_DEMO", True)
# A partner's receiver on this machine, over http, while developing.
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", True)
