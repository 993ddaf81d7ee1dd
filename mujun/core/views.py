"""Generic scoped views: scope once per request (STYLE.md §2).

Every view maps its request to an action, refuses with 403 when the role lacks it, swaps in
``Model.objects.for_user(user, action)`` and fetches with ``get_object_or_404`` on that
queryset, so another town's object answers 404, never a 403 that confirms it exists.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .actions import VersionConflict, archive, restore, save_versioned
from .history import history_entries
from .roles import ADD, CHANGE, DELETE, METHOD_ACTIONS, VIEW, role_allows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d")
    from urllib.parse import quote

    response["Content-Disposition"] = (
        f"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{quote(f'{filename}-{stamp}.xlsx')}"
    )
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
    """Filter form + table + pagination; ``?export=xlsx`` downloads the filtered rows and an
    htmx request gets only the table partial."""

    filter_form = None
    table_class = None
    template_name = "core/object_list.html"
    partial_template = "core/table_partial.html"
    title = ""

    # Fields the filter form's ``q`` searches (icontains, any of them).
    search_fields: tuple[str, ...] = ()

    def filtered(self, form):
        """Archived rows hidden unless asked for, ``q`` over ``search_fields``, then the
        view's own filters (``filter_more``)."""
        data = form.cleaned_data if form.is_bound else {}
        qs = self.get_queryset()
        if not data.get("show_archived"):
            qs = qs.filter(is_archived=False)
        q = (data.get("q") or "").strip()
        if q and self.search_fields:
            from django.db.models import Q

            match = Q()
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": q})
            qs = qs.filter(match)
        return self.filter_more(qs, data)

    def filter_more(self, qs, data: dict):
        return qs

    def get(self, request):
        form = self.filter_form(request.GET or None, user=request.user)
        qs = (
            self.filtered(form)
            if form.is_valid() or not request.GET
            else self.get_queryset().none()
        )
        if request.GET.get("export") == "xlsx":
            table = self.table_class([])
            return xlsx_response(table.xlsx(self._export_rows(qs)), str(self.title))
        paginator = Paginator(qs, self._page_size())
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = self.decorate(self.fetch(page.object_list))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "title": self.title,
            "form": form,
            "table": self.table_class(page.object_list),
            "page": page,
            "query": query.urlencode(),
            "export_query": urlencode({**query.dict(), "export": "xlsx"}),
            "can_add": role_allows(request.user, ADD),
            "model_opts": self.model._meta,
            **self.extra_context(),
        }
        template = (
            self.partial_template if request.headers.get("HX-Request") else self.template_name
        )
        return render(request, template, context)

    def decorate(self, rows: list) -> list:
        """Attach derived figures to a batch of rows (a fixed number of queries per batch)."""
        return rows

    def fetch(self, page_qs) -> list:
        """The rows of one page (the paginator counts the queryset itself)."""
        return list(page_qs)

    def iterate(self, qs, batch: int):
        """Every row of ``qs``, for the export."""
        return qs.iterator(chunk_size=batch)

    def _export_rows(self, qs, batch: int = 2000):
        rows = []
        for obj in self.iterate(qs, batch):
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


class ObjectEditView(ScopedView):
    """Create (no ``pk``) or edit with optimistic locking: the form carries the version it was
    opened at, and a save over a newer version is refused with the input kept."""

    form_class = None
    template_name = "core/object_edit.html"
    success_url_name = ""

    def get_action(self):
        return CHANGE if "pk" in self.kwargs else ADD

    def get_instance(self):
        return self.get_object() if "pk" in self.kwargs else None

    def get(self, request, **kwargs):
        obj = self.get_instance()
        form = self.form_class(instance=obj, user=request.user)
        return self.render_form(form, obj)

    def post(self, request, **kwargs):
        obj = self.get_instance()
        form = self.form_class(request.POST, instance=obj, user=request.user)
        if form.is_valid():
            try:
                obj_to_save = form.save(commit=False)
                self.before_save(obj_to_save)
                saved = save_versioned(
                    obj_to_save,
                    expected_version=request.POST.get("version") if obj else None,
                    user=request.user,
                )
                form.save_m2m()
            except VersionConflict as conflict:
                form.add_error(None, str(conflict))
                return self.render_form(form, obj, status=409)
            messages.success(request, _("已保存。"))
            return redirect(self.get_success_url(saved))
        return self.render_form(form, obj, status=400)

    def get_success_url(self, saved):
        return reverse(self.success_url_name, args=[saved.pk])

    def before_save(self, obj):
        """Set what the form does not carry (e.g. the parent from the URL)."""

    def render_form(self, form, obj, status=200):
        version = self.request.POST.get("version") if self.request.method == "POST" else None
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "object": obj,
                "version": version or (obj.version if obj else ""),
                "model_opts": self.model._meta,
            },
            status=status,
        )


class ObjectArchiveView(ScopedView):
    action = DELETE
    template_name = "core/object_archive.html"
    success_url_name = ""

    def get(self, request, pk):
        return render(request, self.template_name, {"object": self.get_object()})

    def post(self, request, pk):
        obj = self.get_object()
        if request.POST.get("restore"):
            restore(obj, user=request.user)
            messages.success(request, _("已恢复。"))
        else:
            archive(obj, user=request.user)
            messages.success(request, _("已归档。归档的记录仍可在列表中勾选“显示已归档”查看。"))
        return redirect(self.success_url_name, obj.pk)


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
        return render(request, self.template_name, {"title": self.title})

    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("请选择要导入的文件。"))
            return render(request, self.template_name, {"title": self.title}, status=400)
        result = self.importer_class(request.user).run(upload.name, upload.read())
        status = 200 if result.ok else 400
        return render(
            request,
            self.template_name,
            {"title": self.title, "result": result, "filename": upload.name},
            status=status,
        )
