"""Importing activities and leads from Excel, checked and written as sets
(core/bulk_imports.py): the whole file checked first, officials and regions named as people
write them, and a row matched to what is stored by its natural key, so a second import changes
nothing.

What a row is checked against is read once per import — the regions the user may add to, the
officials of those regions, the stored activities or leads of the file's keys — and a clean
file is written in bulk with its history, its ledger events, the participants of its
activities, and one recount of the monthly tally for the months it touched (tally.py)."""

from django import forms
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from mujun.core.bulk_imports import SetImporter, chunks, looked_up, where_in
from mujun.core.forms import LabeledChoiceField
from mujun.core.imports import Column
from mujun.core.roles import ADD
from mujun.enterprises.imports import RegionField
from mujun.enterprises.rules import normalise_uscc
from mujun.officials.roster import Roster
from mujun.regions.models import Region

from . import events, rules, talks, tally
from .choices import ActivityKind, Channel, LeadCategory, Listing
from .forms import (
    ActivityForm,
    LeadForm,
    dates_problem,
    investor_uscc,
    province_problem,
    recorded_on_problem,
)
from .models import Activity, ActivityEvent, Lead, LeadEvent


def _towns(user):
    return (
        Region.objects.for_user(user, ADD).filter(is_peer=False) if user else Region.objects.none()
    )


_NO_OFFICIAL = _("%(r)s没有名为“%(n)s”的干部")


