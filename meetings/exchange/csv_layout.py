"""The meeting-list spreadsheet (TSML's CSV layout), both ways, through Meeting Guide items.

A row is a Meeting Guide item with plain-English column names ("Conference URL" for
`conference_url`, "ID" for `slug`), days as names and types as names ("Open, Speaker").
So writing is `meeting_guide.feed_item()` flattened, and reading gives items that
`meeting_guide_parsing.parse_item()` reads, and an export re-imports without loss.
Columns may come in any order; unknown ones are ignored. Without an ID column, a row's slug is
made from its name, day and time.

The export is for spreadsheets as people open them: it begins with a byte order mark, without
which Excel reads "Tŷ Derwen" as "TÅ· Derwen", and a cell that a spreadsheet would run as a
formula ("=HYPERLINK(…)", "@SUM(…)", "+44 7700 900123"), or whose first 0 it would drop as a
number's (the dial-in number "02079460321"), is written after an apostrophe, which spreadsheets
show as text and `read_items()` takes off again.
"""

import csv
import io
import re

from django.utils.text import get_text_list, slugify

from meetings.exchange import types
from meetings.exchange.meeting_guide import DAYS

COLUMNS = [
    ("ID", "slug"),
    ("Time", "time"),
    ("End Time", "end_time"),
    ("Day", "day"),
    ("Name", "name"),
    ("Location", "location"),
    ("Address", "address"),
    ("City", "city"),
    ("State", "state"),
    ("Postal Code", "postal_code"),
    ("Country", "country"),
    ("Types", "types"),
    ("Notes", "notes"),
    ("Region", "region"),
    ("Location Notes", "location_notes"),
    ("Conference URL", "conference_url"),
    ("Conference URL Notes", "conference_url_notes"),
    ("Conference Phone", "conference_phone"),
    ("Conference Phone Notes", "conference_phone_notes"),
    ("Group", "group"),
    ("Timezone", "timezone"),
    ("Latitude", "latitude"),
    ("Longitude", "longitude"),
    ("Approximate", "approximate"),
    ("Updated", "updated"),
    ("URL", "url"),
    ("Contact 1 Name", "contact_1_name"),
    ("Contact 1 Email", "contact_1_email"),
    ("Contact 1 Phone", "contact_1_phone"),
    # Not in the layout, which other tools ignore; they make our own export lossless.
    ("Attendance Option", "attendance_option"),
    ("Address Line 2", "address_line_2"),
    ("Languages", "languages"),
    ("Frequency", "frequency"),
    ("Fortnight Anchor", "fortnight_anchor"),
    ("Week of Month", "week_of_month"),
]
# Other headings that sheets kept by hand give the same columns.
OTHER_HEADERS = {
    "slug": ["slug"],
    "name": ["meeting name", "meeting"],
    "day": ["weekday", "days", "day of the week"],
    "time": ["start time", "start", "starts"],
    "end_time": ["finish time", "finish", "end", "ends"],
    "location": ["venue", "venue name", "location name", "place"],
    "address": ["address 1", "address line 1", "street"],
    "address_line_2": ["address 2"],
    "city": ["town", "town/city", "city/town"],
    "postal_code": ["postcode", "post code", "zip", "zip code"],
    "types": ["type", "meeting type", "meeting types"],
    "conference_url": ["conference link", "online link", "meeting link", "joining link"]
    + ["zoom link", "zoom", "link"],
    "conference_phone": ["dial-in", "dial in", "phone"],
    "timezone": ["time zone"],
    "contact_1_email": ["email", "contact email"],
    "contact_1_name": ["contact name", "contact"],
    "contact_1_phone": ["contact phone"],
    "languages": ["language"],
}
KEYS_BY_HEADER = {header.lower(): key for header, key in COLUMNS} | {
    header: key for key, headers in OTHER_HEADERS.items() for header in headers
}


BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")  # a longitude such as -2.24 stays a number
LEADING_ZERO = re.compile(r"0\d+")


