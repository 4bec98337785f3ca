"""Pages of a long list of meetings, counted only as far as anyone needs."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts matches no further than `cap`: "more than 1,000 meetings" tells a visitor as
    much as the exact number, which at national scale costs a pass over every match. Pages
    stop there too (the 50th of 20): past that, a search is better narrowed than paged."""

    cap = 1000
    # Matches in a list by distance from which a page is read by MeetingQuerySet.ids_first().
    # On SQLite at 50,000 meetings, two steps cost the page 0.2 ms more at 340 matches, the
    # same at 420, and saved 0.4 ms at 650, 0.9 at 880 and 3.2 at more than 1,000.
    ids_first_from = 500

    @cached_property
    def _counted(self):
        return self.object_list.order_by()[: self.cap + 1].count()  # any cap + 1 will do

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @property
    def is_capped(self):
        return self._counted > self.cap

    def page(self, number):
        page = super().page(number)
        if page.object_list.is_by_distance and self.count > self.ids_first_from:
            page.object_list = page.object_list.ids_first()
        return page
