"""Pages of a long list of meetings, counted only as far as anyone needs."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts matches no further than `cap`: "more than 1,000 meetings" tells a visitor as
    much as the exact number, which at national scale costs a pass over every match. Pages
    stop there too (the 50th of 20): past that, a search is better narrowed than paged."""

    cap = 1000

    @cached_property
    def _counted(self):
        return self.object_list.order_by()[: self.cap + 1].count()  # any cap + 1 will do

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @property
    def is_capped(self):
        return self._counted > self.cap
