from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from meetings.exchange import importer
from meetings.models import time_zone_named
from programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Import meetings from a Meeting Guide JSON feed or a CSV meeting list (a file or an "
        "http(s) URL) into one programme, and remember it as a source. All or nothing: if any "
        "row is rejected, nothing is imported unless you give --skip-rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", metavar="FILE_OR_URL")
        parser.add_argument("--programme", required=True, help="The programme's slug.")
        parser.add_argument(
            "--timezone", help="For rows without their own time zone (default Europe/London)."
        )
        parser.add_argument("--name", help="A name for the source (default: the file or URL).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )
        parser.add_argument(
            "--skip-rejected",
            action="store_true",
            help="Import the good rows even when others are rejected.",
        )

    def handle(self, *args, location, programme, timezone, name, dry_run, skip_rejected, **kw):
        programme = self.find_programme(programme)
        zone = time_zone_named(timezone)
        if timezone and zone is None:
            raise CommandError(f"“{timezone}” is not a time zone such as Europe/London.")
        source = importer.find_or_build_source(location, programme, zone, name)
        try:
            data, file_name = importer.read_location(location)
            items = importer.read_items(data, file_name)
        except importer.Unreadable as error:
            importer.record_failure(source, str(error))
            raise CommandError(f"{error} Nothing was imported.") from None

        plan = importer.plan_import(source, items)
        self.stdout.write(plan.report())
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
            return
        if plan.rejected and not skip_rejected:
            message = (
                f"{len(plan.rejected)} row(s) rejected, so nothing was imported. Correct them, "
                "or import the other rows with --skip-rejected."
            )
            importer.record_failure(source, f"{message}\n\n{plan.report()}")
            raise CommandError(message)
        try:
            importer.apply(plan)
        except DatabaseError as error:
            raise CommandError(importer.refused_message(error, source)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported into “{source.name}”: {plan.summary()}."))

    def find_programme(self, slug):
        try:
            return Programme.objects.get(slug=slug)
        except Programme.DoesNotExist:
            slugs = ", ".join(Programme.objects.values_list("slug", flat=True))
            raise CommandError(f"No programme “{slug}”. Choose one of: {slugs}.") from None
