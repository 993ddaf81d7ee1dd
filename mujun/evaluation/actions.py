"""The verbs of the evaluation. Views, API, the demo and the benchmark call these."""

import time
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mujun.core.actions import save_versioned

from . import events, runner
from .choices import Department, ObjectionStatus, RunStatus
from .engine.data import DataError
from .engine.loader import parse_scheme
from .engine.scheme import SchemeError
from .models import NUMBER_FIELDS, EnterpriseYear, EvaluationResult, EvaluationRun, Objection
from .rules import publicity_problem, publish_problem


class EvaluationProblem(Exception):
    """An operation refused; ``problems`` lists every reason, as the CLI lists them."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def check_scheme(text: str, origin: str = "方案"):
    """The engine's own validation: the parsed scheme, or every mistake by its key."""
    try:
        return parse_scheme(text, origin)
    except SchemeError as exc:
        raise EvaluationProblem(exc.problems) from None


def today():
    return timezone.localdate()


def _next_number(region, year) -> int:
    found = EvaluationRun.objects.filter(region=region, year=year).aggregate(n=Max("number"))
    return (found["n"] or 0) + 1


def _write(run, results) -> None:
    for result in results:
        result.run = run
    EvaluationResult.objects.bulk_create(results, batch_size=1000)


def run_evaluation(*, scheme, year: int, user, note: str = "", stage=None) -> EvaluationRun:
    """Compute ``year`` for every enterprise of the scheme's region that has data that year,
    and keep the results as a new draft version. ``stage(n)`` is told when reading the data
    (1), computing (2) and writing the results (3) start: a background job shows them. The
    writing is one transaction, so a failure leaves no run and no result behind."""
    stage = stage or (lambda number: None)
    started = time.perf_counter()
    parsed = check_scheme(scheme.text, scheme.name)
    stage(1)
    data = EnterpriseYear.objects.filter(
        year=year,
        is_archived=False,
        enterprise__is_archived=False,
        enterprise__region__path__startswith=scheme.region.path,
    ).order_by("enterprise__uscc")
    rows = runner.input_rows(data)
    if not rows:
        raise EvaluationProblem([f"{year}年度没有企业数据，请先导入"])
    stage(2)
    try:
        ev, results = runner.compute(parsed, rows, f"{year}年度企业数据")
    except DataError as exc:
        raise EvaluationProblem(exc.problems) from None
    stage(3)
    with transaction.atomic():
        run = EvaluationRun(
            scheme=scheme,
            region=scheme.region,
            year=year,
            number=_next_number(scheme.region, year),
            scheme_text=scheme.text,
            scheme_name=scheme.name,
            summary=runner.summary_of(ev),
            enterprise_count=len(rows),
            run_by=user,
            note=note,
        )
        run._history_user = user
        run.save()
        _write(run, results)
        run.duration_ms = int((time.perf_counter() - started) * 1000)
        EvaluationRun.objects.filter(pk=run.pk).update(duration_ms=run.duration_ms)
        events.computed(run=run, user=user)
    return run


@transaction.atomic
def start_publicity(run: EvaluationRun, *, start, end, user) -> EvaluationRun:
    """公示: the draft's results are shown for objections from ``start`` to ``end``."""
    if run.status != RunStatus.DRAFT:
        raise EvaluationProblem(["只有草稿版本可以开始公示"])
    problem = publicity_problem(start, end)
    if problem:
        raise EvaluationProblem([problem])
    run.status, run.publicity_start, run.publicity_end = RunStatus.PUBLICITY, start, end
    save_versioned(run, expected_version=run.version, user=user)
    events.publicity_started(run=run, user=user)
    return run


def open_objections(run: EvaluationRun) -> int:
    """Objections still unanswered for the run's region and year (any of its versions)."""
    return Objection.objects.filter(
        run__region=run.region, run__year=run.year, status=ObjectionStatus.OPEN
    ).count()


