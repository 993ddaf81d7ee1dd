from django.db import models
from django.utils.translation import gettext_lazy as _


class FactStatus(models.TextChoices):
    """Where a fact stands in the review; the badge colour sits next to each value."""

    PENDING = "pending", _("待采纳")
    DROPPED = "dropped", _("已舍弃")
    ACCEPTED = "accepted", _("已采纳")

    @property
    def badge(self) -> str:
        return {"pending": "", "dropped": "grey", "accepted": "green"}[self.value]
