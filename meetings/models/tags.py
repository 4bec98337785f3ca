"""Labels a meeting can carry: who a group is for (focuses) and what happens there (features)."""

from django.db import models

from config.reversing import KEPT_SLUG_HELP
from meetings import wording


class Tag(models.Model):
    """A label a meeting can carry, with a short code for printed lists."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(unique=True, help_text=KEPT_SLUG_HELP)
    code = models.CharField(max_length=6, unique=True, help_text="Short code for printed lists.")
    description = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def explained(self):
        """What a printed list's key says of its code: "Speaker: One member shares their
        story", but "For women only", not "Women: For women only"."""
        if self.name.casefold() in self.description.casefold():
            return self.description
        return ": ".join(filter(None, [self.name, self.description]))


class Focus(Tag):
    """Who a group is for: women, LGBTQ+ people, young people…"""

    in_a_heading = models.CharField(
        "in a heading",
        max_length=80,
        blank=True,
        help_text="How a list's heading says it after “meetings”: “for women”, “in British "
        "Sign Language”. If empty, “for” and the name.",
    )

    class Meta(Tag.Meta):
        verbose_name_plural = "focuses"

    @property
    def heading_words(self):
        """ "for women", "in British Sign Language": as a list's heading says it."""
        return self.in_a_heading or f"for {wording.in_a_sentence(self.name)}"


class Feature(Tag):
    """What happens at a meeting: speaker, discussion, step study, childcare…"""