@transaction.atomic
def publish(run: EvaluationRun, *, user) -> EvaluationRun:
    """发布: sign off a version after its publicity; the version published before it for the
    same region and year is superseded (its results stay as they were)."""
    problem = publish_problem(
        status=run.status,
        publicity_end=run.publicity_end,
        today=today(),
        open_objections=open_objections(run),
    )
    if problem:
        raise EvaluationProblem([problem])
    earlier = EvaluationRun.objects.filter(
        region=run.region, year=run.year, status=RunStatus.PUBLISHED
    ).exclude(pk=run.pk)
    for old in earlier:
        old.status = RunStatus.SUPERSEDED
        save_versioned(old, expected_version=old.version, user=user)
        events.superseded(run=old, by=run, user=user)
    run.status, run.published_by, run.published_at = RunStatus.PUBLISHED, user, timezone.now()
    save_versioned(run, expected_version=run.version, user=user)
    events.published(run=run, user=user)
    return run


@transaction.atomic
def file_objection(result: EvaluationResult, *, note: str, corrections: dict, user) -> Objection:
    """异议: an enterprise disputes its result, with a note and the figures it says are right."""
    run = result.run
    if run.status not in (RunStatus.PUBLICITY, RunStatus.PUBLISHED):
        raise EvaluationProblem(["只能对公示中或已发布的版本提出异议"])
    if not corrections:
        raise EvaluationProblem(["请至少填写一项更正后的数据"])
    objection = Objection(
        run=run, enterprise=result.enterprise, note=note, corrections=corrections, filed_by=user
    )
    objection._history_user = user
    objection.save()
    events.objection_filed(run=run, objection=objection, user=user)
    return objection


def latest_version(run: EvaluationRun) -> EvaluationRun:
    """The newest version amended from ``run`` (``run`` itself when none is)."""
    while True:
        newer = EvaluationRun.objects.filter(based_on=run).order_by("-number").first()
        if newer is None:
            return run
        run = newer


def snapshot(result: EvaluationResult) -> dict:
    """What a report card shows of a result, as text (kept in the objection's record)."""

    def text(value):
        return None if value is None else str(value)

    return {
        "run": result.run.number,
        "status": result.status,
        "total": text(result.total),
        "rank": result.rank,
        "class": result.klass,
        "class_label": result.class_label,
        "values": result.values,
        "scores": result.scores,
        "surcharge_rate": text(result.surcharge_rate),
        "inefficient": result.inefficient,
        "inputs": result.inputs,
    }


