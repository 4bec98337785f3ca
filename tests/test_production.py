"""What production needs beyond pages: compression, security headers, and a plain 503 when
the database does not answer (a real gunicorn pointed at a database that is not there)."""

import datetime
import gc
import gzip
import json
import os
import re
import runpy
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError

from tests.factories import MeetingFactory

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_public_pages_are_compressed_and_the_admin_is_not(client):
    MeetingFactory()

    page = client.get("/meetings/", headers={"accept-encoding": "gzip"})
    admin = client.get("/admin/login/", headers={"accept-encoding": "gzip"})

    assert page["Content-Encoding"] == "gzip"
    assert b"<h1>Find a meeting</h1>" in gzip.decompress(page.content)
    assert "Content-Encoding" not in admin


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["Permissions-Policy"].startswith("camera=(), microphone=(), geolocation=()")


@pytest.mark.django_db
def test_the_printouts_inline_style_is_allowed_by_its_nonce(client):
    MeetingFactory()

    response = client.get("/meetings/print/")

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    assert f'<style nonce="{nonce}">' in response.content.decode()


def test_favicon_is_there(client):
    response = client.get("/favicon.ico")

    assert (response.status_code, response["Location"]) == (301, "/static/favicon.svg")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_without_its_database_the_site_says_so_and_recovers_by_itself(tmp_path):
    database = tmp_path / "not-yet" / "db.sqlite3"
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-key-for-a-server-without-its-database",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    # As `make serve` does: hashed static files first, which every page links to.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):  # up to 10 seconds for gunicorn to start
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.1)

        assert get(base + "/healthz") == (503, "database unavailable")
        status, page = get(base + "/meetings/?day=monday")
        assert status == 503
        assert "<h1>Sorry, the meeting list is temporarily unavailable</h1>" in page
        assert "Traceback" not in page

        # The database comes back: the next requests are served, with no restart.
        ready = tmp_path / "ready.sqlite3"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": f"sqlite:///{ready}"},
            check=True,
        )
        database.parent.mkdir()
        shutil.copy(ready, database)

        assert get(base + "/healthz") == (200, "ok")
        assert get(base + "/meetings/?day=monday")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db
