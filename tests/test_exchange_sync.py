"""Sources kept in step with their URL: import_meetings from a URL, and sync_sources.

The URL is our own feed, served by the test's live server (on a network allowed for the
purpose): the meetings of one programme ("origin") are imported as another's ("copies").
"""

import datetime
import io
import ipaddress

import pytest
from django.core.management import CommandError, call_command

from meetings.exchange import importer
from meetings.models import Meeting, Source, Status
from tests.factories import MeetingFactory, ProgrammeFactory

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture(autouse=True)
def live_server_allowed(settings):
    """The live server is on this machine, which imports may not reach unless allowed."""
    settings.IMPORT_ALLOWED_NETWORKS = [ipaddress.ip_network("127.0.0.1/32")]


@pytest.fixture
def origin():
    programme = ProgrammeFactory(slug="origin")
    return {
        slug: MeetingFactory(slug=slug, programme=programme, start_time=datetime.time(hour, 0))
        for slug, hour in (("alpha", 10), ("beta", 12), ("gamma", 14))
    }


@pytest.fixture
def source(live_server, origin):
    return Source.objects.create(
        name="Origin feed",
        url=f"{live_server.url}/meetings/feed.json?programme=origin",
        programme=ProgrammeFactory(slug="copies"),
    )


def copies():
    meetings = Meeting.objects.filter(programme__slug="copies").order_by("source_key")
    return [(m.source_key, m.slug, m.name, m.status) for m in meetings]


def sync():
    out = io.StringIO()
    call_command("sync_sources", stdout=out)
    return out.getvalue()


def test_import_meetings_from_a_url(live_server, origin):
    ProgrammeFactory(slug="copies")
    url = f"{live_server.url}/meetings/feed.json?programme=origin"

    out = io.StringIO()
    call_command("import_meetings", url, programme="copies", name="Origin", stdout=out)

    assert out.getvalue().splitlines()[-1] == (
        "Imported into “Origin”: 3 new, 0 changed, 0 unchanged, 0 ended, 0 detached, 0 rejected."
    )
    # Their slugs are taken by the originals in this database, so the copies get new ones.
    assert copies() == [
        ("alpha", "alpha-2", origin["alpha"].name, Status.ACTIVE),
        ("beta", "beta-2", origin["beta"].name, Status.ACTIVE),
        ("gamma", "gamma-2", origin["gamma"].name, Status.ACTIVE),
    ]
    assert Source.objects.get().url == url


def test_sync_updates_adds_and_ends_but_leaves_detached_meetings_alone(source, origin):
    assert sync() == "Origin feed: 3 new, 0 changed, 0 unchanged, 0 ended, 0 detached, 0 rejected\n"
    detached = Meeting.objects.get(slug="gamma-2")
    detached.name, detached.source_detached = "Gamma (edited by staff)", True
    detached.save()

    Meeting.objects.filter(slug="alpha").update(status=Status.ENDED)  # gone from the feed
    beta = origin["beta"]
    beta_name, beta.name = beta.name, "Beta renamed"
    beta.save()
    gamma = origin["gamma"]
    gamma.name = "Gamma renamed at the source"
    gamma.save()
    MeetingFactory(slug="delta", programme=beta.programme, name="Delta")

    assert sync() == "Origin feed: 1 new, 1 changed, 0 unchanged, 1 ended, 1 detached, 0 rejected\n"
    assert copies() == [
        ("alpha", "alpha-2", origin["alpha"].name, Status.ENDED),
        ("beta", "beta-2", "Beta renamed", Status.ACTIVE),
        ("delta", "delta-2", "Delta", Status.ACTIVE),
        ("gamma", "gamma-2", "Gamma (edited by staff)", Status.ACTIVE),
    ]
    source.refresh_from_db()
    assert source.outcome == Source.Outcome.IMPORTED
    assert source.report.splitlines() == [
        "1 new, 1 changed, 0 unchanged, 1 ended, 1 detached, 0 rejected",
        "",
        "Warnings:",  # the feed is this site's own, as a test's must be
        "  1 new row has the ID of a meeting this site lists already, not from this "
        "source: importing adds each again as another meeting. If the file is this site's own "
        "export, there is nothing to import.",
        "",
        "New:",
        "  Row 3 (delta): Delta",
        "",
        "Changed:",
        f"  Row 1 (beta): name: “{beta_name}” to “Beta renamed”",
        "",
        "Ended (gone from the source):",
        f"  alpha: {origin['alpha'].name}",
        "",
        "Detached by staff, left alone:",
        "  gamma: Gamma (edited by staff)",
    ]


def test_a_source_that_cannot_be_fetched_fails_and_changes_nothing(source, live_server):
    sync()
    Source.objects.filter(pk=source.pk).update(url=f"{live_server.url}/no-such-feed.json")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("sync_sources", verbosity=0, stdout=out, stderr=err)  # as from cron

    source.refresh_from_db()
    assert str(error.value) == "1 source(s) failed: Origin feed."
    assert source.outcome == Source.Outcome.FAILED
    assert source.report == (
        f"Cannot fetch {live_server.url}/no-such-feed.json: the server answered 404 Not Found. "
        "Nothing was changed."
    )
    assert [status for *_, status in copies()] == [Status.ACTIVE] * 3
    assert out.getvalue() == ""
    assert err.getvalue() == f"Origin feed: {source.report}\n"


def test_a_source_that_lists_none_of_its_meetings_now_is_left_for_staff(source, origin):
    sync()
    Meeting.objects.filter(programme__slug="origin").update(status=Status.ENDED)  # feed: []

    with pytest.raises(CommandError):
        sync()

    source.refresh_from_db()
    assert source.outcome == Source.Outcome.FAILED
    assert source.report == (
        f"{source.url} lists none of the source's meetings now. If they have all ended, "
        "import it in the admin to end them. Nothing was changed."
    )
    assert [status for *_, status in copies()] == [Status.ACTIVE] * 3


def test_an_error_in_one_source_leaves_the_next_to_sync(source, origin, monkeypatch, caplog):
    first = Source.objects.create(
        name="A broken feed", url=source.url + "&broken=1", programme=source.programme
    )
    real_plan = importer.plan_import

    def plan_import(source, items):
        if source.pk == first.pk:
            raise ZeroDivisionError("a bug")
        return real_plan(source, items)

    monkeypatch.setattr(importer, "plan_import", plan_import)

    with pytest.raises(CommandError) as error:
        sync()

    first.refresh_from_db()
    assert str(error.value) == "1 source(s) failed: A broken feed."
    assert (first.outcome, first.report) == (
        Source.Outcome.FAILED,
        "The import failed with an error in the site, which is in its log. Nothing was changed.",
    )
    assert "ZeroDivisionError: a bug" in caplog.text
    assert [slug for slug, *_ in copies()] == ["alpha", "beta", "gamma"]
