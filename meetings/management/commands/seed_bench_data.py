import datetime
import random

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import override_settings

from meetings.models import (
    Attendance,
    Focus,
    Frequency,
    Meeting,
    Openness,
    PostcodeDistrict,
    Venue,
    Weekday,
)
from programmes.models import Programme

BENCH_PREFIX = "bench-"
ATTENDANCE_MIX = [Attendance.IN_PERSON] * 8 + [Attendance.ONLINE, Attendance.HYBRID]
START_TIMES = [datetime.time(h, m) for h in range(7, 22) for m in (0, 30)]


class Command(BaseCommand):
    help = (
        "Seed a benchmark's worth of meetings (default 20,000) across every UK postcode "
        "district, on top of the demo programmes. Replaces earlier benchmark rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=20_000)

    @transaction.atomic
    def handle(self, *args, meetings, **options):
        rng = random.Random(2026)  # the same data every run
        call_command("load_demo_data", stdout=self.stdout)
        self.stdout.write("1. Removing earlier benchmark rows")
        # Made-up rows, so no history of their removal: at 50,000 meetings writing it took
        # 100 s of each database's run of `make bench`, and added as many history rows.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            Meeting.objects.filter(slug__startswith=BENCH_PREFIX).delete()
            Venue.objects.filter(name__startswith=BENCH_PREFIX).delete()
        Meeting.history.filter(slug__startswith=BENCH_PREFIX).delete()  # from earlier runs
        Venue.history.filter(name__startswith=BENCH_PREFIX).delete()

        self.stdout.write("2. One venue for every ten meetings, in every postcode district")
        districts = list(PostcodeDistrict.objects.all())
        venues = Venue.objects.bulk_create(
            Venue(
                name=f"{BENCH_PREFIX}venue-{i}",
                address_line_1=f"{i} Benchmark Street",
                town=district.town,
                postcode=f"{district.outcode} 1AA",
                latitude=district.latitude,
                longitude=district.longitude,
                step_free=rng.random() < 0.6,
                hearing_loop=rng.random() < 0.3,
            )
            for i, district in enumerate(
                districts[i % len(districts)] for i in range(max(1, meetings // 10))
            )
        )

        self.stdout.write(f"3. {meetings} meetings")
        programmes = list(Programme.objects.all())
        created = Meeting.objects.bulk_create(
            self.meeting(i, rng, programmes, venues) for i in range(meetings)
        )
        focuses = list(Focus.objects.all())
        Meeting.focuses.through.objects.bulk_create(
            Meeting.focuses.through(meeting=meeting, focus=rng.choice(focuses))
            for meeting in created
            if rng.random() < 0.15
        )
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner, as autovacuum would give a live database.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Seeded {meetings} benchmark meetings."))

    def meeting(self, i, rng, programmes, venues):
        attendance = rng.choice(ATTENDANCE_MIX)
        weekday = rng.choice(list(Weekday))
        fortnightly = rng.random() < 0.05
        anchor = datetime.date(2026, 1, 5) + datetime.timedelta(days=weekday)  # 5th is a Monday
        meeting = Meeting(
            programme=rng.choice(programmes),
            name=f"Benchmark meeting {i}",
            slug=f"{BENCH_PREFIX}{i}",
            attendance=attendance,
            venue=None if attendance == Attendance.ONLINE else rng.choice(venues),
            online_url="" if attendance == Attendance.IN_PERSON else "https://meet.example.org/b",
            weekday=weekday,
            start_time=rng.choice(START_TIMES),
            frequency=Frequency.FORTNIGHTLY if fortnightly else Frequency.WEEKLY,
            fortnight_anchor=anchor if fortnightly else None,
            openness=rng.choice(list(Openness)),
        )
        meeting.set_derived_fields()  # bulk_create() does not call save()
        return meeting
