"""Demo officials: in each town, street and zone its two principal officials (主要领导: the
party secretary and the mayor or director) and a few cadres who go out to attract investment;
in the county, its two principals and the county-level officials who lead investment work.

The officers' accounts belong to officials, as they would: demo-town1 and demo-town2 are their
towns' economic-office directors, and demo-leader (县分管领导) is the deputy county head in
charge of investment.
"""

from simple_history.utils import bulk_create_with_history

from mujun.enterprises.demo import GIVEN, SURNAMES

from .models import Official

# region kind → (the two principals' titles, the cadres' titles, the first always present)
TITLES = {
    "county": (("县委书记", "县长"), ["副县长（分管招商）", "县投资促进中心主任", "县商务局局长"]),
    "street": (
        ("党工委书记", "办事处主任"),
        ["经济发展办公室主任", "党工委副书记", "办事处副主任", "招商专员", "驻沪招商专员"],
    ),
    "town": (
        ("党委书记", "镇长"),
        ["经济发展办公室主任", "党委副书记", "副镇长", "招商专员", "驻沪招商专员"],
    ),
    "township": (("党委书记", "乡长"), ["经济发展办公室主任", "副乡长", "招商专员"]),
    "zone": (
        ("党工委书记", "管委会主任"),
        ["招商局局长", "管委会副主任", "招商一科科长", "驻沪招商专员", "驻苏招商专员"],
    ),
}
TITLES["park"] = TITLES["zone"]
# user name → (region index: None = the county, the title of the official it belongs to)
ACCOUNTS = {
    "demo-leader": (None, "副县长（分管招商）"),
    "demo-town1": (0, "经济发展办公室主任"),
    "demo-town2": (1, "经济发展办公室主任"),
}


def _name(rng, taken: set) -> str:
    while True:
        given = "".join(rng.sample(GIVEN, 2 if rng.random() < 0.75 else 1))
        name = rng.choice(SURNAMES) + given
        if name not in taken:
            taken.add(name)
            return name


def build(ctx):
    rng = ctx.rng_for("officials")
    accounts = {
        ((ctx.county if town is None else ctx.towns[town]).pk, title): ctx.users.get(username)
        for username, (town, title) in ACCOUNTS.items()
    }
    officials = []
    for region in [ctx.county, *ctx.towns]:
        principals, cadres = TITLES.get(region.kind, TITLES["town"])
        # the county keeps all its offices; a town names a few of its cadres
        if region != ctx.county:
            cadres = cadres[:1] + rng.sample(cadres[1:], rng.randint(2, len(cadres) - 1))
        taken: set = set()
        for title in [*principals, *cadres]:
            officials.append(
                Official(
                    name=_name(rng, taken),
                    title=title,
                    region=region,
                    is_principal=title in principals,
                    user=accounts.get((region.pk, title)),
                    phone=f"1{rng.choice('3589')}{rng.randint(10**8, 10**9 - 1)}",
                )
            )
    bulk_create_with_history(officials, Official, batch_size=500)
    principals = sum(o.is_principal for o in officials)
    ctx.log(f"干部 {len(officials)} 名（主要领导 {principals} 名）")
