import pytest

from mujun.enterprises.rules import normalise_uscc, uscc_check_char, uscc_problem

# Published codes of real companies, whose check characters are known to be right.
VALID = ["91110000802100433B", "91440300708461136T"]


@pytest.mark.parametrize("code", VALID)
def test_published_codes_are_valid(code):
    assert uscc_problem(code) is None


def test_wrong_check_character_is_named():
    code = VALID[0][:-1] + ("A" if VALID[0][-1] != "A" else "B")
    assert "校验码错误" in uscc_problem(code)
    assert f"应为 {VALID[0][-1]}" in uscc_problem(code)


@pytest.mark.parametrize(
    "code, reason",
    [
        ("9133000", "18 位"),
        ("9111000080210043IB", "不允许的字符"),
        ("91110000802100433b", "不允许"),
    ],
)
def test_bad_codes(code, reason):
    assert reason in uscc_problem(code)


def test_check_char_wraps_31_to_zero():
    # A body whose weighted sum is a multiple of 31 gets "0", not an out-of-range index.
    body = "0" * 17
    assert uscc_check_char(body) == "0"


def test_normalise_removes_blanks_and_upper_cases():
    assert normalise_uscc(" 9111000080 2100433b \n") == "91110000802100433B"
