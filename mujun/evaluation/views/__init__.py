"""The evaluation's pages, by subject: schemes, data, runs and results, objections."""


def may(user, obj, action: str) -> bool:
    """Whether ``user`` may act on ``obj`` with ``action``: its role allows it *and* the object
    is in the scope of that action (a town officer reads the county's run but cannot publicise
    it). A page offers a button only when this holds, so no shown link answers 403 or 404."""
    return type(obj).objects.for_user(user, action).filter(pk=obj.pk).exists()
