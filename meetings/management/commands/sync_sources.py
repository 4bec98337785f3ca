import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from meetings.exchange import importer
from meetings.models import Source

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import every source that has a URL again (run it nightly from cron). Changed meetings "
        "are updated, new ones added, and those gone from their source marked ended; meetings "
        "that staff detached are left alone. Rejected rows are skipped and reported on the "
        "source. A source that lists none of its meetings any more is left as it was (staff "
        "can end them by importing it in the admin). Exits non-zero when any source failed, "
        "and says why on stderr; with -v 0, that is all it says (for cron)."
    )

    def handle(self, *args, **options):
        failed = []
        for source in Source.objects.exclude(url="").select_related("programme"):
            try:
                data, name = importer.read_location(source.url)
                plan = importer.plan_import(source, importer.read_items(data, name))
                if plan.ends_everything:
                    raise importer.Unreadable(
                        f"{source.url} lists none of the source's meetings now. If they have "
                        "all ended, import it in the admin to end them."
                    )
                importer.apply(plan)
            except (importer.Unreadable, DatabaseError) as error:
                self.fail(source, f"{error} Nothing was changed.")
                failed.append(source.name)
                continue
            except Exception:  # a bug, which must not keep the other sources from their sync
                logger.exception("Import of source %s (%s) failed", source.pk, source.url)
                self.fail(
                    source,
                    "The import failed with an error in the site, which is in "
                    "its log. Nothing was changed.",
                )
                failed.append(source.name)
                continue
            if options["verbosity"]:
                self.stdout.write(f"{source.name}: {plan.summary()}")
        if failed:
            raise CommandError(f"{len(failed)} source(s) failed: {', '.join(failed)}.")

    def fail(self, source, message):
        importer.record_failure(source, message)
        self.stderr.write(f"{source.name}: {message}")
