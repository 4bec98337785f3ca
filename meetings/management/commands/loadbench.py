"""The load benchmark: the site under gunicorn (2 workers, production settings) on loopback,
driven by wrk, at a small and a national number of meetings, on the configured database.

Prints a table per size and writes this database's section of docs/benchmarks.md.
"""

import contextlib
import io
import os
import platform
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from meetings.management.commands.seed_bench_data import BENCH_PREFIX
from meetings.models import Meeting

DOC = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"
SELECTION = "&".join(f"meeting={BENCH_PREFIX}{i}" for i in range(100))


def urls():
    """(name, path) of what is measured; the trivial view last, as the baseline."""
    found = [
        ("finder, unfiltered", "/meetings/"),
        ("finder near a postcode, 2 filters", "/meetings/?near=M1+1AE&day=monday&time=evening"),
        ("finder keyword", "/meetings/?q=benchmark+meeting"),
        ("print, 100 meetings", f"/meetings/print/?{SELECTION}"),
        ("meeting page", f"/meetings/{BENCH_PREFIX}1/"),
        ("Open Referral UK services", "/api/oruk/services"),
    ]
    with contextlib.suppress(NoReverseMatch):  # not on every version of the site
        found.append(("Meeting Guide feed", reverse("meetings:meeting_feed")))
    return [*found, ("/healthz (trivial)", "/healthz")]


# Measured again with the page cache on: what a repeat visitor to a popular address gets.
CACHED = {
    "finder, unfiltered": "finder, unfiltered, repeated (page cache)",
    "finder keyword": "finder keyword, repeated (page cache)",
}


GZIP = "Accept-Encoding: gzip"


def wrk(url, seconds, connections):
    """requests/s, p50 ms, p99 ms and non-2xx count from one wrk run."""
    output = subprocess.run(
        # As browsers and feed readers ask: compressed.
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", GZIP, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def fastest(runs):
    """The run with the most requests/s, with the errors of every run. The first also warms
    the workers up, and a run that something else on the machine slowed says less about the
    site: from one run to the next on 2 cores, the rate moved by up to a fifth."""
    best = max(runs, key=lambda run: run["rate"])
    return best | {"errors": sum(run["errors"] for run in runs)}


def parse_wrk(output):
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rate": rate,
        "p50": _ms(re.search(r"\s50%\s+([\d.]+)(us|ms|s)", output)),
        "p99": _ms(re.search(r"\s99%\s+([\d.]+)(us|ms|s)", output)),
        "errors": int(errors[1]) if errors else 0,
    }


