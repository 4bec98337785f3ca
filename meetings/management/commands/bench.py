import math
import statistics
import time
import tracemalloc
import warnings

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import (
    MILES_PER_DEGREE_OF_LATITUDE,
    Meeting,
    PostcodeDistrict,
    PostcodeSector,
    PostcodeUnit,
)
from meetings.postcodes import outward_code, sector

# Typical searches: a person on a phone, a worker with a client, and the heavy cases.
SEARCHES = [
    ("every meeting, first page", {}),
    ("today", {"day": "today"}),
    ("near M1 1AE, 10 miles", {"near": "M1 1AE"}),
    ("near Truro, 25 miles, evenings", {"near": "Truro", "radius": "25", "time": "evening"}),
    ("online today", {"attendance": "online", "day": "today"}),
    ("keyword", {"q": "benchmark 42"}),
    ("women, step-free, MAT", {"focus": "women", "access": "step-free", "mat": "1"}),
    ("near M1, 25 miles, page 5", {"near": "M1", "radius": "25", "page": "5"}),
    ("town not found", {"near": "Edinbrugh"}),
]
# Other lists that directories and apps read, timed the same way.
OTHER_URLS = [
    ("Open Referral UK services, 50 a page", "/api/oruk/services", {"per_page": "50"}),
]
TARGET_P95_MS = 300
TARGET_PEAK_MIB = 20


class Command(BaseCommand):
    help = "Time the finder's typical searches on the current database and print the figures."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)

    # The manifest of hashed static files exists only after collectstatic.
    @override_settings(
        STORAGES={
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        }
    )
    def handle(self, *args, runs, **options):
        warnings.filterwarnings("ignore", "No directory at")  # whitenoise, no collectstatic
        client = Client(HTTP_HOST="localhost")
        finder = reverse("meetings:meeting_list")
        active = Meeting.objects.active().count()
        self.stdout.write(
            f"Finder on {connection.vendor} with {active} active meetings, {runs} runs each\n"
        )
        self.stdout.write(
            f"{'search':38} {'median ms':>9} {'p95 ms':>7} {'queries':>7} {'peak MiB':>8}"
        )
        missed = []
        for name, url, params in [(n, finder, p) for n, p in SEARCHES] + OTHER_URLS:
            client.get(url, params)  # warm up
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(url, params)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, f"{name}: {response.status_code}"
            with CaptureQueriesContext(connection) as queries:
                tracemalloc.start()
                client.get(url, params)
                peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
                tracemalloc.stop()
            p95 = statistics.quantiles(timings, n=20)[-1]
            self.stdout.write(
                f"{name:38} {statistics.median(timings):9.1f} {p95:7.1f} "
                f"{len(queries):7} {peak_mib:8.1f}"
            )
            if p95 > TARGET_P95_MS or peak_mib > TARGET_PEAK_MIB:
                missed.append(name)
        targets = f"p95 under {TARGET_P95_MS} ms and peak memory under {TARGET_PEAK_MIB} MiB"
        if missed:
            self.stdout.write(
                self.style.WARNING(f"\nMissed the targets ({targets}): {', '.join(missed)}")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"\nEvery search met the targets: {targets}."))
        self.location_precision()

    def location_precision(self, every=50):
        """How far a full postcode is from the point it used to be placed at (its district's
        centre), and from its sector's centre (the fallback for a postcode newer than the
        data), over every 50th unit. Placed at its unit, it is where it is."""
        districts = dict(
            (outcode, (lat, lng))
            for outcode, lat, lng in PostcodeDistrict.objects.values_list(
                "outcode", "latitude", "longitude"
            )
        )
        sectors = dict(
            (sector, (lat, lng))
            for sector, lat, lng in PostcodeSector.objects.values_list(
                "sector", "latitude", "longitude"
            )
        )
        units = PostcodeUnit.objects.order_by("postcode").values_list(
            "postcode", "latitude", "longitude"
        )
        to_district, to_sector = [], []
        for i, (postcode, lat, lng) in enumerate(units.iterator(chunk_size=20_000)):
            if i % every:
                continue
            to_district.append(miles_apart((lat, lng), districts[outward_code(postcode)]))
            to_sector.append(miles_apart((lat, lng), sectors[sector(postcode)]))
        if not to_district:
            self.stdout.write("\nNo full postcodes loaded: run manage.py load_postcodes.")
            return
        self.stdout.write(
            f"\nLocation error over {len(to_district):,} postcodes (every {every}th):"
        )
        for name, errors in [("district centre", to_district), ("sector centre", to_sector)]:
            deciles = statistics.quantiles(errors, n=10)
            self.stdout.write(
                f"  placed at its {name}: median {statistics.median(errors):.2f} miles, "
                f"90th percentile {deciles[-1]:.2f} miles"
            )
        self.stdout.write("  placed at its unit: 0 miles")


def miles_apart(a, b):
    dx = (a[1] - b[1]) * math.cos(math.radians(a[0]))
    return MILES_PER_DEGREE_OF_LATITUDE * math.hypot(dx, a[0] - b[0])
