"""A WSGI app that answers every request with the bytes of the file BENCH_BODY, as gzipped
JSON, and does nothing else: no Django, no database. The load benchmark serves the Meeting
Guide feed's bytes with it, on gunicorn as the site, for the fastest any server here could
send a response that size (loadbench's "ceiling" row)."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY"]).read_bytes()
HEADERS = [
    ("Content-Type", "application/json"),
    ("Content-Encoding", "gzip"),
    ("Content-Length", str(len(BODY))),
]


def app(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
