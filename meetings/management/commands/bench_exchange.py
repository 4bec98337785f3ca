import contextlib
import functools
import json
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from meetings.exchange import importer
from meetings.models import Meeting
from programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Measure the exchange formats on the current database: importing a generated feed of "
        "--import-meetings meetings (rolled back afterwards), and exporting every active "
        "meeting as the JSON feed, CSV and iCalendar. Seed first for the export figures: "
        "`manage.py seed_bench_data --meetings 50000`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--import-meetings", type=int, default=2000)

    @override_settings(
        STORAGES={
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        },
        ALLOWED_HOSTS=["localhost"],
    )
    def handle(self, *args, import_meetings, **options):
        warnings.filterwarnings("ignore", "No directory at")  # whitenoise, no collectstatic
        self.stdout.write(f"Exchange formats on {connection.vendor}\n")
        self.stdout.write(f"{'what':56} {'seconds':>8} {'queries':>8} {'peak MiB':>9}")
        self.bench_import(import_meetings)
        client = Client(HTTP_HOST="localhost")
        self.fetch(client, reverse("meetings:meeting_feed") + "?q=warm-up")  # imports, caches
        count = Meeting.objects.active().count()
        mondays = Meeting.objects.active().filter(weekday=0).count()
        self.measure(  # against the next line: memory that does not grow with the meetings
            f"export {mondays} meetings (Mondays) as JSON feed",
            lambda: self.fetch(client, reverse("meetings:meeting_feed") + "?day=monday"),
        )
        feed = reverse("meetings:meeting_feed")

        def build_feed():
            cache.delete("meeting-feed:http://localhost/")  # the whole feed is stored per host
            return self.fetch(client, feed)

        self.measure(f"export {count} meetings as JSON feed (built, stored)", build_feed)
        for name, url in (
            ("JSON feed (streamed, ?q=)", feed + "?q="),
            ("CSV", reverse("meetings:meeting_csv")),
            ("iCalendar", reverse("meetings:meeting_list_calendar")),
        ):
            self.measure(
                f"export {count} meetings as {name}", lambda url=url: self.fetch(client, url)
            )
        gzip_client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_ENCODING="gzip")
        self.measure("the stored JSON feed, gzipped", lambda: self.fetch(gzip_client, feed))
        self.measure("the stored JSON feed, not gzipped", lambda: self.fetch(client, feed))

    def fetch(self, client, url):
        response = client.get(url)
        if response.streaming:
            size = sum(len(chunk) for chunk in response.streaming_content)
        else:
            size = len(response.content)
        return f"{size / 2**20:.1f} MiB"

    def bench_import(self, count):
        """Imports of a generated feed into one source, each rolled back afterwards: all new;
        then, after the feed is imported, all changed (every name, a third of the types);
        and all but half ended (gone from the feed)."""
        programme = Programme.objects.first()
        rows = [bench_row(n) for n in range(count)]
        changed = [row | {"name": row["name"] + ", renamed"} for row in rows]
        for row in changed[::3]:
            row["types"] = [*row["types"], "LIT"]
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "bench-feed.json"

            def import_rows(rows):
                path.write_text(json.dumps(rows))
                source = importer.find_or_build_source(str(path), programme)
                data, name = importer.read_location(str(path))
                plan = importer.plan_import(source, importer.read_items(data, name))
                importer.apply(plan)
                return plan.summary()

            @contextlib.contextmanager
            def rolled_back(before=()):
                with transaction.atomic():
                    if before:
                        import_rows(before)
                    yield
                    transaction.set_rollback(True)  # leave the database as it was

            self.measure(
                f"import a {count}-meeting feed (new)", lambda: import_rows(rows), rolled_back
            )
            self.measure(
                "import it again, every meeting changed",
                lambda: import_rows(changed),
                functools.partial(rolled_back, rows),
            )
            self.measure(
                "import it again, half the meetings ended",
                lambda: import_rows(rows[: count // 2]),
                functools.partial(rolled_back, rows),
            )

    def measure(self, what, run, around=contextlib.nullcontext):
        """Once for the time and queries, once more under tracemalloc for the peak memory;
        each time inside `around`, whose own work is not measured."""
        queries = []
        with around(), connection.execute_wrapper(lambda x, *a: queries.append(1) or x(*a)):
            start = time.perf_counter()
            detail = run()
            seconds = time.perf_counter() - start
        with around():
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        self.stdout.write(f"{what:56} {seconds:8.2f} {len(queries):8} {peak:9.1f}  {detail}")


def bench_row(n):
    """A plausible in-person or online meeting; every tenth venue is shared."""
    row = {
        "slug": f"bench-import-{n}",
        "name": f"Imported meeting {n}",
        "day": n % 7,
        "time": f"{7 + n % 14}:{n % 4 * 15:02}",
        "types": ["O", "D", "W"] if n % 3 else ["C", "SP"],
        "notes": "Tea from half an hour before." if n % 5 == 0 else "",
    }
    if n % 10 == 9:
        return row | {"conference_url": f"https://meet.example.org/{n}"}
    return row | {
        "location": f"Hall {n // 10}",
        "formatted_address": f"{n // 10} High St, Leeds LS6 2QJ, UK",
    }
