"""Generic scoped views: scope once per request (STYLE.md §2).

Every view maps its request to an action, refuses with 403 when the role lacks it, swaps in
``Model.objects.for_user(user, action)`` and fetches with ``get_object_or_404`` on that
queryset, so another town's object answers 404, never a 403 that confirms it exists.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .actions import VersionConflict, archive, restore, save_form
from .choices import JobStatus
from .history import history_entries
from .imports import ImportResult, Problem
from .job_list import JobFilterSet, JobTable
from .jobs import fail_stale, refused, run_now, start_import
from .models import Job
from .paging import CappedPaginator
from .roles import ADD, CHANGE, DELETE, METHOD_ACTIONS, VIEW, role_allows
from .uploads import MB, TooCostly, check_size, count_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(filename: str, extension: str = "xlsx") -> str:
    from urllib.parse import quote

    stamp = timezone.localtime().strftime("%Y%m%d")
    named = quote(f"{filename}-{stamp}.{extension}")
    return f"attachment; filename=\"export.{extension}\"; filename*=UTF-8''{named}"


def csv_response(chunks, filename: str) -> StreamingHttpResponse:
    """CSV text sent as it is written: the first rows leave before the last are read."""
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(filename, "csv")
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = _attachment(filename)
    return response


def xlsx_file_response(write, filename: str) -> FileResponse:
    """The .xlsx that ``write(file)`` writes, streamed from a temporary file (deleted when the
    response closes) rather than built as bytes in memory: a 100,000-row export holds one
    batch of rows at a time, and the response carries its length for the browser's progress."""
    import tempfile

    out = tempfile.TemporaryFile()  # noqa: SIM115 -- the response closes it once sent
    try:
        write(out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    response = FileResponse(out, content_type=XLSX)
    response["Content-Disposition"] = _attachment(filename)
    return response


class ScopedView(LoginRequiredMixin, View):
    """Base of every page showing business data. ``action`` overrides the HTTP-verb mapping
    for pages that show a form (an edit form needs ``change`` even on GET)."""

    model = None
    action: str | None = None

    def get_action(self) -> str:
        return self.action or METHOD_ACTIONS.get(self.request.method, VIEW)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not role_allows(request.user, self.get_action()):
            raise PermissionDenied(_("您的角色无权执行此操作。"))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user, self.get_action())

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class ObjectListView(ScopedView):
    """The list's FilterSet (form and filtering) + table + pagination; ``?export=xlsx`` (or
    ``csv``) downloads the filtered rows and an htmx request gets only the table partial."""

    filterset_class = None
    table_class = None
    template_name = "core/object_list.html"
    partial_template = "core/table_partial.html"
    title = ""

    def get_filterset(self):
        return self.filterset_class(
            self.request.GET, queryset=self.get_queryset(), request=self.request
        )

    def filtered(self, filterset):
        """The rows the filters select; none while a value is invalid (its error is shown
        beside its field)."""
        return filterset.qs if filterset.is_valid() else filterset.queryset.none()

    def get(self, request):
        filterset = self.get_filterset()
        qs = self.filtered(filterset)
        export = request.GET.get("export")
        if export in ("xlsx", "csv"):
            table = self.table_class([], user=request.user)
            rows = self._export_rows(qs)
            if export == "csv":
                return csv_response(table.csv_chunks(rows), str(self.title))
            return xlsx_file_response(lambda out: table.write_xlsx(out, rows), str(self.title))
        paginator = CappedPaginator(qs, self._page_size(), number=request.GET.get("page"))
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = self.decorate(list(page.object_list))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "title": self.title,
            "form": filterset.form,
            "table": self.table_class(page.object_list, user=request.user),
            "page": page,
            "query": query.urlencode(),
            "export_query": urlencode({**query.dict(), "export": "xlsx"}),
            "csv_query": urlencode({**query.dict(), "export": "csv"}),
            "can_add": role_allows(request.user, ADD),
            "model_opts": self.model._meta,
            "table_name": self.table_class.name(),
            **self.extra_context(),
        }
        # the rows alone, when the filters change in place: the export links come with them
        swapped = bool(request.headers.get("HX-Request"))
        template = self.partial_template if swapped else self.template_name
        return render(request, template, {**context, "swapped": swapped})

    def decorate(self, rows: list) -> list:
        """Attach derived figures to a batch of rows (a fixed number of queries per batch)."""
        return rows

    def _export_rows(self, qs, batch: int = 2000):
        rows = []
        for obj in qs.iterator(chunk_size=batch):
            rows.append(obj)
            if len(rows) == batch:
                yield from self.decorate(rows)
                rows = []
        yield from self.decorate(rows)

    def _page_size(self):
        from django.conf import settings

        try:
            size = int(self.request.GET.get("per_page", settings.PAGE_SIZE))
        except ValueError:
            size = settings.PAGE_SIZE
        return max(10, min(size, 200))

    def extra_context(self) -> dict:
        return {}


