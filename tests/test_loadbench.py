from meetings.management.commands.loadbench import fastest, parse_wrk

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
