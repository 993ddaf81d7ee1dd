import pytest

from mujun.projects.stages import StageError, check_move, is_backwards, stages_after


def test_forward_moves_may_skip():
    check_move("lead", "signed", note="")
    check_move("signed", "started", note="")


def test_backward_move_needs_a_reason():
    with pytest.raises(StageError, match="须填写原因"):
        check_move("started", "signed", note="")
    check_move("started", "signed", note="开工信息录入有误")


def test_termination_needs_a_reason_and_reopening_too():
    with pytest.raises(StageError):
        check_move("started", "terminated", note=" ")
    assert is_backwards("terminated", "started")
    with pytest.raises(StageError):
        check_move("terminated", "started", note="")


def test_same_stage_and_unknown_stage():
    with pytest.raises(StageError):
        check_move("signed", "signed", note="x")
    with pytest.raises(StageError):
        check_move("signed", "flying", note="x")


def test_stages_after():
    assert stages_after("completed") == ["producing", "accepted"]
    assert stages_after("terminated") == []
