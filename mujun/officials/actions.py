"""The verb of the officials' register: views and API validate a form and call it."""

from django.db import transaction

from mujun.core.actions import save_form


@transaction.atomic
def save_official(form, *, expected_version, user):
    """Record or change an official from a valid ``OfficialForm``. An official who becomes or
    stops being a principal (主要领导) changes the principals' trip days of every trip they
    went on: the attraction tally counts those months again."""
    recount = form.instance.pk is not None and "is_principal" in form.changed_data
    official = save_form(form, expected_version=expected_version, user=user)
    if recount:
        # the attraction area reads this register; the register does not otherwise know it
        from mujun.attraction.tally import recount_official

        recount_official(official)
    return official
