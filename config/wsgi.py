import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

try:  # refuse to start without a secret key, rather than answer every request with a 500
    _ = settings.SECRET_KEY  # Django refuses an empty one when it is read
except ImproperlyConfigured as error:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a long random secret, the same on every host "
        "(`make serve` makes one in .secret-key on your own machine)."
    ) from error
