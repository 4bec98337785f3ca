import importlib
import os
import subprocess
import sys

from meetings.management.commands.loadbench import (
    Command,
    fastest,
    parse_peak_kib,
    parse_wrk,
    peak_memory_mib,
    reset_peak_memory,
    workers,
)

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/meetings/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   161.80ms   40.00ms 301.00ms   70.00%
    Req/Sec    23.50      6.00    40.00     70.00%
  Latency Distribution
     50%  161.80ms
     75%  190.00ms
     90%  240.00ms
     99%    1.41s
  230 requests in 5.00s, 5.91MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     46.00
Transfer/sec:      1.18MB
"""


def test_wrk_output_is_read_in_milliseconds():
    assert parse_wrk(WRK_OUTPUT) == {"rate": 46.0, "p50": 161.8, "p99": 1410.0, "errors": 3}


def test_microseconds_and_no_errors():
    output = WRK_OUTPUT.replace("161.80ms", "950.00us").replace(
        "  Non-2xx or 3xx responses: 3\n", ""
    )

    assert parse_wrk(output) == {"rate": 46.0, "p50": 0.95, "p99": 1410.0, "errors": 0}


def test_the_faster_run_counts_with_the_errors_of_both():
    warming_up = {"rate": 80.0, "p50": 90.0, "p99": 300.0, "errors": 2}
    warm = {"rate": 120.0, "p50": 60.0, "p99": 95.0, "errors": 1}

    assert fastest([warming_up, warm]) == {"rate": 120.0, "p50": 60.0, "p99": 95.0, "errors": 3}


def test_peak_memory_is_read_from_a_process_status():
    status = "Name:\tgunicorn\nVmPeak:\t  250000 kB\nVmHWM:\t   81234 kB\nVmRSS:\t 60000 kB\n"
    assert parse_peak_kib(status) == 81234


def test_the_workers_are_the_masters_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in workers(os.getpid())
        assert workers(child.pid) == []
    finally:
        child.kill()
        child.wait()


def test_a_reset_peak_leaves_out_memory_given_back_before_it():
    held = b"x" * (200 * 2**20)  # written, so resident
    me = [os.getpid()]
    with_it = peak_memory_mib(me)
    del held
    reset_peak_memory(me)
    assert peak_memory_mib(me) < with_it - 150


def test_unknown_memory_is_a_dash_in_the_table():
    row = {"rate": 100.0, "p50": 9.0, "p99": 20.0, "errors": 0, "status": 200}
    row |= {"queries": 3, "bytes": 4321}
    trivial = row | {"peak_mib": None}
    results = {
        500: {"finder": row | {"peak_mib": 61.4}, "/healthz (trivial)": trivial},
        50_000: {"finder": row | {"rate": 90.0, "peak_mib": None}, "/healthz (trivial)": trivial},
    }
    assert Command().table(results, 500).splitlines()[2] == (
        "| finder | 100 | 9.0 | 20.0 | 3 | 4,321 | 61 | 100% | 100.0% |"
    )
    assert Command().table(results, 50_000).splitlines()[2] == (
        "| finder | 90 | 9.0 | 20.0 | 3 | 4,321 | – | 90% | 90.0% |"
    )


def test_the_ceilings_server_answers_with_the_bytes_and_nothing_else(tmp_path, monkeypatch):
    body = tmp_path / "feed.json.gz"
    body.write_bytes(b"\x1f\x8b gzipped feed")
    monkeypatch.setenv("BENCH_BODY", str(body))
    bare_bytes = importlib.reload(importlib.import_module("meetings.management.bare_bytes"))
    started = []

    answer = bare_bytes.app({"PATH_INFO": "/anything"}, lambda *args: started.append(args))

    assert answer == [b"\x1f\x8b gzipped feed"]
    assert started == [
        (
            "200 OK",
            [
                ("Content-Type", "application/json"),
                ("Content-Encoding", "gzip"),
                ("Content-Length", "15"),
            ],
        )
    ]
