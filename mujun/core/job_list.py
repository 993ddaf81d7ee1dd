"""The list of background jobs (后台任务): its filters and its table. A user finds an import
again here after leaving its page; an administrator sees the jobs of the users of their region
(``JobQuerySet.for_user``)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from .choices import JobStatus
from .filters import FlagFilter, ListFilterSet
from .tables import Col, Table, attr

KIND_CHOICES = [("import", _("导入")), ("other", _("其他（如评价计算）"))]


class JobFilterSet(ListFilterSet):
    # a job is never archived: a finished one is history, kept as it ended
    archived = None
    status = df.ChoiceFilter(
        label=_("状态"),
        choices=lambda: JobStatus.choices,
        empty_label=_("全部状态"),
        method="filter_status",
    )
    kind = df.ChoiceFilter(
        label=_("类别"),
        choices=lambda: KIND_CHOICES,
        empty_label=_("全部类别"),
        method="filter_kind",
    )
    problems = FlagFilter(
        label=_("只看未写入的"),
        method="filter_problems",
        help_text=_("失败的任务，以及因文件有错而未写入的导入"),
    )

    def filter_status(self, queryset, name, value):
        # as the table shows them: an import refused for its problems ran to its end but
        # wrote nothing, and is among the failed, not the done
        if value == JobStatus.FAILED:
            return queryset.failed()
        if value == JobStatus.DONE:
            return queryset.done()
        return queryset.filter(status=value)

    def filter_kind(self, queryset, name, value):
        imports = queryset.imports()
        return imports if value == "import" else queryset.exclude(pk__in=imports.values("pk"))

    def filter_problems(self, queryset, name, value):
        return queryset.failed() if value else queryset


class JobTable(Table):
    export_name = "后台任务"
    columns = [
        Col(_("任务"), attr("title"), link="core:job"),
        Col(_("文件名"), attr("filename"), wrap=True),
        Col(_("状态"), attr("outcome")),
        Col(_("总行数"), attr("total"), numeric=True),
        Col(_("已写入行数"), attr("written"), numeric=True),
        Col(_("问题数"), attr("problem_count"), numeric=True),
        Col(_("发起人"), attr("user.display_name")),
        Col(_("提交时间"), attr("created_at")),
        Col(_("结束时间"), attr("finished_at")),
    ]
