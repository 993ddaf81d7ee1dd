"""The ledger rows of a run's life, one function per kind (STYLE.md §9). A run's own events
carry the run's region; an objection's carry its enterprise's, so the run's timeline never
names an enterprise to a town that may not see it."""

from .models import RunEvent


def _write(run, kind: str, text: str, *, user, region_id=None, **data):
    return RunEvent.objects.create(
        run=run,
        region_id=region_id or run.region_id,
        kind=kind,
        text=text[:500],
        data=data,
        user=user,
    )


def computed(*, run, user):
    text = f"计算完成：{run.enterprise_count} 家企业，用时 {run.duration_ms / 1000:.1f} 秒"
    if run.based_on_id:
        text += f"（修订自第 {run.based_on.number} 版）"
    return _write(run, "computed", text, user=user)


def publicity_started(*, run, user):
    text = f"开始公示：{run.publicity_start:%Y年%m月%d日} 至 {run.publicity_end:%Y年%m月%d日}"
    return _write(run, "publicity", text, user=user)


def published(*, run, user):
    return _write(run, "published", "发布", user=user)


def superseded(*, run, by, user):
    return _write(run, "superseded", f"被第 {by.number} 版取代", user=user, by=by.pk)


def objection_filed(*, run, objection, user):
    enterprise = objection.enterprise
    return _write(
        run,
        "objection",
        f"收到异议：{enterprise.name}",
        user=user,
        region_id=enterprise.region_id,
        objection=objection.pk,
    )


def objection_resolved(*, run, objection, user):
    enterprise = objection.enterprise
    verdict = "采纳并重算" if objection.new_run_id else "不予采纳"
    text = f"异议处理：{enterprise.name}，{verdict}"
    if objection.new_run_id:
        text += f"，生成第 {objection.new_run.number} 版"
    return _write(
        run,
        "objection",
        text,
        user=user,
        region_id=enterprise.region_id,
        objection=objection.pk,
    )