def _ms(match):
    return float(match[1]) / {"us": 1000, "ms": 1, "s": 0.001}[match[2]]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = "Load-test the site under gunicorn with wrk at several sizes; write docs/benchmarks.md."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[500, 50_000])
        parser.add_argument("--seconds", type=int, default=3)
        parser.add_argument("--runs", type=int, default=2)
        parser.add_argument("--connections", type=int, default=8)

    def handle(self, *args, sizes, seconds, runs, connections, **options):
        if subprocess.run(["which", "wrk"], capture_output=True).returncode:
            raise CommandError("wrk is not installed: apt-get install wrk (make bench does).")
        call_command("collectstatic", "--no-input", verbosity=0)
        results = {}
        for size in sizes:
            call_command("seed_bench_data", meetings=size, stdout=io.StringIO())
            self.analyze()
            active = Meeting.objects.active().count()
            self.stdout.write(f"\n{connection.vendor}, {active:,} active meetings")
            uncached = self.measure(urls(), seconds, runs, connections, page_cache=False)
            repeated = [(CACHED[name], path) for name, path in urls() if name in CACHED]
            cached = self.measure(repeated, seconds, runs, connections, page_cache=True)
            trivial = uncached.pop("/healthz (trivial)")
            results[size] = uncached | cached | {"/healthz (trivial)": trivial}
            self.stdout.write(self.table(results, size))
        self.write_doc(results, sizes, seconds, runs, connections)

    def analyze(self):
        """Fresh statistics, as a database in use has: the query planner relies on them. On
        PostgreSQL, vacuumed too, as autovacuum keeps a database in use: just after a bulk
        insert the trigram index still has its new entries in an unsorted list, which every
        keyword search then reads."""
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    def measure(self, measured, seconds, runs, connections, page_cache):
        """Every page is built anew unless `page_cache` is on."""
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "load-benchmark-key",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",
            "DJANGO_PAGE_CACHE": "1" if page_cache else "0",
        }
        gunicorn = Path(sys.executable).parent / "gunicorn"
        config = Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"
        server = subprocess.Popen(
            [gunicorn, "-c", config, "--access-logfile", "/dev/null"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self.wait_for(port)
            rows = {}
            for name, path in measured:
                url = f"http://127.0.0.1:{port}{path}"
                # One request first, which builds what is stored (the whole feed: seconds at
                # 50,000 meetings).
                urllib.request.urlopen(
                    urllib.request.Request(url, headers={"Accept-Encoding": "gzip"}), timeout=120
                ).read()
                measured_runs = [wrk(url, seconds, connections) for _ in range(runs)]
                rows[name] = fastest(measured_runs) | self.inspect(port, path, page_cache)
            return rows
        finally:
            server.terminate()
            server.wait(timeout=10)

    def wait_for(self, port):
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise CommandError("gunicorn did not start")

    @override_settings(
        STORAGES={
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        },
        ALLOWED_HOSTS=["127.0.0.1"],
    )
    def inspect(self, port, path, page_cache):
        """SQL queries and bytes of one response (a repeated one with the page cache on), in
        this process."""
        # The same host as wrk's requests: the stored feed is kept per site address.
        client = Client(HTTP_HOST=f"127.0.0.1:{port}", HTTP_ACCEPT_ENCODING="gzip")
        with override_settings(PAGE_CACHE=page_cache):
            if page_cache:
                client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
        body = b"".join(response) if response.streaming else response.content
        return {"queries": len(queries), "bytes": len(body), "status": response.status_code}

    def table(self, results, size):
        rows = results[size]
        first = results[min(results)]
        trivial = rows["/healthz (trivial)"]["rate"]
        lines = [
            "| URL | requests/s | p50 ms | p99 ms | queries | bytes (gzip) | "
            f"vs {min(results):,} meetings | vs trivial |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, row in rows.items():
            flag = " (errors!)" if row["errors"] or row["status"] != 200 else ""
            lines.append(
                f"| {name}{flag} | {row['rate']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | "
                f"{row['queries']} | {row['bytes']:,} | "
                f"{row['rate'] / first[name]['rate']:.0%} | {row['rate'] / trivial:.1%} |"
            )
        return "\n".join(lines)

    def write_doc(self, results, sizes, seconds, runs, connections):
        vendor = connection.vendor
        cpu = platform.processor() or platform.machine()
        section = "\n".join(
            [
                f"<!-- {vendor} -->",
                f"## {vendor}",
                "",
                f"Last run {time.strftime('%Y-%m-%d %H:%M %Z')} on {os.cpu_count()} cores "
                f"({cpu}), Python {platform.python_version()}; gunicorn with 2 workers, wrk "
                f"with 2 threads and {connections} connections, the faster of {runs} runs of "
                f"{seconds} s per URL.",
                "",
                *(
                    f"### {size:,} meetings seeded\n\n{self.table(results, size)}\n"
                    for size in sizes
                ),
                f"<!-- /{vendor} -->",
            ]
        )
        text = DOC.read_text() if DOC.exists() else "# Benchmarks\n\nWritten by `make bench`.\n"
        pattern = re.compile(rf"<!-- {vendor} -->.*?<!-- /{vendor} -->", re.S)
        text = pattern.sub(section, text) if pattern.search(text) else f"{text}\n{section}\n"
        DOC.write_text(text)
        self.stdout.write(f"\nWrote the {vendor} section of {DOC}")
