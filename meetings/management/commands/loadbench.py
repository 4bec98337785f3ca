"""The load benchmark: the site under gunicorn (2 workers, production settings) on loopback,
driven by wrk, at a small and a national number of meetings, on the configured database.

Each size is seeded in turn; every size but the last is then copied to a database of its own,
and each size gets a server. Each URL is measured at every size in turn, run after run, so
that a machine that slows for a while (this one's rates moved by a fifth or more from minute
to minute) slows every size alike rather than whichever was measured then.

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
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
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
        ("finder near a postcode", "/meetings/?near=M1+1AE"),  # the most common search
        ("finder near a postcode, 2 filters", "/meetings/?near=M1+1AE&day=monday&time=evening"),
        ("finder keyword", "/meetings/?q=benchmark+meeting"),
        ("print, 100 meetings", f"/meetings/print/?{SELECTION}"),
        ("meeting page", f"/meetings/{BENCH_PREFIX}1/"),
        ("Open Referral UK services", "/api/oruk/services"),
    ]
    with contextlib.suppress(NoReverseMatch):  # not on every version of the site
        found.append((FEED, reverse("meetings:meeting_feed")))
    return [*found, ("/healthz (trivial)", "/healthz")]


# Measured again with the page cache on: what a repeat visitor to a popular address gets.
CACHED = {
    "finder, unfiltered": "finder, unfiltered, repeated (page cache)",
    "finder keyword": "finder keyword, repeated (page cache)",
}


def repeated_urls():
    """(name, path) of what is measured again with the page cache on."""
    return [(CACHED[name], path) for name, path in urls() if name in CACHED]


FEED = "Meeting Guide feed"
# The feed's bytes from a server that does nothing else: how fast a response that size can go.
CEILING = "the feed's bytes alone, no Django (the ceiling)"


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
    site: from one run to the next on 2 cores, the rate moved by up to a fifth, and between
    two runs of the whole benchmark the finder's by a sixth with the best of two."""
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


def workers(master):
    """Process ids of a gunicorn master's workers, read from /proc (Linux); none elsewhere."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            if f"\nPPid:\t{master}\n" in status.read_text():
                found.append(int(status.parent.name))
    return found


def reset_peak_memory(pids):
    """Start each process's peak resident memory (VmHWM) again from what it holds now."""
    for pid in pids:
        with contextlib.suppress(OSError):
            Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_memory_mib(pids):
    """The largest peak resident memory among the processes, in MiB; None if unknown."""
    peaks = []
    for pid in pids:
        with contextlib.suppress(OSError):
            peaks.append(parse_peak_kib(Path(f"/proc/{pid}/status").read_text()) / 1024)
    return max(peaks, default=None)


def parse_peak_kib(status):
    return int(re.search(r"^VmHWM:\s+(\d+) kB$", status, re.M)[1])


