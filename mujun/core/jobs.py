"""Background jobs (issue 16, item 2): work too long for a web request runs in the worker.

The queue is django-q2's (docs/foundation.md, "Background jobs"): kept in the database by
default, in Redis when ``MUJUN_REDIS_URL`` is set. A ``Job`` row is what the pages read: the
worker writes the progress the work reports into it, then the result or the reason it failed.
An import writes in one transaction, so a job that fails at any point has written nothing.

A worker that dies leaves its job unfinished: django-q2 hands the task to a worker again after
``Q_CLUSTER["retry"]`` seconds, and the job runs again from the start (nothing was written); a
job with no sign of life for ``MUJUN_JOB_STALE_SECONDS`` is reported failed, never left
"running" for ever.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .choices import JobStatus
from .models import Job

logger = logging.getLogger(__name__)

# Problems kept with a finished job: the page lists them, a file with more has bigger trouble.
MAX_PROBLEMS = 1000
# Seconds between two progress writes: a page polls every second or two.
PROGRESS_SECONDS = 1.0


def start_import(
    user,
    importer_class,
    *,
    name: str,
    content: bytes,
    title: str,
    back_url="",
    total=None,
    options: dict | None = None,
) -> Job:
    """Queue the import of ``content`` by ``importer_class(user, **options)``; the job, for
    its page."""
    job = Job.objects.create(
        title=title,
        task=task_path(importer_class),
        options=options or {},
        user=user,
        filename=name,
        content=content,
        back_url=back_url,
        total=total,
    )
    enqueue(job)
    return job


def run_now(
    user,
    importer,
    *,
    name: str,
    content: bytes,
    title: str,
    back_url="",
    total=None,
    options: dict | None = None,
):
    """Run a short import in the request, as before, and record it as a finished job, so one
    history holds every import a user ran through the pages (the home pages read it). The
    file itself is not kept. The importer's result, for the page to show as it did."""
    now = timezone.now()
    job = Job.objects.create(
        title=title,
        task=task_path(type(importer)),
        options=options or {},
        user=user,
        filename=name,
        back_url=back_url,
        total=total,
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=1,
    )
    try:
        result = importer.run(name, content)
    except Exception:
        fail(job, _("处理时出错，未写入任何数据；请联系管理员（任务编号 %(n)s）。") % {"n": job.pk})
        raise
    finish(job, result)
    return result


def refused(
    user, importer, *, name: str, title: str, reason: str, back_url="", options=None
) -> None:
    """Record an upload turned away before reading (too large): it failed, and says why."""
    now = timezone.now()
    Job.objects.create(
        title=title,
        task=task_path(type(importer)),
        options=options or {},
        user=user,
        filename=name,
        back_url=back_url,
        status=JobStatus.FAILED,
        error=reason,
        started_at=now,
        finished_at=now,
        heartbeat_at=now,
    )


def task_path(importer_class) -> str:
    return f"{importer_class.__module__}.{importer_class.__qualname__}"


def start_task(user, task_class, *, params: dict, title: str, back_url="") -> Job:
    """Queue other work than an import: ``task_class(user).run("", params as JSON bytes,
    progress=...)`` in the worker, under the same job page. The parameters travel in
    ``content`` as an import's file does, so the worker may run on another machine."""
    job = Job.objects.create(
        title=title,
        task=task_path(task_class),
        user=user,
        content=json.dumps(params).encode(),
        back_url=back_url,
        total=len(getattr(task_class, "stages", ())) or None,
    )
    enqueue(job)
    return job


def enqueue(job: Job) -> None:
    from django_q.tasks import async_task

    async_task("mujun.core.jobs.run_job", job.pk, task_name=f"job-{job.pk}")


class JobFailed(Exception):
    """Work that cannot be done for a reason its starter should read (no data for the year):
    the job page shows this reason instead of the general one."""


class Progress:
    """What an import reports (``checked``, ``written``, ``problems``), written into the job
    at most every ``PROGRESS_SECONDS``; each write is also the worker's sign of life."""

    def __init__(self, job: Job):
        self.job = job
        self.last = 0.0

    def __call__(self, *, checked: int, written: int, problems: list) -> None:
        now = timezone.now()
        if now.timestamp() - self.last < PROGRESS_SECONDS:
            return
        self.last = now.timestamp()
        Job.objects.filter(pk=self.job.pk).update(
            checked=checked, written=written, problem_count=len(problems), heartbeat_at=now
        )

    def stage(self, number: int) -> None:
        """Work told in stages (``task_class.stages``) reports the one it starts, unthrottled:
        stages are few and each may take long."""
        Job.objects.filter(pk=self.job.pk).update(checked=number, heartbeat_at=timezone.now())


def run_job(job_id: int) -> None:
    """The worker's task: run the job's work (an import, an evaluation run) and record its end. A finished job (or one
    already reported failed) is left alone, so a task handed out twice runs once."""
    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.finished:
        return
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        checked=0,
        written=0,
        problem_count=0,
    )
    try:
        worker = import_string(job.task)(job.user, **job.options)
        result = worker.run(job.filename, bytes(job.content), progress=Progress(job))
    except JobFailed as exc:
        fail(job, str(exc))
        return
    except Exception:
        # the page says what the user needs; the log keeps the details for the administrator
        logger.exception("job %s failed", job.pk)
        fail(
            job,
            _("处理时出错，未写入任何数据；请联系管理员（任务编号 %(n)s）。") % {"n": job.pk},
        )
        return
    finish(job, result)


def finish(job: Job, result) -> None:
    """Record the end of work that ran: an import's counts and problems (a file with problems
    wrote nothing, and counts as failed on the home pages: ``JobQuerySet.failed``), or what
    other work's result says through ``job_fields()``."""
    fields = result.job_fields() if hasattr(result, "job_fields") else import_fields(result)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
        content=None,
        **fields,
    )


def import_fields(result) -> dict:
    """What a finished import leaves on its job. Other work's result says its own through
    ``job_fields()``: ``written`` and a ``result`` with ``done`` (a sentence), ``url`` and
    ``link`` (where to see what was written)."""
    problems = [str(p) for p in result.problems]
    return {
        "written": result.created + result.updated,
        "problem_count": len(problems),
        "result": {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "problems": problems[:MAX_PROBLEMS],
        },
    }


def fail(job: Job, reason: str) -> None:
    Job.objects.filter(pk=job.pk).exclude(status__in=JobStatus.finished()).update(
        status=JobStatus.FAILED,
        error=reason,
        written=0,
        finished_at=timezone.now(),
        content=None,
    )


def fail_stale(now=None) -> int:
    """Report failed every unfinished job without a sign of life for
    ``MUJUN_JOB_STALE_SECONDS``: its worker died, or no worker runs. How many there were."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.MUJUN_JOB_STALE_SECONDS)
    minutes = settings.MUJUN_JOB_STALE_SECONDS // 60
    stale = Job.objects.exclude(status__in=JobStatus.finished()).filter(heartbeat_at__lt=limit)
    # read first: on SQLite an UPDATE waits for the write lock, which an import holds while it
    # commits, and a job page asks every second
    if not stale.exists():
        return 0
    return stale.update(
        status=JobStatus.FAILED,
        error=_(
            "后台处理程序 %(m)s 分钟没有进展（已停止或未启动），任务未完成，"
            "未写入任何数据；请重新提交。"
        )
        % {"m": minutes},
        written=0,
        finished_at=now,
        content=None,
    )
