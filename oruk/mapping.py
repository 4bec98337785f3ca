"""How our meetings become Open Referral UK (HSDS 3.0 UK profile) JSON.

The table in docs/open-referral-uk.md says the same in words; change both together. In short:
a meeting is a *service*; its programme (or, when the meeting names a group such as a LERO,
that group within the programme) is its *organization*; its venue is a *physical location*
and its joining details a *virtual location* (a hybrid meeting has both); its schedule is an
iCalendar-style *schedule*; and our vocabulary (approach, programme, attendance, focus,
features, open or closed, access) is published as *taxonomies* whose *terms* are attached to
services as *attributes*. Staff-only fields are never read here, and contact details only
when the group has asked for them to be public.

Nothing here queries the database except `vocabulary()`, which says so. Functions take
meetings loaded by oruk/queries.py: `published_meetings()` joins programme and venue, and
`with_terms()` prefetches the focuses and features that a full service reads.
"""

import datetime
from dataclasses import dataclass

from django.utils.text import slugify

from meetings.models import (
    ATTENDANCE_MATCHES,
    UNITED_KINGDOM,
    Access,
    Attendance,
    Feature,
    Focus,
    Frequency,
    Openness,
    Status,
    Weekday,
)
from oruk import ids
from programmes.models import Approach, Programme

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/openreferral/uk-profile"

# Statuses we publish; ended meetings are never published.
SERVICE_STATUS = {Status.ACTIVE: "active", Status.TEMPORARILY_CLOSED: "temporarily closed"}

BYDAY = {
    Weekday.MONDAY: "MO",
    Weekday.TUESDAY: "TU",
    Weekday.WEDNESDAY: "WE",
    Weekday.THURSDAY: "TH",
    Weekday.FRIDAY: "FR",
    Weekday.SATURDAY: "SA",
    Weekday.SUNDAY: "SU",
}
# Every schedule's `dtstart` is its first meeting on or after this Monday: a fixed date in the
# past, so that fortnightly meetings keep their weeks and the JSON does not change every day.
SCHEDULE_EPOCH = datetime.date(2024, 1, 1)
FEES = "Free. Some groups pass round a pot for voluntary contributions towards the room."


# Vocabulary


@dataclass(frozen=True)
class Taxonomy:
    slug: str
    name: str
    description: str

    @property
    def id(self):
        return ids.name_id("taxonomy", self.slug)


@dataclass(frozen=True)
class Term:
    taxonomy: Taxonomy
    code: str  # our slug or choice value, as in the finder's URLs: "women", "twelve-step"
    name: str
    description: str

    @property
    def id(self):
        return ids.name_id(self.taxonomy.slug, self.code)


APPROACH = Taxonomy(
    "approach",
    "Approach",
    "12-step fellowships (spiritual, complete abstinence) or skills-based programmes "
    "(secular, CBT and motivational tools, medication-assisted treatment welcome).",
)
PROGRAMME = Taxonomy(
    "programme", "Programme", "The fellowship or programme, such as NA, AA or SMART Recovery."
)
ATTENDANCE = Taxonomy(
    "attendance",
    "How people take part",
    "In person, online or hybrid. A hybrid meeting also has the in-person and online terms, "
    "because people can join it either way.",
)
FOCUS = Taxonomy("focus", "Groups for", "Who a group is for, such as women or young people.")
FEATURE = Taxonomy(
    "feature", "Features", "What happens at a meeting, such as a speaker or step study."
)
OPENNESS = Taxonomy(
    "openness",
    "Open or closed",
    "Open meetings welcome anyone; closed meetings are for people who have, or think they "
    "have, the problem.",
)
ACCESS = Taxonomy("access", "Access", "What the venue of an in-person meeting offers.")
TAXONOMIES = [APPROACH, PROGRAMME, ATTENDANCE, FOCUS, FEATURE, OPENNESS, ACCESS]

