"""A platform run as a background job (issue 16, item 2): the scheme page queues it, the
worker computes it through ``actions.run_evaluation`` and the job page (core/jobs.py) shows its
stages, then links to the run or says why there is none."""

import json
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core import jobs
from mujun.core.roles import ADD

from . import actions
from .models import EvaluationRun, Scheme


def start_run(user, scheme: Scheme, *, year: int, note: str = ""):
    """Queue the run of ``scheme`` over ``year``; the job, for its page."""
    return jobs.start_task(
        user,
        EvaluationJob,
        params={"scheme": scheme.pk, "year": year, "note": note},
        title=_("计算%(y)s年度：%(s)s") % {"y": year, "s": scheme.name},
        back_url=reverse("evaluation:scheme", args=[scheme.pk]),
    )


@dataclass
class Computed:
    run: EvaluationRun

    def job_fields(self) -> dict:
        run = self.run
        return {
            "written": run.enterprise_count,
            "result": {
                "done": _("计算完成：%(n)s 家企业，用时 %(s).1f 秒。")
                % {"n": run.enterprise_count, "s": run.duration_ms / 1000},
                "url": reverse("evaluation:run", args=[run.pk]),
                "link": _("查看第 %(n)s 版计算结果") % {"n": run.number},
            },
        }


class EvaluationJob:
    """What the worker runs: the job's starter must still be allowed to run the scheme."""

    stages = (gettext_lazy("读取企业数据"), gettext_lazy("计算"), gettext_lazy("写入结果"))

    def __init__(self, user):
        self.user = user

    def run(self, name: str, content: bytes, *, progress) -> Computed:
        params = json.loads(content)
        scheme = Scheme.objects.for_user(self.user, ADD).filter(pk=params["scheme"]).first()
        if scheme is None:
            raise jobs.JobFailed(_("方案不存在或无权计算，未写入任何数据。"))
        try:
            run = actions.run_evaluation(
                scheme=scheme,
                year=params["year"],
                user=self.user,
                note=params["note"],
                stage=progress.stage,
            )
        except actions.EvaluationProblem as exc:
            reason = "；".join(exc.problems)
            raise jobs.JobFailed(_("无法计算，未写入任何数据：%(r)s") % {"r": reason}) from None
        return Computed(run)
