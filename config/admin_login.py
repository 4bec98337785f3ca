"""Staff sign-in that slows down password guessing. Each attempt takes a place under three
limits before the password is checked, and gives it back if the password was right:

- 5 failures for one username from one client;
- 20 failures from one client, whatever the usernames (trying one password on many);
- 50 failures for one username from anywhere (many clients guessing one password).

So someone who knows a staff username cannot lock its owner out from one address, and
parallel attempts cannot slip past a count. Further attempts are refused for up to 15
minutes, with a message that says so. The places are kept in the shared cache, keyed by
hashes: no address, username or password is stored."""

import hashlib

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

from config.limits import client_key, take_place

FAILURES_FROM_ONE_CLIENT_FOR_A_USERNAME = 5
FAILURES_FROM_ONE_CLIENT = 20
FAILURES_FOR_A_USERNAME = 50
LOCKED_FOR_MINUTES = 15


def _hashed(username):
    return hashlib.sha256(username.lower().encode()).hexdigest()


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    def clean(self):
        user, client = _hashed(self.cleaned_data.get("username") or ""), client_key(self.request)
        limits = [
            (f"admin-login:{user}:{client}", FAILURES_FROM_ONE_CLIENT_FOR_A_USERNAME),
            (f"admin-login:client:{client}", FAILURES_FROM_ONE_CLIENT),
            (f"admin-login:user:{user}", FAILURES_FOR_A_USERNAME),
        ]
        places = []
        for prefix, limit in limits:
            if (place := take_place(prefix, limit, LOCKED_FOR_MINUTES * 60)) is None:
                cache.delete_many(places)
                raise ValidationError(
                    f"Too many failed attempts to sign in. For safety, please wait "
                    f"{LOCKED_FOR_MINUTES} minutes and try again.",
                    code="throttled",
                )
            places.append(place)
        cleaned_data = super().clean()  # a wrong password raises, and its places stay taken
        cache.delete_many(places)
        return cleaned_data
