"""Which stage moves are allowed. No ORM."""

from .choices import STAGE_ORDER, Stage

_INDEX = {s.value: i for i, s in enumerate(STAGE_ORDER)}


class StageError(ValueError):
    pass


def is_backwards(current: str, target: str) -> bool:
    if current == Stage.TERMINATED:
        return True  # reopening a terminated project is a step back that needs a reason
    if target == Stage.TERMINATED:
        return False
    return _INDEX[target] < _INDEX[current]


def check_move(current: str, target: str, *, note: str) -> None:
    """Forward moves may skip stages; a move back (or a reopening) and a termination must say
    why, so nothing goes backwards silently."""
    if target not in Stage.values:
        raise StageError(f"未知的阶段：{target}")
    if target == current:
        raise StageError("项目已处于该阶段")
    if target == Stage.TERMINATED and not note.strip():
        raise StageError("终止项目须填写原因")
    if is_backwards(current, target) and not note.strip():
        raise StageError("退回到之前的阶段须填写原因")


def next_stage(stage: str) -> str:
    """The stage a project usually moves to next: the one after ``stage``, its own when it is
    the last, and for a terminated project the stage a reopening most often returns to."""
    later = stages_after(stage)
    if later:
        return later[0]
    return Stage.LEAD if stage == Stage.TERMINATED else stage


def stages_after(stage: str) -> list[str]:
    """Stages later than ``stage`` in the normal order."""
    if stage == Stage.TERMINATED:
        return []
    return [s.value for s in STAGE_ORDER[_INDEX[stage] + 1 :]]
