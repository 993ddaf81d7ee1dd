"""Demo benchmark data: the five seed reports read through the report reader (SPEC §1).

The reports are in ``samples/`` with the publication dates their pages give (none for three
of them). A reviewer writes the full name where a report calls its region by a short form
(萍乡经开区, 高新区: ``region`` in ``samples/index.json``); everything else is accepted exactly as
read. Facts the rules refuse (a year the text never states, a target, an indicator outside
the catalogue) stay pending with their reasons, as a reviewer would find them.
"""

import json
from collections import Counter
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from . import actions, review
from .choices import FactStatus

SAMPLES = Path(__file__).resolve().parent / "samples"


def samples() -> list[dict]:
    return json.loads((SAMPLES / "index.json").read_text(encoding="utf-8"))


def build(ctx):
    reader = ctx.users["demo-admin"]
    accepted = pending = 0
    for sample in samples():
        text = (SAMPLES / sample["file"]).read_text(encoding="utf-8")
        published = date.fromisoformat(sample["date"]) if sample["date"] else None
        report, _created = actions.read_report(
            user=reader,
            title=sample["title"],
            text=text,
            published_on=published,
            filename=sample["file"],
        )
        if sample["region"]:
            facts = list(report.facts.all())
            # the region the report is about: the one most of its facts name
            main = Counter(f.region_name for f in facts).most_common(1)[0][0]
            for fact in facts:
                if fact.region_name == main or not review.is_proper_name(fact.region_name):
                    fact.region_name = sample["region"]
                    fact._history_user = reader
                    fact.save()
        result = actions.accept_report(report=report, user=reader)
        accepted += result.accepted
        pending += report.facts.filter(status=FactStatus.PENDING).count()
    ctx.log(
        _("对标：读取 %(n)s 篇报告，采纳 %(a)s 条数据，%(p)s 条待更正")
        % {"n": len(samples()), "a": accepted, "p": pending}
    )
