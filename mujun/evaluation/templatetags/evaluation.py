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
    from mujun.evaluation.runner import plain as as_text

    return "—" if value in (None, "") else as_text(value)
