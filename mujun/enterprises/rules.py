"""统一社会信用代码 (USCC) rules of GB 32100-2015. No ORM here."""

from operator import mul

# The 31 characters of the code, in the order that gives each its value (I O Z S V unused).
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(USCC_CHARS)}
# Weight of position i is 3**i mod 31 (GB 32100-2015, 附录 B).
_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def uscc_check_char(first17: str) -> str:
    """The 18th character for the first 17 (which must use only ``USCC_CHARS``)."""
    if len(first17) != 17:
        raise ValueError(f"17 characters expected, got {len(first17)}")
    # map over the characters rather than a generator: an import checks 100,000 codes
    total = sum(map(mul, map(_VALUE.__getitem__, first17), _WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid USCC, in words for the user, or ``None`` if it is valid."""
    if len(code) != 18:
        return f"应为 18 位，实际 {len(code)} 位"
    bad = sorted(set(code) - _VALUE.keys())
    if bad:
        return "含有不允许的字符：" + "".join(bad)
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return f"校验码错误：第 18 位应为 {expected}，实际为 {code[17]}"
    return None


def normalise_uscc(code: str) -> str:
    """Upper case, surrounding and inner blanks removed: how people paste codes from Excel."""
    return "".join(str(code).split()).upper()