def header_line():
    """The export's first line, after the byte order mark."""
    return BYTE_ORDER_MARK + _line([header for header, _ in COLUMNS])


def line(item):
    """One CSV line from a feed item."""
    cells = dict(item)
    cells["day"] = DAYS[item["day"]]
    cells["types"] = ", ".join(types.ALL_TYPES[code] for code in item.get("types", []))
    return _line([as_text(cells.get(key, "")) for _, key in COLUMNS])


def as_text(cell):
    """The cell, after an apostrophe if a spreadsheet would take it for a formula or drop its
    leading 0."""
    cell = str(cell)
    if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return "'" + cell if LEADING_ZERO.fullmatch(cell) else cell


def from_text(cell):
    """The cell as it was before as_text()."""
    if cell.startswith("'") and (
        cell[1:].startswith(FORMULA_STARTS) or LEADING_ZERO.fullmatch(cell[1:])
    ):
        return cell[1:]
    return cell


def _line(cells):
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()


NEEDED = {"Name": "name", "Day": "day", "Time": "time"}


class NotAMeetingList(ValueError):
    """The CSV's first row does not name the columns every meeting needs, or a row cannot be
    read at all."""


class Rows(list):
    """[(row number, Meeting Guide item)], with what import reports say of them:
    `column_names`, what the file calls each field of the items ({"postal_code": "Postcode"});
    `unread_columns`, the headings of the columns that are none of them; and `made_up_ids`,
    whether their slugs were made from their name, day and time, without an ID column."""

    def __init__(self, rows, column_names, unread_columns, made_up_ids):
        super().__init__(rows)
        self.column_names = column_names
        self.unread_columns = unread_columns
        self.made_up_ids = made_up_ids


def read_items(text):
    """Rows: (row number, Meeting Guide item) for each row with anything in it; the header is
    row 1. Columns may be separated by commas, semicolons (as spreadsheets save them where
    the decimal mark is a comma) or tabs. Raises NotAMeetingList without a Name, Day or Time
    column: such a file would otherwise be read as rows of nothing, and every meeting the
    source had would be ended."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=max(",;\t", key=first_line.count))
    try:
        headers = [name.strip() for name in next(reader, [])]
        keys = [KEYS_BY_HEADER.get(name.lower()) for name in headers]
        if missing := [heading for heading, key in NEEDED.items() if key not in keys]:
            raise NotAMeetingList(
                f"The CSV has no column read as {get_text_list(missing, 'or')}: its first row "
                "must name the columns, with at least Name, Day and Time (or Meeting Name, "
                f"Weekday and Start Time). It reads “{first_line.strip()[:200]}”."
            )
        rows = [
            (number, item(keys, row))
            for number, row in enumerate(reader, start=2)
            if any(cell.strip() for cell in row)
        ]
        names = {key: header for header, key in COLUMNS}
        names |= {key: header for header, key in zip(headers, keys, strict=True) if key}
        names["formatted_address"] = names["address"]  # a sheet has its parts alone
        made_up_ids = "slug" not in keys  # from the name, day and time: item()
        if made_up_ids:
            names["slug"] = f"{names['name']}, {names['day']} and {names['time']}"
        unread = [header for header, key in zip(headers, keys, strict=True) if header and not key]
        return Rows(rows, names, unread, made_up_ids)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            error = f"a cell is longer than {csv.field_size_limit():,} characters"
        raise NotAMeetingList(
            f"Line {reader.line_num} of the CSV cannot be read: {error}."
        ) from None


def item(keys, row):
    """The Meeting Guide item of a row."""
    item = {
        key: from_text(cell) for key, cell in zip(keys, row, strict=False) if key and cell.strip()
    }
    if "slug" not in item and item.get("name"):
        # Sheets often have no ID column: name, day and time make one that stays put.
        item["slug"] = slugify(f"{item['name']} {item.get('day', '')} {item.get('time', '')}")
    return item


def looks_like_csv(text):
    """Whether the first line is a header naming at least a day, a time and a name."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].lower()
    return all(name in first for name in ("day", "time", "name"))
