from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """Where a background job stands; the badge colour follows each value."""

    QUEUED = "queued", _("排队中")  # grey
    RUNNING = "running", _("处理中")  # blue
    DONE = "done", _("已完成")  # green
    FAILED = "failed", _("失败")  # red

    @classmethod
    def finished(cls) -> tuple[str, ...]:
        return (cls.DONE, cls.FAILED)
