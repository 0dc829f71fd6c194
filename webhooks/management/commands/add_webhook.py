"""Make a webhook endpoint from the command line and print its secret, once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from webhooks import kinds, services
from webhooks.models import Endpoint


class Command(BaseCommand):
    help = "Make a webhook endpoint; its signing secret is printed once, on standard output."

    def add_arguments(self, parser):
        names = [name for name, _ in kinds.choices()]
        parser.add_argument("url")
        parser.add_argument(
            "--event", action="append", dest="events", choices=names, required=True,
            help="An event to send (repeat for several).",
        )  # fmt: skip
        parser.add_argument("--format", choices=Endpoint.Format.values, default="ninjs")
        parser.add_argument("--description", default="")

    def handle(self, *args, url, events, format, description, **options):
        try:
            endpoint, secret = services.create_endpoint(
                url=url, events=events, payload_format=format, description=description
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(f"Endpoint {endpoint.pk} made for {url}. Its secret, shown once:")
        self.stdout.write(secret)
