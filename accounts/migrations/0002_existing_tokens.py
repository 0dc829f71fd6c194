"""Carry DRF's plain-text tokens over as hashed tokens, then delete the plain keys.

They keep working with the scope they had in effect (everything their user may do, so
"publish"), until they expire API_TOKEN_DAYS after this migration or are revoked.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def carry_over(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
    for old in Token.objects.all():
        ApiToken.objects.create(
            user_id=old.user_id,
            name="Token from before scoped tokens",
            scope="publish",
            prefix=old.key[:8],
            key_hash=hashlib.sha256(old.key.encode()).hexdigest(),
            created_at=old.created,
            expires_at=expires,
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
