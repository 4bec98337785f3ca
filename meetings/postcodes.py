"""UK postcodes: recognising, tidying and splitting them."""

import re

# Outward code (area, district, optional sub-district) and inward code (sector digit, unit).
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def normalise(text):
    """ "m11ae" -> "M1 1AE", and "LS1-6HD" or "ls1 6hd." -> "LS1 6HD"; None when it is not a
    full UK postcode."""
    match = POSTCODE_RE.match(re.sub(r"[\s.-]+", "", text or "").upper())
    return f"{match[1]} {match[2]}" if match else None


def outward_code(postcode):
    """ "M1 1AE" -> "M1"."""
    return postcode.split()[0] if postcode else ""


def sector(postcode):
    """ "M1 1AE" -> "M1 1": the outward code and the inward code's first digit."""
    return postcode[:-2] if postcode else ""
