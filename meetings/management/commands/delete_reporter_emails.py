import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from meetings.models import ChangeReport


class Command(BaseCommand):
    help = (
        "Delete the email addresses that visitors left with their change reports once they "
        "are older than settings.REPORTER_EMAIL_DAYS. Run it daily (with -v 0, for cron, it "
        "says nothing)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.REPORTER_EMAIL_DAYS)
        count = ChangeReport.objects.filter(created__lt=cutoff).exclude(email="").update(email="")
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {count} reporters' email addresses older than "
                f"{settings.REPORTER_EMAIL_DAYS} days."
            )
