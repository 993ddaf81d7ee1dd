"""The ledger rows of a run's life; one function per event type (STYLE.md §9)."""

from .models import RunEvent


def computed(*, run, user):
    text = f"计算完成：{run.enterprise_count} 家企业，用时 {run.duration_ms / 1000:.1f} 秒"
    if run.based_on_id:
        text += f"（修订自第 {run.based_on.number} 版）"
    return RunEvent.objects.create(run=run, kind="computed", text=text, user=user)


def publicity_started(*, run, user):
    text = f"开始公示：{run.publicity_start:%Y年%m月%d日} 至 {run.publicity_end:%Y年%m月%d日}"
    return RunEvent.objects.create(run=run, kind="publicity", text=text, user=user)


def published(*, run, user):
    return RunEvent.objects.create(run=run, kind="published", text="发布", user=user)


def superseded(*, run, by, user):
    text = f"被第 {by.number} 版取代"
    return RunEvent.objects.create(run=run, kind="superseded", text=text, user=user)


def objection_filed(*, run, objection, user):
    text = f"收到异议：{objection.enterprise.name}"
    return RunEvent.objects.create(run=run, kind="objection", text=text, user=user)


def objection_resolved(*, run, objection, user):
    verdict = "采纳并重算" if objection.new_run_id else "不予采纳"
    text = f"异议处理：{objection.enterprise.name}，{verdict}"
    if objection.new_run_id:
        text += f"，生成第 {objection.new_run.number} 版"
    return RunEvent.objects.create(run=run, kind="objection", text=text, user=user)
