"""Times in the admin as the public pages and printouts give them: 19:30, not "7:30 p.m.";
and typed as people write them: 19:30, 19.30, 7:30pm, 7.30 pm or 7pm."""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
TIME_INPUT_FORMATS = [
    "%H:%M",
    "%H:%M:%S",
    "%H.%M",
    "%I:%M%p",
    "%I:%M %p",
    "%I.%M%p",
    "%I.%M %p",
    "%I%p",
    "%I %p",
]
