from django.db import models
from django.db.models import Case, Count, OuterRef, Prefetch, Subquery, When
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from config.deferred import QuickDeferredLoading
from config.reversing import KEPT_SLUG_HELP, reverse_slug


class Approach(models.TextChoices):
    TWELVE_STEP = "twelve-step", "12-step"
    SKILLS_BASED = "skills-based", "Skills-based"
    OTHER = "other", "Other peer support"


class Abstinence(models.TextChoices):
    COMPLETE = "complete", "Complete abstinence, often including prescribed substitutes"
    # AA: "no A.A. member plays doctor"; its only requirement is a desire to stop drinking.
    COMPLETE_MEDICATION_YOURS = (
        "complete-rx-ok",
        "Stop drinking; prescribed medication is between you and your doctor",
    )
    # Rational Recovery: "planned, permanent abstinence", and no members to count anything.
    FOR_GOOD = "for-good", "Stop completely, for good"
    MAT_WELCOME = "mat-welcome", "People on prescribed medication welcome"
    OWN_GOALS = "own-goals", "You set your own goals"
    NOT_APPLICABLE = "not-applicable", "Not applicable: for families and friends"


# Abstinence expectations under which people on prescribed medication (methadone,
# buprenorphine and the like: medication-assisted treatment, MAT) are welcome. A
# family-and-friends group is not "MAT-friendly": it is not for the person taking it.
MAT_WELCOMING = [Abstinence.COMPLETE_MEDICATION_YOURS, Abstinence.MAT_WELCOME, Abstinence.OWN_GOALS]
# Those that ask to stop completely, rather than to change at one's own pace.
STOP_COMPLETELY = [Abstinence.COMPLETE, Abstinence.COMPLETE_MEDICATION_YOURS, Abstinence.FOR_GOOD]


class ProgrammeQuerySet(models.QuerySet):
    def in_approach_order(self):
        """12-step first, then skills-based, then other peer support; within each, those
        that hold meetings before self-help methods without any, then by name."""
        position = Case(
            *(When(approach=approach, then=i) for i, approach in enumerate(Approach)),
            output_field=models.IntegerField(),
        )
        return self.order_by(position, "-holds_meetings", "name")

    def for_families(self):
        """Programmes for the families and friends of someone who uses drugs or alcohol."""
        return self.filter(abstinence=Abstinence.NOT_APPLICABLE)

    def for_people_themselves(self):
        return self.exclude(abstinence=Abstinence.NOT_APPLICABLE)

    def welcoming_mat(self):
        return self.filter(abstinence__in=MAT_WELCOMING)

    def at_ones_own_pace(self):
        """Those that do not ask for complete abstinence from the start."""
        return self.exclude(abstinence__in=STOP_COMPLETELY)

    def with_meeting_count(self):
        """Annotate `meeting_count`: active meetings, counted in SQL, one programme at a time
        from an index. (At 50,000 meetings a join and GROUP BY over all of them took 29 ms on
        PostgreSQL and 43 ms on SQLite; this takes 5 ms and 33 ms.)"""
        meetings = self.model._meta.get_field("meetings").related_model.objects
        count = (
            meetings.active()
            .filter(programme=OuterRef("pk"))
            .order_by()
            .values("programme")
            .annotate(count=Count("*"))  # from the index alone: no id to read
            .values("count")
        )
        return self.annotate(meeting_count=Coalesce(Subquery(count), 0))

    def with_notes(self):
        """Prefetch the notes into `pros`, `cons` and `suitability_notes`: three queries."""
        return self.prefetch_related(
            *(
                Prefetch("notes", ProgrammeNote.objects.filter(kind=kind), to_attr=attr)
                for kind, attr in NOTE_ATTRIBUTES.items()
            )
        )


class Programme(QuickDeferredLoading, models.Model):
    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=20, help_text="For example NA or SMART.")
    slug = models.SlugField(unique=True, help_text=KEPT_SLUG_HELP)
    approach = models.CharField(max_length=20, choices=Approach, db_index=True)
    summary = models.TextField(help_text="Two or three plain sentences for someone new to it.")
    description = models.TextField(blank=True)
    spiritual = models.BooleanField(
        default=False, help_text="Does it ask members to rely on a higher power?"
    )
    abstinence = models.CharField(
        "what it expects about abstinence", max_length=20, choices=Abstinence
    )
    first_meeting = models.TextField(
        "what a first meeting is like", blank=True, help_text="Plain words for someone nervous."
    )
    holds_meetings = models.BooleanField(
        default=True, help_text="Untick for a self-help method with no groups to list."
    )
    website = models.URLField(blank=True)
    helpline = models.CharField("national helpline", max_length=40, blank=True)

    # Short answers for the side-by-side comparison of programmes.
    structure = models.CharField(max_length=200, blank=True, help_text="How a meeting runs.")
    pace = models.CharField(max_length=200, blank=True)
    group_size = models.CharField(max_length=200, blank=True)
    one_to_one_support = models.CharField(
        "sponsor or mentor", max_length=200, blank=True, help_text="Support between meetings."
    )
    family_support = models.CharField("family groups", max_length=200, blank=True)

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords()  # who changed what, with old and new values (admin)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        renamed = (
            Programme.objects.filter(pk=self.pk)
            .exclude(name=self.name, short_name=self.short_name)
            .exists()
        )
        super().save(*args, **kwargs)
        if renamed:  # meetings' search text holds the programme's name and short name
            for meeting in self.meetings.select_related("venue"):
                meeting.save(update_fields=["search_text"])

    def get_absolute_url(self):
        return reverse_slug("programmes:programme_detail", self.slug)

    @property
    def welcomes_mat(self):
        return self.abstinence in MAT_WELCOMING

    @property
    def is_for_families(self):
        """For the families and friends of someone who uses drugs or alcohol (for_families())."""
        return self.abstinence == Abstinence.NOT_APPLICABLE

    @property
    def medication_in_words(self):
        """For the comparison: how it treats people on prescribed medication (MAT)."""
        if self.is_for_families:
            return "Not applicable: a group for families and friends"
        if not self.holds_meetings:
            return "Not applicable: no meetings"
        return "Welcome" if self.welcomes_mat else "Welcome, though many members count it as using"


class NoteKind(models.TextChoices):
    PRO = "pro", "Pro"
    CON = "con", "Con"
    SUITABILITY = "suitability", "May suit you if…"


class ProgrammeNote(models.Model):
    """A pro, a con or a "may suit you if…" note: first-class content that staff edit."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=NoteKind)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "kind", "order", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


NOTE_ATTRIBUTES = {
    NoteKind.PRO: "pros",
    NoteKind.CON: "cons",
    NoteKind.SUITABILITY: "suitability_notes",
}
