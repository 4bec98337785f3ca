"""Lists of meetings kept elsewhere that we import."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from meetings.models.choices import UK_TIME_ZONE
from programmes.models import Programme


def is_web_address(location):
    """Whether a source's location is fetched over the web ("HTTPS://…" too), not a file."""
    return urlsplit(location).scheme.lower() in ("http", "https")


def one_web_address(url):
    """The URL with its scheme and host in lower case, as they are read: "HTTP://Example.org/
    feed.json" is the source at http://example.org/feed.json, not another."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()))


def web_address(url):
    """Sources are fetched over the web only (meetings/exchange/fetching.py). A URL field
    checks the rest of the URL, and allows ftp:// too."""
    if not is_web_address(url):
        raise ValidationError(
            "Enter a web address that starts with https:// or http://.", code="not_web_address"
        )


class Source(models.Model):
    """A list of meetings kept elsewhere (a Meeting Guide JSON feed or a spreadsheet as CSV)
    that we import, once from a file or nightly from its URL (`manage.py sync_sources`)."""

    class Outcome(models.TextChoices):
        NEVER = "never", "Not imported yet"
        IMPORTED = "imported", "Imported"
        IMPORTED_WITH_REJECTS = "rejects", "Imported, some rows rejected"
        FAILED = "failed", "Failed: nothing changed"

    name = models.CharField(max_length=200)
    url = models.URLField(
        "URL",
        max_length=500,
        blank=True,
        validators=[web_address],
        help_text="Synced nightly when given.",
    )
    file_name = models.CharField(
        max_length=200, blank=True, help_text="For a one-off import from a file."
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="sources")
    time_zone = models.CharField(
        max_length=50,
        default=UK_TIME_ZONE,
        help_text="For rows that do not give their own time zone.",
    )
    last_import = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome, default=Outcome.NEVER)
    report = models.TextField(blank=True, help_text="What the last import did, row by row.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def location(self):
        return self.url or self.file_name


class ImportPreview(models.Model):
    """A file a staff member has previewed for import, kept under a token of its own until
    they confirm it: their latest few, one a tab. Kept here, not in their session, which
    every admin page loads: three large files made each page take seconds."""

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content = models.BinaryField()
    # Where it came from, and what it is imported as: location, programme (its id), name,
    # time_zone and new_source.
    details = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.details.get('location')}, previewed {self.created:%-d %B %Y %H:%M}"