APPROACH_DESCRIPTIONS = {
    Approach.TWELVE_STEP: "Fellowships such as NA and AA: spiritual, complete abstinence.",
    Approach.SKILLS_BASED: "Programmes such as SMART Recovery: secular, CBT and motivational "
    "tools, medication-assisted treatment welcome.",
    Approach.OTHER: "Other peer support, such as groups for families and friends.",
}
ATTENDANCE_DESCRIPTIONS = {
    Attendance.IN_PERSON: "Can be attended in person, including hybrid meetings.",
    Attendance.ONLINE: "Can be attended online, including hybrid meetings.",
    Attendance.HYBRID: "In person and online at the same time.",
}


def _choice_terms(taxonomy, choices, descriptions=None):
    return [
        Term(taxonomy, value, label, (descriptions or {}).get(value, label))
        for value, label in choices.choices
    ]


FIXED_TERMS = {
    APPROACH: _choice_terms(APPROACH, Approach, APPROACH_DESCRIPTIONS),
    ATTENDANCE: _choice_terms(ATTENDANCE, Attendance, ATTENDANCE_DESCRIPTIONS),
    OPENNESS: [
        Term(OPENNESS, Openness.OPEN, "Open", Openness.OPEN.label),
        Term(OPENNESS, Openness.CLOSED, "Closed", Openness.CLOSED.label),
    ],
    ACCESS: _choice_terms(ACCESS, Access),
}


def programme_term(programme):
    return Term(PROGRAMME, programme.slug, programme.name, programme.summary or programme.name)


def tag_term(taxonomy, tag):
    return Term(taxonomy, tag.slug, tag.name, tag.description or tag.name)


def vocabulary(taxonomy=None):
    """Every term, in taxonomy order; or only the terms of one taxonomy. Up to three queries:
    programmes, focuses and features (the other taxonomies are fixed choices)."""
    terms = []
    for each in [taxonomy] if taxonomy else TAXONOMIES:
        if each is PROGRAMME:
            terms += [programme_term(p) for p in Programme.objects.order_by("name", "pk")]
        elif each is FOCUS:
            terms += [tag_term(FOCUS, focus) for focus in Focus.objects.order_by("order", "pk")]
        elif each is FEATURE:
            terms += [tag_term(FEATURE, f) for f in Feature.objects.order_by("order", "pk")]
        else:
            terms += FIXED_TERMS[each]
    return terms


def terms_of(meeting):
    """The terms that describe a meeting, in taxonomy order: its attributes.
    oruk.queries.with_term() selects meetings by the same rules in SQL."""
    venue = meeting.venue_to_go_to
    codes = {
        APPROACH: {meeting.programme.approach},
        ATTENDANCE: {way for way, ways in ATTENDANCE_MATCHES.items() if meeting.attendance in ways},
        OPENNESS: {meeting.openness},
        ACCESS: {
            need
            for need, field in (
                (Access.STEP_FREE, "step_free"),
                (Access.HEARING_LOOP, "hearing_loop"),
            )
            if venue and getattr(venue, field)
        },
    }
    terms = []
    for taxonomy in TAXONOMIES:
        if taxonomy is PROGRAMME:
            terms.append(programme_term(meeting.programme))
        elif taxonomy is FOCUS:
            terms += [tag_term(FOCUS, focus) for focus in meeting.focuses.all()]
        elif taxonomy is FEATURE:
            terms += [tag_term(FEATURE, feature) for feature in meeting.features.all()]
        else:
            terms += [term for term in FIXED_TERMS[taxonomy] if term.code in codes[taxonomy]]
    return terms


def taxonomy_json(taxonomy, terms=None):
    data = {
        "id": str(taxonomy.id),
        "name": taxonomy.name,
        "description": taxonomy.description,
        "version": "1",
    }
    if terms is not None:
        data["taxonomy_terms"] = [term_json(term) for term in terms]
    return data


def term_json(term):
    return {
        "id": str(term.id),
        "name": term.name,
        "description": term.description,
        "taxonomy": term.taxonomy.name,
        "taxonomy_id": str(term.taxonomy.id),
        "term": term.code,
    }


# Services


