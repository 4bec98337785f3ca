"""How the site puts numbers and names into words, the same on every page and printout."""


def in_a_sentence(name):
    """ "Women" -> "women", but "LGBTQ+" and "British Sign Language" keep their capitals."""
    return name if any(letter.isupper() for letter in name[1:]) else name.lower()


def miles(number):
    """1 -> "1 mile", 2.5 -> "2.5 miles", 3.0 -> "3 miles"."""
    text = f"{number:g}"
    return f"{text} mile" if text == "1" else f"{text} miles"


def distance(miles_away, precise, beyond=None):
    """A distance to the precision of its two ends: "0.3 miles" between two full postcodes
    ("96 miles" from 20 on: a tenth means nothing there); "about 2 miles" when either end
    is only the centre of a sector, district or town, which can be a mile or more from the
    real place. `beyond`: a distance it is known to be more than, the radius of a search that
    did not find it: "just over 10 miles", not "about 10 miles", which would read as within
    it."""
    if not precise:
        shown, words = max(1, round(miles_away)), "about "
    elif miles_away < 0.05:
        return "under 0.1 miles"
    else:
        shown, words = round(miles_away, 1 if miles_away < 20 else None), ""
    if beyond is not None and shown <= beyond:
        return f"just over {miles(beyond)}"
    return words + miles(shown)


def count(number, singular, plural=None):
    """count(1, "meeting") -> "1 meeting"; count(1200, "meeting") -> "1,200 meetings"."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


def duration(length):
    """A timedelta in words, to the minute: "45 minutes", "1 hour", "2 hours 5 minutes"."""
    minutes = max(1, round(length.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = [count(hours, "hour")] if hours else []
    if minutes:
        parts.append(count(minutes, "minute"))
    return " ".join(parts)
