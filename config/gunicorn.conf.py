"""gunicorn settings for `make serve` and production: `gunicorn -c config/gunicorn.conf.py`.

The web processes keep no state, so more capacity is more workers (WEB_CONCURRENCY) or more
hosts behind the proxy, all pointing at one PostgreSQL.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
wsgi_app = "config.wsgi"
timeout = 30
# Log requests without who made them or what they searched for: no addresses, and the path
# only, because a search's query string can hold a postcode.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s bytes %(M)s ms'