class ActivityImportForm(ActivityForm):
    """The cells of a row: the region by name or code, the officials by name (the importer
    looks them up in the row's region)."""

    kind = LabeledChoiceField(label=_("类型"), choices=ActivityKind.choices)
    leader = forms.CharField(label=_("带队干部"))
    officials = forms.CharField(label=_("参加干部"), required=False)

    class Meta(ActivityForm.Meta):
        fields = [f for f in ActivityForm.Meta.fields if f != "leads"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = RegionField(label=_("地区"), queryset=_towns(self.user))
        # left blank on a trip's row; a reception's blank is one batch (the template says so)
        self.fields["batches"].required = False


class LeadImportForm(LeadForm):
    """The cells of a row: the region by name or code, the owner by name."""

    channel = LabeledChoiceField(label=_("渠道"), choices=Channel.choices)
    category = LabeledChoiceField(label=_("类别"), choices=LeadCategory.choices)
    listing = LabeledChoiceField(label=_("上市情况"), choices=Listing.choices, required=False)
    owner = forms.CharField(label=_("责任干部"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = RegionField(label=_("地区"), queryset=_towns(self.user))


class _TownsAndOfficials(SetImporter):
    """What both files are checked against: the regions the user may add to, by code or name
    (as ``RegionField`` reads them), and the officials of those regions."""

    def prepare(self, present):
        self.towns = {}
        towns = list(_towns(self.user))
        # the code first, then the name (RegionField's order)
        for town in towns:
            self.towns.setdefault(town.name, town)
        for town in towns:
            self.towns[town.code] = town
        self.roster = Roster.under(town.path for town in towns)
        self.labels = {
            name: str(field.label) for name, field in self.form_class(user=self.user).fields.items()
        }

    def cleaners(self, present):
        found = super().cleaners(present)
        found["region"] = looked_up(self.towns, RegionField)
        return found

    def _official(self, region, name, field, problems):
        """The official of that name in ``region``, or a problem on ``field`` saying so."""
        pk = self.roster.within(region.path, name)
        if pk is None:
            problems.append((field, str(_NO_OFFICIAL % {"r": region, "n": name})))
        return pk

    def _changed_labels(self, names) -> list[str]:
        return [self.labels[name] for name in names]


class ActivityImporter(_TownsAndOfficials):
    """Activities matched by region, kind, first day and leader (the same trip written
    twice)."""

    model = Activity
    key_field = "start_date"
    matched_by = _("地区、类型、开始日期和带队干部")
    form_class = ActivityImportForm
    model_fields = (
        "region",
        "kind",
        "start_date",
        "end_date",
        "destination",
        "investors",
        "batches",
        "note",
    )
    columns = [
        Column("region", "地区", required=True, help="镇街名称或区划代码"),
        Column("kind", "类型", required=True, help="外出招商、拜访企业、接待客商或推介会"),
        Column("start_date", "开始日期", required=True, help="如 2026-03-02"),
        Column("end_date", "结束日期", required=True, help="当天的活动与开始日期相同"),
        Column("destination", "目的地或地点"),
        Column("leader", "带队干部", required=True, help="干部名册中的姓名"),
        Column("officials", "参加干部", help="姓名，以顿号分隔"),
        Column("investors", "拜访或接待的客商", help="企业名称，以顿号分隔"),
        Column("batches", "接待批次", help="接待客商时填写，默认 1"),
        Column("note", "备注"),
    ]
    # what an edit compares, in the order its event names them
    compared = ("end_date", "destination", "investors", "batches", "note", "officials")

    def cell_problems(self, values, failed):
        if "region" in failed:
            # the officials are looked up in the row's region: without one, they cannot be
            # checked, and saying so beats the model's "leader may not be null"
            return [("leader", _t("地区有误，无法核对干部"))]
        region, problems = values["region"], []
        if "leader" not in failed:
            values["leader_id"] = self._official(region, values["leader"], "leader", problems)
        if "officials" in values:
            found = [
                self._official(region, name, "officials", problems)
                for name in rules.split_names(values["officials"])
            ]
            values["official_ids"] = {pk for pk in found if pk is not None}
        problem = dates_problem(values.get("start_date"), values.get("end_date"))
        if problem:
            problems.append((problem[0], str(problem[1])))
        return problems

    def key_of(self, values, text):
        parts = (values.get("region"), values.get("kind"), values.get("start_date"))
        leader = (values.get("leader") or "").strip()
        if any(part is None for part in parts) or not leader:
            return None
        return (parts[0].pk, parts[1], parts[2], leader)

    def load_stored(self, keys):
        """The stored activity of every key (the newest where a key repeats), its participants
        and the investors of the leads it served."""
        wanted = set(keys)
        self.stored = {}
        fields = ["pk", "region_id", "kind", "start_date", "leader__name", "leader_id"]
        fields += ["end_date", "destination", "investors", "batches", "note"]
        stored = Activity._base_manager.filter(region_id__in={k[0] for k in wanted})
        rows = where_in(
            stored.order_by("-pk").values(*fields), "start_date", {k[2] for k in wanted}
        )
        for row in rows:
            key = (row["region_id"], row["kind"], row["start_date"], row["leader__name"])
            if key in wanted:
                self.stored.setdefault(key, row)
        pks = [row["pk"] for row in self.stored.values()]
        self.participants = {pk: set() for pk in pks}
        through = Activity.officials.through.objects.values("activity_id", "official_id")
        for row in where_in(through, "activity_id", pks):
            self.participants[row["activity_id"]].add(row["official_id"])
        self.lead_investors = {pk: [] for pk in pks}
        served = Activity.leads.through.objects.values("activity_id", "lead__investor_name")
        for row in where_in(served, "activity_id", pks):
            self.lead_investors[row["activity_id"]].append(row["lead__investor_name"])

    def check_row(self, row, present):
        values, stored = row.values, self.stored.get(row.key)
        batches = values.get("batches")
        if batches is None:
            # blank: a stored row keeps its batches, a new one has one
            batches = stored["batches"] if stored else 1
        # batches are a reception's measure; other kinds carry none (ActivityForm.clean)
        if values["kind"] != ActivityKind.RECEPTION:
            batches = 0
        elif not batches:
            return [("batches", str(_("接待客商至少 1 批次")))]
        values["batches"] = batches
        return []

    def write(self, rows, present, result, report):
        new, changes, edits, people, counted = [], {}, {}, {}, set()
        for row in rows:
            values, stored = row.values, self.stored.get(row.key)
            leader = values["leader_id"]
            if stored is None:
                new.append(row)
                continue
            # the leader is counted as the leader, never again as a participant
            went = values.get("official_ids", self.participants[stored["pk"]]) - {leader}
            # a column left out of the file keeps what is stored (core/bulk_imports.py)
            after = {
                name: values.get(name, stored[name])
                for name in self.compared
                if name != "officials"
            }
            changed = [name for name, value in after.items() if stored[name] != value]
            if went != self.participants[stored["pk"]] - {stored["leader_id"]}:
                changed.append("officials")
                people[stored["pk"]] = went
            if not changed:
                result.unchanged += 1
                continue
            change = {name: after[name] for name in changed if name != "officials"}
            change["days"] = rules.activity_days(values["start_date"], after["end_date"])
            change["investor_count"] = rules.investors_met(
                after["investors"], self.lead_investors[stored["pk"]]
            )
            changes[stored["pk"]] = change
            edits[stored["pk"]] = self._changed_labels(changed)
            counted |= tally.activity_keys(Activity(**_attnames(stored)))
        self._write_changes(changes, edits, people, counted, result)
        report(checked=len(rows), written=result.updated, problems=[])
        for part in chunks(new):
            objects = [self._new(row.values) for row in part]
            saved = self.create_objects_in_bulk(Activity, objects)
            Through = Activity.officials.through
            joined = [
                Through(activity_id=activity.pk, official_id=official)
                for row, activity in zip(part, saved, strict=True)
                for official in sorted(row.values.get("official_ids", set()) - {activity.leader_id})
            ]
            Through.objects.bulk_create(joined)
            ledger = [
                events.activity_recorded(activity=a, user=self.user, commit=False) for a in saved
            ]
            ActivityEvent.objects.bulk_create(ledger)
            for activity in saved:
                counted |= tally.activity_keys(activity)
            result.created += len(part)
        tally.recount(counted)

    def _write_changes(self, changes, edits, people, counted, result):
        Through = Activity.officials.through
        for objects in self.update_in_bulk(Activity, changes):
            ledger = []
            for activity in objects:
                ledger.append(
                    events.activity_edited(
                        activity=activity, fields=edits[activity.pk], user=self.user, commit=False
                    )
                )
                counted |= tally.activity_keys(activity)
            ActivityEvent.objects.bulk_create(ledger)
            moved = [activity.pk for activity in objects if activity.pk in people]
            Through.objects.filter(activity_id__in=moved).delete()
            joined = [
                Through(activity_id=pk, official_id=official)
                for pk in moved
                for official in sorted(people[pk])
            ]
            Through.objects.bulk_create(joined)
            result.updated += len(objects)

    def _new(self, values) -> Activity:
        investors = values.get("investors") or ""
        return Activity(
            region=values["region"],
            kind=values["kind"],
            start_date=values["start_date"],
            end_date=values["end_date"],
            destination=values.get("destination") or "",
            leader_id=values["leader_id"],
            investors=investors,
            batches=values["batches"],
            note=values.get("note") or "",
            days=rules.activity_days(values["start_date"], values["end_date"]),
            investor_count=rules.investors_met(investors, ()),
        )


class LeadImporter(_TownsAndOfficials):
    """Leads matched by region, investor and project name."""

    model = Lead
    key_field = "investor_name"
    matched_by = _("地区、投资方和项目名称")
    form_class = LeadImportForm
    model_fields = (
        "region",
        "investor_name",
        "investor_uscc",
        "investor_country",
        "home_province",
        "home_city",
        "listing",
        "project_name",
        "channel",
        "category",
        "industry_code",
        "intended_investment",
        "recorded_on",
        "note",
    )
    columns = [
        Column("region", "地区", required=True, help="镇街名称或区划代码"),
        Column("investor_name", "投资方", required=True),
        Column("investor_uscc", "投资方统一社会信用代码", help="18 位，含校验码"),
        Column("investor_country", "投资方国别", help="境外投资方填写"),
        Column("home_province", "投资方所在省份"),
        Column("home_city", "投资方所在城市"),
        Column("listing", "上市情况", help="上市企业、拟上市企业，或留空"),
        Column("project_name", "项目名称", required=True),
        Column(
            "channel",
            "渠道",
            required=True,
            help="以商引商、中介招商、驻点招商、协会商会、网络及其他",
        ),
        Column("category", "类别", required=True, help="产业项目或科技人才项目"),
        Column("industry_code", "行业", help="两位行业大类代码，如 34"),
        Column("intended_investment", "意向投资（万元）", help="单位：万元"),
        Column("owner", "责任干部", help="干部名册中的姓名"),
        Column("recorded_on", "登记日期", required=True, help="如 2026-03-02"),
        Column("note", "备注"),
    ]
    # the lead's days its recording day is checked against, and what its tally counts
    stored_fields = (
        "pk",
        "owner_id",
        "signed_on",
        "contacted_on",
        "negotiating_on",
        "dropped_on",
        *model_fields[1:],
    )

    def cleaners(self, present):
        found = super().cleaners(present)
        if "investor_uscc" in found:
            # the code as pasted (lower case, blanks) is the code stored: compared equal on
            # re-import, and its length checked once it is normalised
            clean = found["investor_uscc"]
            found["investor_uscc"] = lambda text: investor_uscc(clean(normalise_uscc(text)))
        return found

    def cell_problems(self, values, failed):
        problems = []
        region, name = values.get("region"), (values.get("owner") or "").strip()
        if "owner" in values:
            values["owner_id"] = None
            if name and region is not None:
                values["owner_id"] = self._official(region, name, "owner", problems)
        problem = recorded_on_problem(values.get("recorded_on"), {})
        if problem:
            problems.append(("recorded_on", str(problem)))
        problem = None if "home_province" in failed else province_problem(values)
        if problem:
            problems.append(("home_province", problem))
        return problems

    def key_of(self, values, text):
        region = values.get("region")
        investor, project = (values.get(f, "").strip() for f in ("investor_name", "project_name"))
        if region is None or not investor or not project:
            return None
        return (region.pk, investor, project)

    def load_stored(self, keys):
        wanted = set(keys)
        self.stored = {}
        stored = Lead._base_manager.filter(region_id__in={k[0] for k in wanted})
        fields = ["region_id", *self.stored_fields]
        rows = where_in(
            stored.order_by("-pk").values(*fields), "investor_name", {k[1] for k in wanted}
        )
        for row in rows:
            key = (row["region_id"], row["investor_name"], row["project_name"])
            if key in wanted:
                self.stored.setdefault(key, row)
        self.moved = talks.move_days(row["pk"] for row in self.stored.values())

    def check_row(self, row, present):
        stored = self.stored.get(row.key)
        if stored is None:
            return []
        days = {**stored, "moved_on": self.moved.get(stored["pk"], (None,))[0]}
        problem = recorded_on_problem(row.values["recorded_on"], days)
        return [("recorded_on", str(problem))] if problem else []

    def write(self, rows, present, result, report):
        compared = [f for f in self.model_fields[1:] if f in present]
        if "owner" in present:
            compared.append("owner_id")
        new, changes, edits, counted = [], {}, {}, set()
        for row in rows:
            values, stored = row.values, self.stored.get(row.key)
            if stored is None:
                new.append(row)
                continue
            change = {}
            for name in compared:
                value = values[name]
                if value is None and name != "owner_id":
                    value = ""
                if stored[name] != value:
                    change[name] = value
            if not change:
                result.unchanged += 1
                continue
            changes[stored["pk"]] = change
            edits[stored["pk"]] = self._changed_labels(n.removesuffix("_id") for n in change)
            counted |= tally.lead_keys(Lead(**_attnames(stored)))
        for objects in self.update_in_bulk(Lead, changes):
            ledger = [
                events.lead_edited(lead=lead, fields=edits[lead.pk], user=self.user, commit=False)
                for lead in objects
            ]
            LeadEvent.objects.bulk_create(ledger)
            for lead in objects:
                counted |= tally.lead_keys(lead)
            result.updated += len(objects)
        report(checked=len(rows), written=result.updated, problems=[])
        for part in chunks(new):
            objects = [self._new(row.values) for row in part]
            saved = self.create_objects_in_bulk(Lead, objects)
            ledger = [
                events.lead_recorded(lead=lead, user=self.user, commit=False) for lead in saved
            ]
            LeadEvent.objects.bulk_create(ledger)
            for lead in saved:
                counted |= tally.lead_keys(lead)
            result.created += len(part)
        tally.recount(counted)

    def _new(self, values) -> Lead:
        fields = {name: values[name] for name in self.model_fields if name in values}
        for name, value in list(fields.items()):
            if value is None and name != "region":
                # a blank cell of a text column is an empty text (the form's save)
                fields[name] = ""
        return Lead(owner_id=values.get("owner_id"), **fields)


def _attnames(row: dict) -> dict:
    """A stored row read with ``.values()`` as an unsaved object's keyword arguments."""
    return {name: value for name, value in row.items() if "__" not in name}