def service_summary(meeting, site_url):
    """The service's one-to-one fields, with its organization: what lists show."""
    organization = organization_json(meeting)
    data = {
        "id": str(ids.row_id(ids.SERVICE, meeting.pk)),
        "organization_id": organization["id"],
        "name": meeting.name,
        "description": "\n\n".join(
            part for part in (meeting.public_notes.strip(), meeting.programme.summary) if part
        ),
        "url": site_url + meeting.get_absolute_url(),
        "status": SERVICE_STATUS[meeting.status],
        "fees": FEES,
        "last_modified": meeting.last_modified.isoformat(),
        "organization": organization,
    }
    if (email := public_contact(meeting).get("email")) is not None:
        data["email"] = email
    if meeting.last_verified:
        data["assured_date"] = meeting.last_verified.isoformat()
    if meeting.is_temporarily_closed:
        data["alert"] = "This meeting is temporarily closed."
    return data


def service_json(meeting, site_url):
    """A fully nested service: /services/{id}."""
    service_id = str(ids.row_id(ids.SERVICE, meeting.pk))
    data = service_summary(meeting, site_url) | {
        "schedules": [schedule_json(meeting)],
        "service_at_locations": [
            service_at_location_json(meeting, kind) for kind in location_kinds(meeting)
        ],
        "languages": [
            {"id": str(ids.name_id(f"language:{service_id}", name.casefold())), "name": name}
            for name in meeting.language_list
        ],
        "contacts": [contact_json(meeting, contact)]
        if (contact := public_contact(meeting))
        else [],
        "attributes": [attribute_json(service_id, term) for term in terms_of(meeting)],
    }
    return data


def service_at_location_json(meeting, kind, service=None, listing=False):
    """A meeting at its venue (ids.IN_PERSON) or online (ids.ONLINE). Lists and
    /service_at_locations/{id} nest a `service` in it; a list (`listing`) gives the
    location's one-to-one fields only."""
    if kind == ids.IN_PERSON:
        location = physical_location_json(meeting.venue, full=not listing)
    else:
        location = virtual_location_json(meeting)
    data = {
        "id": str(ids.row_id(kind, meeting.pk)),
        "service_id": str(ids.row_id(ids.SERVICE, meeting.pk)),
        "location_id": location["id"],
        "location": location,
    }
    if service is not None:
        data["service"] = service
    return data


def location_kinds(meeting):
    """ids.IN_PERSON, ids.ONLINE or both (hybrid)."""
    kinds = []
    if meeting.attendance in ATTENDANCE_MATCHES[Attendance.IN_PERSON]:
        kinds.append(ids.IN_PERSON)
    if meeting.attendance in ATTENDANCE_MATCHES[Attendance.ONLINE]:
        kinds.append(ids.ONLINE)
    return kinds


def organization_json(meeting):
    """The programme's organisation (NA, SMART…), or the meeting's group (a LERO, a local
    group) as part of it."""
    programme = meeting.programme
    national = {
        "id": str(ids.name_id("organization", programme.slug)),
        "name": programme.name,
        "description": programme.summary or programme.name,
    }
    if programme.website:
        national["website"] = programme.website
    group = meeting.group_name.strip()
    if not group:
        return national
    key = slugify(group, allow_unicode=True) or group.casefold()
    return {
        "id": str(ids.name_id("organization", f"{programme.slug}/{key}")),
        "name": group,
        "description": f"{group} holds {programme.name} meetings.",
        "parent_organization_id": national["id"],
    }


def schedule_json(meeting):
    byday, monthly = BYDAY[meeting.weekday], meeting.frequency == Frequency.MONTHLY
    data = {
        "id": str(ids.row_id(ids.SCHEDULE, meeting.pk)),
        "service_id": str(ids.row_id(ids.SERVICE, meeting.pk)),
        "freq": "MONTHLY" if monthly else "WEEKLY",
        "interval": 2 if meeting.frequency == Frequency.FORTNIGHTLY else 1,
        "byday": f"{meeting.week_of_month}{byday}" if monthly else byday,
        "opens_at": meeting.start_time.strftime("%H:%M"),
        "timezone": meeting.time_zone,
        "attending_type": Attendance(meeting.attendance).label,
        "description": schedule_description(meeting),
    }
    if dtstart := first_meeting_date(meeting):
        data["dtstart"] = dtstart.isoformat()
    if meeting.end_time:
        data["closes_at"] = meeting.end_time.strftime("%H:%M")
    return data


