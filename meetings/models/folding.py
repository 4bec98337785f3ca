"""How searches compare text, one rule for meetings' words and places' names."""

import unicodedata


def folded(text):
    """The text in lower case and without accents, as phone keyboards type it:
    "Tŷ Café" -> "ty cafe"."""
    letters = unicodedata.normalize("NFKD", text.casefold())
    return "".join(letter for letter in letters if not unicodedata.combining(letter))