def database_url(name=None):
    """The URL of this database, or of another of that name on the same server."""
    name = name or connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = "Load-test the site under gunicorn with wrk at several sizes; write docs/benchmarks.md."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[500, 50_000])
        parser.add_argument("--seconds", type=int, default=3)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--connections", type=int, default=8)

    def handle(self, *args, sizes, seconds, runs, connections, **options):
        if subprocess.run(["which", "wrk"], capture_output=True).returncode:
            raise CommandError("wrk is not installed: apt-get install wrk (make bench does).")
        call_command("collectstatic", "--no-input", verbosity=0)
        sizes = sorted(sizes)
        databases, inspected = {}, {}
        for size in sizes:
            call_command("seed_bench_data", meetings=size, stdout=io.StringIO())
            self.analyze()
            active = Meeting.objects.active().count()
            self.stdout.write(f"{connection.vendor}: {active:,} active meetings seeded")
            inspected[size] = self.inspect_all()
            # Every size but the last is measured from a copy of the database as seeded.
            databases[size] = self.copy_database(size) if size != sizes[-1] else database_url()
        measured = {size: {} for size in sizes}
        for page_cache in (False, True):
            paths = repeated_urls() if page_cache else urls()
            servers = {size: self.server(url, page_cache) for size, url in databases.items()}
            rates = self.measure(servers, paths, seconds, runs, connections)
            for size in sizes:
                measured[size] |= rates[size]
        if all(FEED in inspected[size] for size in sizes):
            rates = self.measure_ceiling(inspected, seconds, runs, connections)
            for size in sizes:
                measured[size] |= rates[size]
        results = {}
        for size in sizes:
            rows = {name: measured[size][name] | inspected[size][name] for name in measured[size]}
            trivial = rows.pop("/healthz (trivial)")
            results[size] = rows | {"/healthz (trivial)": trivial}
            self.stdout.write(f"\n{connection.vendor}, {size:,} meetings seeded")
            self.stdout.write(self.table(results, size))
        self.write_doc(results, sizes, seconds, runs, connections)

    def measure_ceiling(self, inspected, seconds, runs, connections):
        """As measure(), the feed's bytes at each size from bare_server(); the row's queries
        and bytes added to `inspected`."""
        with tempfile.TemporaryDirectory() as folder:
            servers = {}
            for size, rows in inspected.items():
                body = Path(folder, f"{size}.json.gz")
                body.write_bytes(rows[FEED]["body"])
                servers[size] = self.bare_server(body)
                rows[CEILING] = rows[FEED] | {"queries": 0}
            return self.measure(servers, [(CEILING, "/")], seconds, runs, connections)

    def analyze(self):
        """Fresh statistics, as a database in use has: the query planner relies on them. On
        PostgreSQL, vacuumed too, as autovacuum keeps a database in use: just after a bulk
        insert the trigram index still has its new entries in an unsorted list, which every
        keyword search then reads."""
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    def copy_database(self, size):
        """A copy of the database as seeded now, with its URL, for a server of its own."""
        name = str(connection.settings_dict["NAME"])
        if connection.vendor == "sqlite":
            path = Path(name).with_name(f"{Path(name).stem}-{size}.sqlite3")
            path.unlink(missing_ok=True)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(path)])
            return database_url(path)
        copy = f"{name}_{size}"
        connection.close()  # PostgreSQL copies a database only while nobody is connected to it
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
        return database_url(copy)

    def measure(self, servers, measured, seconds, runs, connections):
        """{size: {name: wrk figures}}: one server per size (`servers`: {size: server()}),
        each URL measured at every size in turn, run after run, so that a machine that slows
        for a while slows every size alike."""
        with contextlib.ExitStack() as stack:
            servers = {size: stack.enter_context(server) for size, server in servers.items()}
            ports = {size: port for size, (port, _) in servers.items()}
            rates = {size: {} for size in servers}
            for name, path in measured:
                runs_by_size = {size: [] for size in servers}
                pids = {size: workers(master) for size, (_, master) in servers.items()}
                for size, port in ports.items():
                    reset_peak_memory(pids[size])
                    # One request first, which builds what is stored (the whole feed: seconds
                    # at 50,000 meetings).
                    urllib.request.urlopen(
                        urllib.request.Request(
                            f"http://127.0.0.1:{port}{path}", headers={"Accept-Encoding": "gzip"}
                        ),
                        timeout=120,
                    ).read()
                for _ in range(runs):
                    for size, port in ports.items():
                        url = f"http://127.0.0.1:{port}{path}"
                        runs_by_size[size].append(wrk(url, seconds, connections))
                for size, size_runs in runs_by_size.items():
                    rates[size][name] = fastest(size_runs) | {
                        "peak_mib": peak_memory_mib(pids[size])
                    }
            return rates

    def server(self, database, page_cache):
        """gunicorn with 2 workers and production settings on `database`. Every page is built
        anew unless `page_cache` is on."""
        config = Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"
        return self.gunicorn(
            ["-c", config],
            {
                "DATABASE_URL": database,
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "load-benchmark-key",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "WEB_CONCURRENCY": "2",
                "DJANGO_PAGE_CACHE": "1" if page_cache else "0",
            },
        )

    def bare_server(self, body):
        """gunicorn with 2 workers serving the file `body` and nothing else (bare_bytes)."""
        return self.gunicorn(
            ["--workers", "2", "meetings.management.bare_bytes:app"], {"BENCH_BODY": str(body)}
        )

    @contextlib.contextmanager
    def gunicorn(self, arguments, environment):
        """A gunicorn with these arguments and environment on a free port on loopback: its
        port and the master's process id."""
        port = free_port()
        env = {**os.environ, **environment, "HOST": "127.0.0.1", "PORT": str(port)}
        server = subprocess.Popen(
            [Path(sys.executable).parent / "gunicorn", *arguments, "--access-logfile", "/dev/null"]
            + ["--bind", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self.wait_for(port, server.pid)
            yield port, server.pid
        finally:
            server.terminate()
            server.wait(timeout=10)

    def wait_for(self, port, master):
        """Until the port answers and, where /proc tells, both workers have started."""
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                if len(workers(master)) == 2 or not Path("/proc").is_dir():
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise CommandError("gunicorn did not start")

    def inspect_all(self):
        """SQL queries and bytes of one response to each measured URL, in this process."""
        uncached = {name: self.inspect(path, page_cache=False) for name, path in urls()}
        cached = {name: self.inspect(path, page_cache=True) for name, path in repeated_urls()}
        return uncached | cached

    @override_settings(
        STORAGES={
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        },
        ALLOWED_HOSTS=["127.0.0.1"],
    )
    def inspect(self, path, page_cache):
        """SQL queries and bytes of a repeated response, as the servers measured give them
        once warm (from the page cache, when it is on)."""
        caches["pages"].clear()  # it may hold the page as it was at another size
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
        with override_settings(PAGE_CACHE=page_cache):
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
        body = b"".join(response) if response.streaming else response.content
        return {
            "queries": len(queries),
            "bytes": len(body),
            "status": response.status_code,
            "body": body,  # the feed's, for its ceiling
        }

    def table(self, results, size):
        rows = results[size]
        first = results[min(results)]
        trivial = rows["/healthz (trivial)"]["rate"]
        lines = [
            "| URL | requests/s | p50 ms | p99 ms | queries | bytes (gzip) | peak MiB | "
            f"vs {min(results):,} meetings | vs trivial |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, row in rows.items():
            flag = " (errors!)" if row["errors"] or row["status"] != 200 else ""
            peak = "–" if row["peak_mib"] is None else f"{row['peak_mib']:.0f}"
            lines.append(
                f"| {name}{flag} | {row['rate']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | "
                f"{row['queries']} | {row['bytes']:,} | {peak} | "
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
                f"with 2 threads and {connections} connections, the best of {runs} runs of "
                f"{seconds} s per URL; each size has a server of its own, and each URL is "
                "measured at every size in turn, run after run. The ceiling serves the "
                "feed's gzipped bytes from a WSGI app that does nothing else, on the same "
                "gunicorn: the fastest a response that size goes here. Peak MiB is the larger "
                "of the two workers' peak resident memory (VmHWM) from the URL's first request "
                "to its last run: the peak is reset to what a worker holds before each URL, "
                "and memory a worker kept from earlier URLs counts.",
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