def first_meeting_date(meeting):
    """The first date on or after SCHEDULE_EPOCH that the meeting is held, or None when its
    schedule never comes round (a week of the month the database holds but forms refuse)."""
    for offset in range(366):
        day = SCHEDULE_EPOCH + datetime.timedelta(days=offset)
        if meeting.occurs_on(day):
            return day
    return None


def schedule_description(meeting):
    """ "Every other Tuesday, 19:30 to 21:00, UK time"."""
    times = meeting.start_time.strftime("%H:%M")
    if meeting.end_time:
        times += f" to {meeting.end_time.strftime('%H:%M')}"
    zone = f"{meeting.time_zone} time" if meeting.runs_from_abroad else "UK time"
    return f"{meeting.schedule_description}, {times}, {zone}"


def physical_location_json(venue, full=True):
    location_id = str(ids.row_id(ids.VENUE, venue.pk))
    data = {"id": location_id, "location_type": "physical", "name": venue.name}
    if venue.latitude is not None and venue.longitude is not None:
        # As the Meeting Guide feed gives them: to about a metre, not a float's noise.
        data |= {"latitude": round(venue.latitude, 5), "longitude": round(venue.longitude, 5)}
    if not full:
        return data
    address = {
        "id": str(ids.row_id(ids.ADDRESS, venue.pk)),
        "location_id": location_id,
        "address_1": venue.address_line_1,
        "city": venue.town,
        "state_province": "",  # we hold no county; the profile requires the field
        "postal_code": venue.postcode,
        "country": "GB" if venue.country == UNITED_KINGDOM else venue.country,
        "address_type": "physical",
    }
    if venue.address_line_2:
        address["address_2"] = venue.address_line_2
    data["addresses"] = [address]
    access = [
        label
        for label, present in (
            (Access.STEP_FREE.label, venue.step_free),
            (Access.HEARING_LOOP.label, venue.hearing_loop),
            ("Accessible toilet", venue.accessible_toilet),
        )
        if present
    ]
    if access or venue.access_notes:
        entry = {"id": str(ids.row_id(ids.ACCESSIBILITY, venue.pk)), "location_id": location_id}
        if access:
            entry["description"] = ". ".join(access) + "."
        if venue.access_notes:
            entry["details"] = venue.access_notes
        data["accessibility"] = [entry]
    return data


def virtual_location_json(meeting):
    data = {
        "id": str(ids.row_id(ids.VIRTUAL_LOCATION, meeting.pk)),
        "location_type": "virtual",
        "name": f"{meeting.name} (online)",
    }
    if meeting.online_url:
        data["url"] = meeting.online_url
    details = [
        f"{label}: {value}"
        for label, value in (
            ("Meeting ID", meeting.online_meeting_id),
            ("Passcode", meeting.online_passcode),
            ("By phone", meeting.phone_dial_in),
        )
        if value
    ]
    if meeting.online_notes.strip():
        details.append(meeting.online_notes.strip())
    if details:
        data["description"] = "\n".join(details)
    return data


def public_contact(meeting):
    """The group's contact details, only when the group asked for them to be public."""
    if not meeting.contact_public:
        return {}
    fields = {
        "name": meeting.contact_name,
        "email": meeting.contact_email,
        "phone": meeting.contact_phone,
    }
    return {key: value.strip() for key, value in fields.items() if value.strip()}


def contact_json(meeting, contact):
    contact_id = str(ids.row_id(ids.CONTACT, meeting.pk))
    data = {
        "id": contact_id,
        "service_id": str(ids.row_id(ids.SERVICE, meeting.pk)),
        "title": "Group contact",
    }
    if "name" in contact:
        data["name"] = contact["name"]
    if "email" in contact:
        data["email"] = contact["email"]
    if "phone" in contact:
        data["phones"] = [
            {
                "id": str(ids.row_id(ids.PHONE, meeting.pk)),
                "contact_id": contact_id,
                "number": contact["phone"],
            }
        ]
    return data


def attribute_json(service_id, term):
    return {
        "id": str(ids.name_id("attribute", f"{service_id}/{term.id}")),
        "link_id": service_id,
        "link_type": term.taxonomy.slug,
        "link_entity": "service",
        "taxonomy_term_id": str(term.id),
        "taxonomy_term": term_json(term),
    }
