"""Meetings in and out: Meeting Guide JSON, the meeting-list spreadsheet (CSV) and iCalendar.

One module per format maps between it and our models (`meeting_guide` out and
`meeting_guide_parsing` in, `csv_layout`, `ical`; type codes in `types`); `importer` plans
and applies an import; `views` serves the exports.
"""
