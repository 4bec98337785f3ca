"""When what lists of meetings show last changed, for exports' and the API's ETag and
Last-Modified: a list shows its meetings' venues, programmes and areas too."""

from django.db.models import Subquery

from meetings.models.meeting import Meeting
from meetings.models.places import Area, Venue
from programmes.models import Programme


def last_changes():
    """(when a meeting was last saved, created in bulk or ended by an import; when the newest
    history row of meetings, venues, programmes and areas was written): one query of index
    lookups. Deleting a meeting, or editing its venue, programme or area, changes it. None
    when there are no meetings."""

    def newest_history(model):
        history = model.history.model.objects.order_by("-history_date")
        return Subquery(history.values("history_date")[:1])

    models = (Meeting, Venue, Programme, Area)
    return (
        Meeting.objects.order_by("-updated")
        .values_list("updated", *(newest_history(model) for model in models))
        .first()
    )


def last_changed(changes):
    """The latest time in last_changes(), or None."""
    return max(filter(None, changes or ()), default=None)
