import io

import pytest
from django.core.management import CommandError, call_command

from meetings.models import LocationPrecision, PostcodeSector, PostcodeUnit
from tests.conftest import POSTCODE_SAMPLE
from tests.factories import VenueFactory

pytestmark = pytest.mark.django_db


def load(*args, **options):
    out = io.StringIO()
    call_command("load_postcodes", *args, stdout=out, **options)
    return out.getvalue()


def test_loading_again_does_nothing_unless_asked():
    assert load() == "Postcodes are loaded already (use --reload to load them again).\n"


def test_load_replaces_units_derives_sectors_and_places_venues_again():
    PostcodeSector.objects.all().delete()
    PostcodeUnit.objects.all().delete()
    venue = VenueFactory(postcode="M1 1AE")  # only the district is known now
    assert venue.location_precision == LocationPrecision.DISTRICT
    staff_placed = VenueFactory(location_set_by_staff=True, latitude=53.5, longitude=-2.2)

    output = load(file=POSTCODE_SAMPLE)

    assert output.startswith("Loaded 52,876 postcodes and 330 sectors, and placed 1 venue again")
    assert PostcodeUnit.objects.count() == 52_876
    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude, venue.location_precision) == (
        53.48346,
        -2.23118,
        LocationPrecision.POSTCODE,
    )
    staff_placed.refresh_from_db()
    assert (staff_placed.latitude, staff_placed.location_precision) == (53.5, "staff")


def test_a_file_of_something_else_is_refused_and_nothing_changes(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,town\nSt Anne's,Leeds\n")

    with pytest.raises(CommandError, match="does not start with postcode,latitude,longitude"):
        load(file=wrong, reload=True)

    assert PostcodeUnit.objects.count() == 52_876
