"""The meetings app's models, a module for each part:

- choices: the kinds a meeting's fields take, and UK time and calendar rules;
- places: postcodes, areas and venues, and distances;
- tags: focuses and features;
- queries: MeetingQuerySet, the searches and lists every page, export and API reads;
- meeting: Meeting;
- reports: visitors' change reports;
- sources: lists of meetings imported from elsewhere;
- changes: when what lists show last changed.

Everything is importable from meetings.models, as Django expects of an app's models.
"""

from meetings.models.changes import last_changed, last_changes
from meetings.models.choices import (
    ACCESS_FIELDS,
    ATTENDANCE_MATCHES,
    LATEST_END_AFTER_MIDNIGHT,
    TIME_BANDS,
    UK_TIME_ZONE,
    UK_ZONE,
    USUAL_LENGTH,
    Access,
    Attendance,
    Frequency,
    Openness,
    Status,
    TimeOfDay,
    Weekday,
    WeekOfMonth,
    ends_in_time,
    months_before,
    time_zone_named,
    week_parity,
    weeks_of_month,
)
from meetings.models.meeting import (
    ALTERNATIVES_WITHIN_MILES,
    DERIVED_FIELDS,
    OUT_OF_DATE_AFTER,
    RESERVED_SLUGS,
    Meeting,
    _uk_times_refreshed_on,
    refresh_uk_times_daily,
)
from meetings.models.places import (
    EARTH_RADIUS_MILES,
    MILES_PER_DEGREE_OF_LATITUDE,
    PRECISE_LOCATIONS,
    UK_COUNTRY_NAMES,
    UNITED_KINGDOM,
    Area,
    GreatCircleMiles,
    LocationPrecision,
    Place,
    PostcodeDistrict,
    PostcodeSector,
    PostcodeUnit,
    Venue,
    VenueQuerySet,
    is_uk_country,
    locate_postcode,
    place_search_name,
    place_short_search_name,
    unplaced_postcodes,
)
from meetings.models.queries import (
    LISTING_ORDER,
    SCHEDULE_FIELDS,
    STOP_WORDS,
    UK_TIME_FIELDS,
    MeetingQuerySet,
    any_of,
    fetch_together,
    keywords,
    needs_checking_cutoff,
    search_words,
)
from meetings.models.reports import (
    ChangeReport,
    open_reports_of,
)
from meetings.models.sources import (
    ImportPreview,
    Source,
    is_web_address,
    one_web_address,
    web_address,
)
from meetings.models.tags import (
    Feature,
    Focus,
    Tag,
)
