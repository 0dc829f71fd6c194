"""Standard Webhooks signatures (https://www.standardwebhooks.com/): id, timestamp, body."""

import base64
import secrets
from datetime import UTC, datetime

from standardwebhooks import Webhook


def new_secret() -> str:
    """Return a fresh signing secret in the specification's form: whsec_ and 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def headers(message_id: str, body: str, secrets_: list[str], now: datetime) -> dict[str, str]:
    """Return the three headers of a delivery, signed with each secret given (a rotation)."""
    moment = now.astimezone(UTC)
    signatures = [Webhook(secret).sign(message_id, moment, body) for secret in secrets_]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": " ".join(signatures),
    }