@transaction.atomic
def accept_objection(objection: Objection, *, resolution: str, user) -> Objection:
    """Re-run with the corrected figures, as a new version.

    The new version is the newest version of the objection's lineage with only this
    enterprise's cells replaced; every other enterprise keeps the figures of that version, so
    nothing else enters unnoticed. A published version is never changed: the new one goes
    through publicity and publication again. The objection keeps the enterprise's result
    before and after, and every other enterprise whose class moved (class shares are places).
    """
    if objection.status != ObjectionStatus.OPEN:
        raise EvaluationProblem(["该异议已处理"])
    base = latest_version(objection.run)
    stored = list(base.results.select_related("enterprise").order_by("pk"))
    rows, mine = [], None
    for r in stored:
        cells, sources = dict(r.inputs), dict(r.sources)
        if r.enterprise_id == objection.enterprise_id:
            mine = r
            cells.update(objection.corrections)
            sources.update(dict.fromkeys(objection.corrections, Department.OBJECTION.value))
        label = f"{r.enterprise.name}（{r.enterprise.uscc}）"
        rows.append(runner.InputRow(r.enterprise_id, label, cells, sources))
    if mine is None:
        raise EvaluationProblem(["该企业不在此版本的评价范围内"])
    started = time.perf_counter()
    parsed = check_scheme(base.scheme_text, base.scheme_name)
    try:
        ev, results = runner.compute(parsed, rows, f"第{base.number}版数据")
    except DataError as exc:
        raise EvaluationProblem(exc.problems) from None

    start, end = base.publicity_start, base.publicity_end
    if base.status == RunStatus.PUBLISHED:
        # Published results stand; the amended version is shown again for as long as before.
        length = (end - start) if start and end else timedelta(days=6)
        start, end = today(), today() + length
    new = EvaluationRun(
        scheme=base.scheme,
        region=base.region,
        year=base.year,
        number=_next_number(base.region, base.year),
        status=RunStatus.PUBLICITY if start else RunStatus.DRAFT,
        based_on=base,
        scheme_text=base.scheme_text,
        scheme_name=base.scheme_name,
        summary=runner.summary_of(ev),
        enterprise_count=len(rows),
        publicity_start=start,
        publicity_end=end,
        run_by=user,
        # Run-level text is read by every town of the run's region: it names the objection,
        # whose page is scoped by its enterprise, never the enterprise itself.
        note=rerun_note(objection.pk),
    )
    new._history_user = user
    new.save()
    _write(new, results)
    new.duration_ms = int((time.perf_counter() - started) * 1000)
    EvaluationRun.objects.filter(pk=new.pk).update(duration_ms=new.duration_ms)
    events.computed(run=new, user=user)

    after = {r.enterprise_id: r for r in new.results.select_related("run")}
    objection.before = snapshot(mine)
    objection.after = snapshot(after[objection.enterprise_id])
    objection.others_changed = [
        {
            "uscc": r.enterprise.uscc,
            "name": r.enterprise.name,
            "before": r.klass,
            "after": after[r.enterprise_id].klass,
        }
        for r in stored
        if r.enterprise_id != objection.enterprise_id and r.klass != after[r.enterprise_id].klass
    ]
    objection.status = ObjectionStatus.ACCEPTED
    objection.resolution, objection.resolved_by = resolution, user
    objection.resolved_at, objection.new_run = timezone.now(), new
    save_versioned(objection, expected_version=objection.version, user=user)
    if base.status == RunStatus.PUBLICITY:
        base.status = RunStatus.SUPERSEDED
        save_versioned(base, expected_version=base.version, user=user)
        events.superseded(run=base, by=new, user=user)
    events.objection_resolved(run=base, objection=objection, user=user)
    _correct_data(objection, user=user)
    return objection


def rerun_note(objection_pk: int) -> str:
    """The note of a version made by accepting an objection."""
    return f"采纳第 {objection_pk} 号异议后重算"


def _correct_data(objection: Objection, *, user) -> None:
    """Write the accepted figures into the year's data, so later runs use them too."""
    ey = EnterpriseYear.objects.filter(
        enterprise=objection.enterprise, year=objection.run.year
    ).first()
    if ey is None:
        return
    for column, cell in objection.corrections.items():
        if column in NUMBER_FIELDS:
            setattr(ey, column, Decimal(cell) if cell != "" else None)
        elif column == "prior_d_years":
            ey.prior_d_years = int(cell or 0)
        else:
            ey.extra = {**ey.extra, column: cell}
        ey.sources = {**ey.sources, column: Department.OBJECTION.value}
    save_versioned(ey, expected_version=ey.version, user=user)


@transaction.atomic
def reject_objection(objection: Objection, *, resolution: str, user) -> Objection:
    if objection.status != ObjectionStatus.OPEN:
        raise EvaluationProblem(["该异议已处理"])
    if not resolution.strip():
        raise EvaluationProblem(["不予采纳须写明理由"])
    objection.status, objection.resolution = ObjectionStatus.REJECTED, resolution
    objection.resolved_by, objection.resolved_at = user, timezone.now()
    save_versioned(objection, expected_version=objection.version, user=user)
    events.objection_resolved(run=objection.run, objection=objection, user=user)
    return objection
