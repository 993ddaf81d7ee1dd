"""A version made by accepting an objection was noted "采纳 <enterprise> 的异议后重算", text every
town of the run's region reads. It now names the objection (whose page is scoped by its
enterprise); the notes already stored, and their history, are rewritten the same way."""

import re

from django.db import migrations

OLD = re.compile(r"^采纳 .+ 的异议后重算$")


def rewrite(apps, schema_editor):
    Run = apps.get_model("evaluation", "EvaluationRun")
    HistoricalRun = apps.get_model("evaluation", "HistoricalEvaluationRun")
    Objection = apps.get_model("evaluation", "Objection")
    made_by = dict(Objection.objects.filter(new_run__isnull=False).values_list("new_run", "pk"))
    for model in (Run, HistoricalRun):
        for pk, run_id, note in model.objects.filter(note__startswith="采纳 ").values_list(
            "pk", "id", "note"
        ):
            if not OLD.match(note):
                continue
            objection = made_by.get(run_id)
            new = f"采纳第 {objection} 号异议后重算" if objection else "采纳异议后重算"
            model.objects.filter(pk=pk).update(note=new)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_run_events_in_the_ledger"),
    ]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
