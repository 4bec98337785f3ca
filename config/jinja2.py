"""The Jinja2 environment of the public pages (jinja2/).

The public pages are Jinja2 templates because they are what a busy evening asks for most, and
Django's template language was most of each request: at 50,000 meetings the finder's page took
6.4 ms to render from its context (20 rows, the filter form and 10 temporarily closed meetings)
and takes 3.8 ms in Jinja2, of which 2.4 ms is the form's controls; 20 rows alone went from 2.0
to 0.6 ms. The admin and its templates (templates/) stay Django's.

Here are the Django helpers the pages call, under the names Django's templates give them.
"""

import itertools
import operator
from types import FunctionType, MethodType

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import Environment, pass_context

from config.reversing import reverse_name


def url(name, *args):
    return reverse(name, args=args) if args else reverse_name(name)


@pass_context
def querystring(context, **changes):
    """The page's query string with `changes`, as Django's {% querystring %}: a value of None
    removes the parameter, a list sets every value."""
    query = context["request"].GET
    params = query.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        elif isinstance(value, list | tuple):
            params.setlist(name, value)
        else:
            params[name] = value
    if not params and not query:
        return ""
    return f"?{params.urlencode()}"


def regroup(items, attribute):
    """[(value, items)] for each run of items with the same `attribute` (dotted; a method is
    called), in the order given, as Django's {% regroup %}: Jinja2's groupby sorts them."""
    get = operator.attrgetter(attribute)

    def key(item):
        value = get(item)
        return value() if callable(value) else value

    return [(value, list(run)) for value, run in itertools.groupby(items, key)]


def as_query(query):
    """ "near=M1" -> "?near=M1", for the end of a link; "" stays ""."""
    return f"?{query}" if query else ""


# Neither type can be subclassed, so a look-up of the type is isinstance() at less cost:
# Jinja2 calls printable() for every value printed, some 650 times for the finder's page.
NOT_PRINTABLE = {FunctionType, MethodType}


def printable(value):
    """Unlike Django's templates, Jinja2 calls no method by itself: `{{ page.has_next }}`
    would print "<bound method …>". Fail instead, so that a test finds it."""
    if type(value) in NOT_PRINTABLE:
        raise TypeError(f"{value!r} is printed, not called: add ()")
    return value


def environment(**options):
    from meetings import display  # after the apps are loaded

    env = Environment(finalize=printable, **options)
    env.globals.update(
        url=url,
        static=static,
        querystring=querystring,
        distance=display.distance,
        day_in_a_row=display.day_in_a_row,
        today_status=display.today_status,
        others_like=display.others_like,
    )
    env.filters.update(
        date=defaultfilters.date,
        time=defaultfilters.time,
        intcomma=intcomma,
        pluralize=defaultfilters.pluralize,
        linebreaks=defaultfilters.linebreaks_filter,
        linebreaksbr=defaultfilters.linebreaksbr,
        yesno=defaultfilters.yesno,
        truncatechars=defaultfilters.truncatechars,
        regroup=regroup,
        as_query=as_query,
        day_groups=display.day_groups,
        css_string=display.css_string,
        short_url=display.short_url,
    )
    return env
