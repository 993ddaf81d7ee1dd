"""The enterprise page's "grades by year" card (SPEC §2), drawn by the evaluation app."""

from django import template

register = template.Library()


@register.inclusion_tag("evaluation/_grades_card.html", takes_context=True)
def evaluation_grades(context, enterprise):
    """The enterprise's class per year, scoped to the viewing user (two queries)."""
    from mujun.evaluation.views.runs import grades_of

    return {"grades": grades_of(context["request"].user, enterprise)}


@register.filter
def plain(value) -> str:
    """A stored decimal without trailing zeros and never in exponent form (100, not 1E+2)."""
    from mujun.evaluation.labels import plain as as_text

    return "—" if value in (None, "") else as_text(value)


@register.filter
def score(value, places=4) -> str:
    """A score or total to the scheme's ``score_decimals`` (``labels.score``)."""
    from mujun.evaluation.labels import score as shown

    return "—" if value in (None, "") else shown(value, int(places))


@register.filter
def share(value) -> str:
    """A class share as the documents write it: 0.20 → 20%."""
    from mujun.evaluation.labels import share_words

    return share_words(value)