class TableColumnsView(LoginRequiredMixin, View):
    """POST: keep the columns a user chose for a list (``table``: ``Table.name()``,
    ``columns``: the keys shown; ``reset`` goes back to the list's own choice), then back to
    the list."""

    def post(self, request):
        from django.utils.http import url_has_allowed_host_and_scheme

        table = request.POST.get("table", "")[:100]
        chosen = {**(request.user.table_columns or {})}
        columns = [c[:100] for c in request.POST.getlist("columns")][:60]
        if request.POST.get("reset") or not columns:
            chosen.pop(table, None)
        else:
            chosen[table] = columns
        get_user_model().objects.filter(pk=request.user.pk).update(table_columns=chosen)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = "/"
        return redirect(back)


class ObjectEditView(ScopedView):
    """Create (no ``pk``) or edit with optimistic locking: the form carries the version it was
    opened at, and a save over a newer version is refused with the input kept."""

    form_class = None
    template_name = "core/object_edit.html"
    success_url_name = ""
    success_message = gettext_lazy("已保存。")

    def get_action(self):
        return CHANGE if "pk" in self.kwargs else ADD

    def get_instance(self):
        return self.get_object() if "pk" in self.kwargs else None

    def get_initial(self) -> dict:
        """Values a new form starts from."""
        return {}

    def get(self, request, **kwargs):
        obj = self.get_instance()
        form = self.form_class(instance=obj, initial=self.get_initial(), user=request.user)
        return self.render_form(form, obj)

    def post(self, request, **kwargs):
        obj = self.get_instance()
        form = self.form_class(request.POST, request.FILES, instance=obj, user=request.user)
        if form.is_valid():
            try:
                saved = self.save(
                    form, expected_version=request.POST.get("version") if obj else None
                )
            except VersionConflict as conflict:
                form.add_error(None, str(conflict))
                return self.render_form(form, obj, status=409)
            messages.success(request, self.success_message)
            return redirect(self.get_success_url(saved))
        return self.render_form(form, obj, status=400)

    def save(self, form, *, expected_version):
        """Write the valid form: the area's verb, where it has one, is called from here (the
        same verb its API calls); by default ``core.actions.save_form``."""
        return save_form(
            form, expected_version=expected_version, user=self.request.user, prepare=self.prepare
        )

    def prepare(self, obj):
        """Set what the form does not carry (e.g. the parent from the URL)."""

    def get_success_url(self, saved):
        return reverse(self.success_url_name, args=[saved.pk])

    def render_form(self, form, obj, status=200):
        version = self.request.POST.get("version") if self.request.method == "POST" else None
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "object": obj,
                "version": version or (obj.version if obj else ""),
                "cancel_url": self.get_cancel_url(obj),
                "model_opts": self.model._meta,
                **self.extra_context(),
            },
            status=status,
        )

    def extra_context(self) -> dict:
        return {}

    def get_cancel_url(self, obj) -> str:
        """Where 取消 goes: the object's page, else the page the form was opened from (a link,
        since the Content-Security-Policy runs no inline script), else the home page."""
        if obj is not None:
            try:
                return self.get_success_url(obj)
            except NoReverseMatch:  # an edit view without a page of its object
                pass
        referer = self.request.META.get("HTTP_REFERER", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, {self.request.get_host()}, self.request.is_secure()
        ):
            return referer
        return reverse("home:home")


class ObjectArchiveView(ScopedView):
    action = DELETE
    template_name = "core/object_archive.html"
    success_url_name = ""

    def get(self, request, pk):
        return render(request, self.template_name, {"object": self.get_object()})

    def post(self, request, pk):
        obj = self.get_object()
        if request.POST.get("restore"):
            self.set_archived(obj, archived=False)
            messages.success(request, _("已恢复。"))
        else:
            self.set_archived(obj, archived=True)
            messages.success(request, _("已归档。归档的记录仍可在列表中勾选“显示已归档”查看。"))
        return redirect(self.success_url_name, obj.pk)

    def set_archived(self, obj, *, archived: bool):
        """Archive or restore ``obj``: an area whose archiving does more (its statistics kept
        by the verbs) calls its own verb here; by default ``core.actions``."""
        (archive if archived else restore)(obj, user=self.request.user)


