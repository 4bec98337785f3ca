"""Load Great Britain's 1.7 million full postcodes, derive their sectors and place venues.

Too many rows for a migration (every test database would load them), so `make run` and
`make serve` call this command, which does nothing once the postcodes are there.
"""

import csv
import gzip
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count

from meetings import wording
from meetings.models import PostcodeSector, PostcodeUnit, Venue

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "uk-postcodes.csv.gz"
EXPECTED_ROWS = 1_745_013  # in DATA_FILE, for the progress figures
BATCH = 50_000


def read_rows(path):
    """(postcode, latitude, longitude) from a CSV file, gzipped or not, with a header."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        if next(reader, None) != ["postcode", "latitude", "longitude"]:
            raise CommandError(f"{path} does not start with postcode,latitude,longitude.")
        for postcode, latitude, longitude in reader:
            yield postcode, float(latitude), float(longitude)


class Command(BaseCommand):
    help = "Load full postcodes (once; --reload to load them again) and derive their sectors."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE)
        parser.add_argument("--reload", action="store_true", help="Replace postcodes loaded.")

    def handle(self, *args, file, reload, **options):
        if PostcodeUnit.objects.exists() and not reload:
            self.stdout.write("Postcodes are loaded already (use --reload to load them again).")
            return
        if not file.exists():
            raise CommandError(f"There is no postcode file at {file}.")
        started = time.monotonic()
        with transaction.atomic():
            PostcodeSector.objects.all().delete()
            PostcodeUnit.objects.all().delete()
            count = self.load_units(
                read_rows(file), expected=EXPECTED_ROWS if file == DATA_FILE else None
            )
            sectors = self.derive_sectors()
            venues = self.place_venues()
        self.stdout.write(
            f"Loaded {count:,} postcodes and {sectors:,} sectors, and placed "
            f"{wording.count(venues, 'venue')} again, "
            f"in {time.monotonic() - started:.0f} seconds."
        )

    def load_units(self, rows, expected):
        table = PostcodeUnit._meta.db_table
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # COPY is several times faster than INSERT
                with cursor.cursor.copy(
                    f"COPY {table} (postcode, latitude, longitude) FROM STDIN"
                ) as copy:
                    for count, row in enumerate(rows, 1):
                        copy.write_row(row)
                        self.progress(count, expected)
            else:
                sql = f"INSERT INTO {table} (postcode, latitude, longitude) VALUES (%s, %s, %s)"
                batch = []
                for count, row in enumerate(rows, 1):
                    batch.append(row)
                    if len(batch) == BATCH:
                        cursor.executemany(sql, batch)
                        batch = []
                    self.progress(count, expected)
                cursor.executemany(sql, batch)
        return count

    def progress(self, count, expected):
        if count % 250_000 == 0:
            of = f" of {expected:,}" if expected else ""
            self.stdout.write(f"  {count:,}{of} postcodes…")

    def derive_sectors(self):
        """Each sector's centre is the mean of its units: one INSERT … SELECT."""
        sector = "SUBSTR(postcode, 1, LENGTH(postcode) - 2)"
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {PostcodeSector._meta.db_table} (sector, latitude, longitude, units) "
                f"SELECT {sector}, AVG(latitude), AVG(longitude), COUNT(*) "
                f"FROM {PostcodeUnit._meta.db_table} GROUP BY {sector}"
            )
        return PostcodeSector.objects.aggregate(count=Count("pk"))["count"]

    def place_venues(self):
        """Venues placed from their postcode are placed again, now to their unit."""
        venues = Venue.objects.exclude(location_set_by_staff=True).in_uk()
        for venue in venues:
            venue.save()
        return len(venues)
