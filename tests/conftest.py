import datetime
import importlib
import io
import os
import shutil
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db.models.query_utils import DeferredAttribute
from django.template.backends import jinja2 as jinja2_backend
from django.test.signals import template_rendered
from django.utils import timezone
from playwright.sync_api import sync_playwright

from config.choices import forget_kept_choices
from meetings.exchange import views as exchange_views
from meetings.models import PostcodeDistrict, PostcodeUnit, _uk_times_refreshed_on

# Whole postcode sectors around the places the tests search for (tests/data/ says how).
POSTCODE_SAMPLE = Path(__file__).parent / "data" / "postcodes-sample.csv.gz"

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside
# one unless told that the test process is single-threaded in the way that matters here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Serve static files without the manifest that only `collectstatic` writes."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Passwords hashed in a moment, not the tenth of a second a real hash takes on purpose:
    sign-in tests make dozens of attempts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Tests see each page as it is built; tests/test_page_cache.py turns the cache on."""
    settings.PAGE_CACHE = False


@pytest.fixture(autouse=True, scope="session")
def jinja2_pages_recorded():
    """The test client's response.context and response.templates for the public pages, as
    Django's test set-up gives them for its own templates (setup_test_environment)."""
    render = jinja2_backend.Template.render

    def recorded_render(self, context=None, request=None):
        template_rendered.send(sender=self, template=self.template, context=context or {})
        return render(self, context, request)

    jinja2_backend.Template.render = recorded_render
    yield
    jinja2_backend.Template.render = render


class DeferredFieldRead(AssertionError):
    pass


@pytest.fixture(autouse=True, scope="session")
def no_deferred_field_reads():
    """A column that a queryset's only() left out, read all the same, costs a query for each
    row it is read from: every test fails on one (MeetingQuerySet.for_listing() leaves most
    out)."""
    get = DeferredAttribute.__get__

    def checked_get(self, instance, cls=None):
        if instance is not None and self.field.attname not in instance.__dict__:
            raise DeferredFieldRead(f"{type(instance).__name__}.{self.field.attname} not loaded")
        return get(self, instance, cls)

    DeferredAttribute.__get__ = checked_get
    yield
    DeferredAttribute.__get__ = get


@pytest.fixture(autouse=True)
def no_feed_served_before():
    """Each test's feed is its own: a process keeps the last whole feed it served."""
    exchange_views._served.clear()


@pytest.fixture(autouse=True)
def no_choices_kept_before():
    """Each test's focuses, programmes and areas are its own: a process keeps them a minute,
    and rolling a test back sends no signal to forget them."""
    forget_kept_choices()


@pytest.fixture
def staff_client(client, django_user_model):
    """A client signed in as a superuser, Alice."""
    alice = django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")
    client.force_login(alice)
    return client


@pytest.fixture
def on_24_november_2026():
    """The clock stopped at noon on Tuesday 24 November 2026, for dates counted from today."""
    with time_machine.travel(datetime.datetime(2026, 11, 24, 12, 0), tick=False):
        yield


@pytest.fixture(autouse=True)
def uk_times_refreshed_today():
    """Meetings run from abroad are moved on once a day per process, with one query. Every
    meeting a test saves has its UK times already, so count queries as on any request after
    the first of the day. (Tests that travel to another day still see the refresh.)"""
    _uk_times_refreshed_on["date"] = timezone.localdate()


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    assert executable, "Browser tests need Debian's chromium: apt-get install -y chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def reference_data(transactional_db):
    """What migrations load and live_server tests empty afterwards: focuses, features and
    postcode districts (not the 27,000 places, which these tests do not need)."""
    importlib.import_module("meetings.migrations.0003_load_focuses_and_features").load(apps, None)
    importlib.import_module("meetings.migrations.0040_focus_in_a_heading").name_them(apps, None)
    if not PostcodeDistrict.objects.exists():
        importlib.import_module("meetings.migrations.0002_load_postcode_districts").load(apps, None)
    if not PostcodeUnit.objects.exists():
        load_postcode_sample()


def load_postcode_sample():
    call_command("load_postcodes", file=POSTCODE_SAMPLE, stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Full postcodes are loaded by a command, not a migration: load a sample once. (Tests
    with transactional_db run last and empty the tables: `reference_data` loads it again.)"""
    with django_db_blocker.unblock():
        load_postcode_sample()