class ObjectHistoryView(ScopedView):
    template_name = "core/object_history.html"

    def get(self, request, pk):
        obj = self.get_object()
        return render(request, self.template_name, {"object": obj, "entries": history_entries(obj)})


class ObjectImportView(ScopedView):
    """Upload a file: every problem listed by row and column, or everything written."""

    action = ADD
    importer_class = None
    template_name = "core/object_import.html"
    title = ""

    def get(self, request):
        if request.GET.get("template"):
            content = self.importer_class(request.user).template_bytes()
            return xlsx_response(content, f"{self.title}-模板")
        return render(request, self.template_name, self.context())

    def context(self, **extra) -> dict:
        """What the page's template reads (an area's page may add its own)."""
        return {"title": self.title, "matched_by": self.importer_class.matched_by, **extra}

    def importer_options(self) -> dict:
        """The importer's keyword arguments beside the user (a page may ask for them, as the
        evaluation's data source); a job keeps them for the worker."""
        return {}

    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("请选择要导入的文件。"))
            return render(request, self.template_name, self.context(), status=400)
        options = self.importer_options()
        importer = self.importer_class(request.user, **options)
        try:
            check_size(upload.size, settings.MUJUN_UPLOAD_MAX_MB * MB)
        except TooCostly as exc:
            refused(
                request.user,
                importer,
                name=upload.name,
                title=str(self.title),
                reason=str(exc),
                back_url=request.path,
                options=options,
            )
            result = ImportResult(problems=[Problem(None, None, str(exc))])
            return self._result(request, result, upload.name)
        content = upload.read()
        total = count_rows(upload.name, content)
        if total is not None and total > settings.MUJUN_IMPORT_JOB_ROWS:
            # a county's register is too long for a web request: the worker runs it, and the
            # job's own page shows the progress (core/jobs.py)
            job = start_import(
                request.user,
                self.importer_class,
                name=upload.name,
                content=content,
                title=str(self.title),
                back_url=request.path,
                total=total,
                options=options,
            )
            return redirect("core:job", job.pk)
        # answered at once, and recorded in the same history as the long ones
        result = run_now(
            request.user,
            importer,
            name=upload.name,
            content=content,
            title=str(self.title),
            back_url=request.path,
            total=total,
            options=options,
        )
        return self._result(request, result, upload.name)

    def _result(self, request, result, filename):
        return render(
            request,
            self.template_name,
            self.context(result=result, filename=filename),
            status=200 if result.ok else 400,
        )


class JobView(LoginRequiredMixin, View):
    """A background job's page: its progress while it runs (the page asks again every second
    or two through htmx, and a reload finds the same page), then its result or why it failed.
    Only its starter (and a superuser) reaches it; anyone else gets 404."""

    template_name = "core/job.html"
    partial_template = "core/_job_status.html"

    def get(self, request, pk):
        fail_stale()
        job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
        partial = request.headers.get("HX-Request") and not request.headers.get("HX-Boosted")
        template = self.partial_template if partial else self.template_name
        context = {"job": job, "job_status": JobStatus, "stages": stages_of(job)}
        return render(request, template, context)


class JobListView(ObjectListView):
    """后台任务: the user's imports and evaluation runs, newest first (an administrator's: those
    of the users of their region), with how each ended."""

    model = Job
    filterset_class = JobFilterSet
    table_class = JobTable
    title = _("后台任务")

    def get_queryset(self):
        return super().get_queryset().select_related("user").defer("content", "result")

    def get(self, request):
        # as the job's own page does: a job whose worker died is shown failed, not running
        fail_stale()
        return super().get(request)


def stages_of(job) -> tuple:
    """Work told in stages (an evaluation run) names them on its class; an import has none,
    nor has a job whose code was renamed since it ran: its page still shows how it ended."""
    try:
        return tuple(getattr(import_string(job.task), "stages", ()))
    except ImportError:
        return ()


def favicon(request):
    """Browsers and bookmarks ask the site's root for ``/favicon.ico`` before reading any
    page's ``<link rel=icon>``: the platform's icon, wherever the static files are served."""
    return redirect(static("mujun/favicon.svg"), permanent=True)
