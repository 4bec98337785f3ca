"""Staff sign-in that slows down password guessing: after a few failures for a username,
further attempts are refused for a while, with a message that says so. The counts are kept
in the cache (shared between processes when the cache is), keyed by a hash of the username:
no address or password is stored."""

import hashlib

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

FAILURES_ALLOWED = 5
LOCKED_FOR_MINUTES = 15


def _failures_key(username):
    return "admin-login-failures:" + hashlib.sha256(username.lower().encode()).hexdigest()


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    def clean(self):
        key = _failures_key(self.cleaned_data.get("username") or "")
        if cache.get(key, 0) >= FAILURES_ALLOWED:
            raise ValidationError(
                f"Too many failed attempts to sign in as this user. For safety, please wait "
                f"{LOCKED_FOR_MINUTES} minutes and try again.",
                code="throttled",
            )
        try:
            return super().clean()
        except ValidationError:
            cache.add(key, 0, timeout=LOCKED_FOR_MINUTES * 60)
            cache.incr(key)
            raise