def test_a_page_the_database_cannot_serve_asks_to_try_again_shortly(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", unreachable)

    response = client.get("/meetings/")

    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert "Traceback" not in response.content.decode()


def settings_with(**environment):
    """The settings a fresh process reads with these variables, as a dict of the few asked."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'hosts': settings.ALLOWED_HOSTS, "
        "'options': settings.DATABASES['default'].get('OPTIONS', {})}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_postgresql_host_that_does_not_answer_is_given_up_on_in_seconds():
    url = "postgres://postgres@127.0.0.1:5432/meetings"
    assert settings_with(DATABASE_URL=url)["options"]["connect_timeout"] == 5
    assert settings_with(DATABASE_URL=url + "?connect_timeout=2")["options"] == {
        "connect_timeout": 2
    }
    assert settings_with(DATABASE_URL="sqlite:///db.sqlite3")["options"] == {}


def test_allowed_hosts_may_be_written_with_spaces():
    hosts = settings_with(DJANGO_ALLOWED_HOSTS=" a.example.org, b.example.org ,")["hosts"]

    assert hosts == ["a.example.org", "b.example.org"]


def test_the_site_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG": "0"},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert "Set DJANGO_SECRET_KEY to a long random secret" in result.stderr


def test_make_run_keeps_its_made_up_meetings_out_of_a_real_database():
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/not-for-demo"}
    result = subprocess.run(
        ["make", "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "make run loads made-up demo meetings" in result.stderr
    assert "load_demo_data" not in result.stdout


def test_gunicorn_workers_leave_the_loaded_site_out_of_garbage_collection():
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    threshold = gc.get_threshold()
    try:
        config["post_worker_init"](worker=None)

        assert gc.get_freeze_count() > 10_000  # Django and the site, at least
        assert gc.get_threshold() == (10_000, 10, 10)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


@pytest.mark.django_db
def test_admin_sign_in_is_refused_for_a_while_after_five_failures(client, django_user_model):
    django_user_model.objects.create_superuser("alice", "alice@example.org", "right-password")
    login = "/admin/login/?next=/admin/"
    cache.clear()

    for _ in range(5):
        response = client.post(login, {"username": "alice", "password": "wrong"})
        assert "Please enter the correct username and password" in response.content.decode()
    refused = client.post(login, {"username": "Alice", "password": "right-password"})

    assert "Too many failed attempts to sign in. For safety, please wait 15 minutes" in (
        refused.content.decode()
    )
    assert "_auth_user_id" not in client.session
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=16)):
        allowed = client.post(login, {"username": "alice", "password": "right-password"})
    assert (allowed.status_code, allowed["Location"]) == (302, "/admin/")


def sign_in(client, username, password, address="192.0.2.1"):
    """Whether signing in worked; False when refused for a wrong password or throttled."""
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )
    client.logout()
    if response.status_code == 302:
        return True
    return "throttled" if "Too many failed attempts" in response.content.decode() else False


@pytest.mark.django_db
def test_someone_guessing_a_staff_password_does_not_lock_its_owner_out(client, django_user_model):
    django_user_model.objects.create_superuser("alice", "alice@example.org", "right-password")
    cache.clear()

    guesses = [sign_in(client, "alice", f"guess-{n}", "203.0.113.9") for n in range(6)]

    assert guesses == [False] * 5 + ["throttled"]
    assert sign_in(client, "alice", "right-password", "203.0.113.9") == "throttled"
    assert sign_in(client, "alice", "right-password", "192.0.2.1") is True


@pytest.mark.django_db
def test_one_client_trying_many_usernames_is_refused_after_twenty_failures(client):
    cache.clear()

    attempts = [sign_in(client, f"user{n}", "password1") for n in range(21)]

    assert attempts == [False] * 20 + ["throttled"]
    assert sign_in(client, "user0", "password1", "192.0.2.2") is False  # another client


@pytest.mark.django_db
def test_many_clients_guessing_one_password_are_refused_after_fifty_failures(
    client, django_user_model
):
    django_user_model.objects.create_superuser("alice", "alice@example.org", "right-password")
    cache.clear()

    attempts = [sign_in(client, "alice", "guess", f"198.51.100.{n}") for n in range(51)]

    assert attempts == [False] * 50 + ["throttled"]


@pytest.mark.django_db
def test_signing_in_rightly_uses_up_no_attempts(client, django_user_model):
    django_user_model.objects.create_superuser("alice", "alice@example.org", "right-password")
    cache.clear()

    assert [sign_in(client, "alice", "right-password") for _ in range(8)] == [True] * 8
    assert [sign_in(client, "alice", "wrong") for _ in range(6)] == [False] * 5 + ["throttled"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "cache_control"),
    [
        ("/meetings/?day=monday", "public, max-age=300"),
        ("/meetings/?day=today", "public, max-age=60"),
        ("/programmes/", "public, max-age=300"),
    ],
)
@time_machine.travel(datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC))
def test_public_pages_may_be_kept_by_a_proxy_for_minutes(client, url, cache_control):
    assert client.get(url)["Cache-Control"] == cache_control


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 7, 5, 22, 58, 30, tzinfo=datetime.UTC), tick=False)
def test_a_public_page_is_kept_no_later_than_midnight_in_the_uk_when_today_moves_on(client):
    # 23:58:30 in British Summer Time: "Today" on every page means tomorrow in 90 seconds.
    assert client.get("/meetings/")["Cache-Control"] == "public, max-age=90"
    assert client.get("/meetings/?day=today")["Cache-Control"] == "public, max-age=60"


@pytest.mark.django_db
def test_staff_pages_and_errors_are_not_marked_public(client):
    assert "public" not in client.get("/admin/login/").get("Cache-Control", "")
    assert "Cache-Control" not in client.get("/meetings/no-such-meeting/")


@pytest.mark.django_db
def test_a_health_check_over_plain_http_is_answered_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/meetings/").status_code == 301
