"""The ids we publish in Open Referral UK: UUIDs that never change for the same thing.

Consumers sync on them, so they are derived, never stored or random, and this file must not
change how it derives them. Two kinds:

- Rows we look up by id (meetings and venues, and what hangs off them) get a *row id*: the first
  eight bytes say what kind of thing it is, the last eight hold its primary key. It is a valid
  UUID (version 8, "custom", RFC 9562) that we can turn back into a primary key without a query,
  so `/services/{id}` is one indexed lookup. Primary keys never change, slugs may.
- Our vocabulary (programmes, focuses, features, the fixed choices) gets a *name id*: `uuid5`
  of our namespace and a name such as "focus:women". Their slugs are part of our public URL
  contract, so the same term has the same id in every database, with no lookup needed.
"""

import uuid

NAMESPACE = uuid.UUID("6f1d3b0e-61b5-4a4e-9a55-2f0c6d6d8e11")  # ours; never change it

# The kinds of row id. Their names are hashed into the ids: never rename one.
SERVICE = "service"  # a meeting
SCHEDULE = "schedule"  # a meeting's schedule
CONTACT = "contact"  # a meeting's public contact
PHONE = "phone"  # its telephone number
IN_PERSON = "service_at_location:physical"  # a meeting at its venue
ONLINE = "service_at_location:virtual"  # a meeting online
VIRTUAL_LOCATION = "location:virtual"  # a meeting's joining details
VENUE = "location:physical"  # a venue
ADDRESS = "address"  # a venue's address
ACCESSIBILITY = "accessibility"  # a venue's accessibility

_PK_BITS = 62  # the variant takes the top two bits of the second half
_VERSION_AND_VARIANT = (0xF000 << 64) | (0xC000 << 48)


def _prefix(kind):
    return uuid.uuid5(NAMESPACE, kind).int >> 64 << 64


def row_id(kind, pk):
    """The id of row `pk` as a `kind` of thing."""
    if not 0 < pk < 1 << _PK_BITS:
        raise ValueError(f"A primary key must be positive and below 2**62, not {pk}.")
    value = (_prefix(kind) | pk) & ~_VERSION_AND_VARIANT
    return uuid.UUID(int=value | (0x8000 << 64) | (0x8000 << 48))


def pk_from(kind, text):
    """The primary key in a row id of this kind, in either case (we publish lower case), or
    None."""
    try:
        pk = uuid.UUID(text).int & ((1 << _PK_BITS) - 1)
    except (TypeError, ValueError):
        return None
    return pk if pk and str(row_id(kind, pk)) == text.lower() else None


def name_id(kind, name):
    """The id of a term, a taxonomy or an organisation, from its kind and slug: "focus", "women"."""
    return uuid.uuid5(NAMESPACE, f"{kind}:{name}")
