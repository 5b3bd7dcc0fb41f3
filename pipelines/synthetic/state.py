"""A province's farm economy month by month: the numbers behind its synthetic reports.

Levels follow slow trends and seasons (pigs and poultry peak before Tết and dip after it),
stocks only grow, year-to-date figures (capital disbursed, training, forest-service revenue,
meat) grow within a year and restart in January, and every breakdown is kept as its parts,
so totals add up by construction; the writer alone may break that, on purpose.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date

from pipelines.parsing.areas import District, Province, districts, find_district

EPOCH = date(2015, 1, 1)
FLAT = (1.0,) * 12
PIG_SEASON = (1.05, 1.03, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0, 1.0, 1.01, 1.02, 1.04)
POULTRY_SEASON = (1.08, 1.02, 0.92, 0.94, 0.96, 0.98, 0.99, 1.0, 1.01, 1.03, 1.05, 1.07)
HARVEST_SEASON = (0.7, 0.6, 0.8, 0.9, 1.0, 1.1, 1.2, 1.2, 1.15, 1.1, 1.0, 0.9)
OCOP_SINCE = 2019
ETHNIC_PROGRAM_SINCE = 2022

COOP_SECTORS = ("crop", "livestock", "forestry", "aquaculture", "general_agriculture")
FARM_SECTORS = ("crop", "livestock", "aquaculture", "general_agriculture")
VIOLATION_TYPES = (
    "illegal_deforestation",
    "illegal_logging",
    "illegal_trade_transport",
    "illegal_storage",
    "forest_product_records",
    "other",
)
# Lines a department may state in tỷ đồng (kept in hundreds of million VND so that is exact).
IN_BILLIONS = (("ntp_poverty_reduction", "all"), ("ntp_new_rural", "all"))
# (program, project) -> yearly allocation range in million VND at scale 1.
CAPITAL_LINES = {
    ("resettlement", "all"): (40_000, 180_000),
    ("ntp_ethnic_minority", "project_1_scattered_water"): (1_500, 5_000),
    ("ntp_ethnic_minority", "project_1_centralised_water"): (20_000, 60_000),
    ("ntp_ethnic_minority", "project_2"): (15_000, 40_000),
    ("ntp_ethnic_minority", "project_3_sub_1"): (10_000, 60_000),
    ("ntp_ethnic_minority", "project_3_sub_2"): (15_000, 70_000),
    ("ntp_poverty_reduction", "all"): (20_000, 90_000),
    ("ntp_new_rural", "all"): (100_000, 600_000),
}
PLANTED_CROPS = ("chè", "cây ăn quả", "mắc ca", "quế", "dược liệu", "cà phê")
PROCESSED_PRODUCTS = ("chè", "chuối", "cà phê", "quế", "sắn", "mắc ca")
CERTIFICATIONS = (
    ("ra", "crop"),
    ("vietgap", "crop"),
    ("globalgap", "crop"),
    ("vietgap", "aquaculture"),
    ("vietgap", "livestock"),
    ("vietgahp", "livestock"),
    ("organic", None),
    ("iso", None),
    ("haccp", None),
)
# month -> (crop, activity, share of the season's area done by then: drawn between these two)
CROP_CALENDAR: dict[int, tuple[tuple[str, str, float, float], ...]] = {
    1: (("rice_ws", "plant", 0.35, 0.55), ("maize_winter", "plant", 1, 1)),
    2: (("rice_ws", "plant", 0.75, 0.9), ("maize_winter", "harvest", 0.3, 0.6)),
    3: (("rice_ws", "plant", 1, 1), ("maize", "plant", 0.3, 0.5)),
    4: (("maize", "plant", 0.7, 0.9), ("planting", "plant", 0.2, 0.4)),
    5: (("rice_ws", "harvest", 0.2, 0.5), ("maize", "plant", 1, 1), ("planting", "plant", 0.5, 0.7)),
    6: (("rice_ws", "harvest", 0.8, 0.95), ("rice_ms", "prepare", 0.3, 0.5)),
    7: (("rice_ms", "plant", 0.5, 0.8), ("planting", "plant", 0.85, 0.95)),
    8: (("rice_ms", "plant", 1, 1), ("planting", "plant", 1, 1)),
    9: (("rice_ms", "harvest", 0.1, 0.3),),
    10: (("rice_ms", "harvest", 0.6, 0.9), ("maize_winter", "plant", 0.3, 0.6)),
    11: (
        ("rice_ms", "harvest", 1, 1),
        ("maize_winter", "plant", 0.8, 0.95),
        ("rice_ws", "prepare", 0.3, 0.5),
    ),
    12: (("rice_ws", "prepare", 0.8, 1), ("maize_winter", "plant", 1, 1)),
}
_CROP_AREAS = {
    "rice_ws": (3_000, 30_000),
    "rice_ms": (4_000, 40_000),
    "maize_winter": (200, 3_000),
    "maize": (1_000, 15_000),
    "planting": (20, 400),
}


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth), enough for the small means of monthly event counts."""
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def months_since_epoch(period: date) -> int:
    return (period.year - EPOCH.year) * 12 + period.month - 1


def year_share(month: int, power: float = 1.4) -> float:
    """How much of a year's plan is done by the end of `month`: slow start, rush in the last quarter."""
    return (month / 12) ** power


@dataclass
class Trend:
    """A level growing by `growth` a year, following `season`, wandering a little around both.

    A `stock` (greenhouse area, say) never shrinks: the wander only delays its growth.
    """

    base: float
    growth: float
    season: tuple[float, ...] = FLAT
    stock: bool = False
    wobble: float = 0.0
    last: float = 0.0

    def at(self, period: date, rng: random.Random) -> float:
        self.wobble = 0.7 * self.wobble + rng.gauss(0, 0.006)
        years = months_since_epoch(period) / 12
        value = self.base * self.growth**years * self.season[period.month - 1] * (1 + self.wobble)
        self.last = max(self.last, value) if self.stock else value
        return self.last


@dataclass
class ForestServices:
    """Forest environment services this year: revenue expected, last year's balance still to pay,
    and what was collected and paid out of that balance so far (both only grow until January)."""

    expected: float = 0.0
    balance: float = 0.0
    collected: float = 0.0
    paid_balance: float = 0.0


@dataclass(frozen=True)
class Style:
    """A department's writing habits, fixed per province so that its series stay comparable."""

    pig: str
    thousand: str
    pad: bool
    cooperative: str
    district_kind: bool
    billions: bool
    capital_year: bool
    cubic: str
    maize: str
    rice_main: str


@dataclass
class CapitalLine:
    """One programme or project: this year's allocation plus last year's carried-over balance, both
    fixed for the year, and what was paid out of each since January."""

    low: float
    high: float
    step: int = 1
    carry: int = 0
    current: int = 0
    paid_carry: int = 0
    paid_current: int = 0
    final: float = 0.9
    projects: int = 0
    disaster_projects: int = 0
    households: int = 0

    def new_year(self, rng: random.Random, scale: float, first: bool) -> None:
        """Carry last year's unpaid balance over (a made-up one in the first month), allocate anew."""

        def allocation() -> int:
            return int(rng.uniform(self.low, self.high) * scale) // self.step * self.step

        left = self.carry + self.current - self.paid_carry - self.paid_current
        if first:
            left = int(allocation() * rng.uniform(0, 0.15))
        self.carry = left // self.step * self.step
        self.current = allocation()
        self.paid_carry = self.paid_current = 0
        self.final = rng.uniform(0.8, 0.98)
        self.projects = rng.randint(2, 12)
        self.disaster_projects = rng.randint(0, self.projects)
        self.households = rng.randint(80, 900)

    def progress(self, month: int, rng: random.Random) -> None:
        share = min(1.0, year_share(month, 1.5) * self.final * rng.uniform(0.97, 1.03))
        carry_share = min(1.0, month / 8 * rng.uniform(0.9, 1.0))
        self.paid_current = max(self.paid_current, int(self.current * share) // self.step * self.step)
        self.paid_carry = max(self.paid_carry, int(self.carry * carry_share) // self.step * self.step)


@dataclass
class Product:
    """A processed farm product: output follows its harvest season, unsold output is kept in stock."""

    name: str
    output: Trend
    stock: float = 0.0


@dataclass
class Month:
    """Everything one report can state for one month, as whole parts (the writer sums them)."""

    period: date
    herds: dict[str, int]
    meat: tuple[int, int]
    pond: int
    tank: int | None
    cage: int
    fish: tuple[int, int]
    crops: list[tuple[str, str, int, int | None]]
    greenhouse: float
    irrigation: float
    certifications: dict[tuple[str, str | None], tuple[int, float]]
    products: list[tuple[str, dict[str, int]]]
    asf: tuple[int, int, int, District | None] | None
    rabies: tuple[int, list[District]] | None
    fmd: tuple[int, int, District] | None
    vaccination: tuple[str, int, int, District | None] | None
    outreach: dict[str, int]
    violations: dict[str, int]
    damaged_area: float
    timber: dict[str, float]
    patrols: tuple[int, int]
    fes: tuple[int, int, int]
    ocop_round: tuple[int, dict[int, int], int] | None
    ocop_totals: dict[int, int]
    ocop_recertified: int
    coops: dict[tuple[str, str], int]
    coops_owning: tuple[int, int]
    farms: dict[tuple[str, str], int]
    farm_area: int
    farm_jobs: int
    training: dict[str, tuple[int, int]]
    training_plan: int
    capital: dict[tuple[str, str], CapitalLine]


@dataclass
class ProvinceState:
    """What carries over from one month's report of a province to the next."""

    province: Province
    districts: tuple[District, ...]
    style: Style
    scale: float
    herds: dict[str, Trend]
    chicken_share: float
    pork_share: float
    pond: Trend
    tank: Trend | None
    cage: Trend
    farmed: Trend
    caught: Trend
    greenhouse: Trend
    irrigation: Trend
    planted_crop: str
    certifications: dict[tuple[str, str | None], list[float]]
    products: list[Product]
    violation_rates: dict[str, float]
    coops: dict[tuple[str, str], int]
    farms: dict[tuple[str, str], int]
    farm_size: tuple[float, float]
    capital: dict[tuple[str, str], CapitalLine]
    period: date | None = None
    meat: tuple[float, float] = (0.0, 0.0)
    fes: ForestServices = field(default_factory=ForestServices)
    ocop: dict[int, int] = field(default_factory=lambda: {3: 0, 4: 0, 5: 0})
    ocop_months: tuple[int, ...] = ()
    training: dict[str, list[int]] = field(default_factory=dict)
    training_plan: int = 0
    crop_areas: dict[tuple[str, int], float] = field(default_factory=dict)
    crop_done: dict[tuple[str, str, int], int] = field(default_factory=dict)
    crop_history: dict[tuple[str, str, int, int], int] = field(default_factory=dict)


def usable_districts(province: Province) -> tuple[District, ...]:
    """Districts a report can name so that the parser resolves them: names without digits ("Quận 1")."""
    return tuple(
        d
        for d in districts(province.code)
        if not any(c.isdigit() for c in d.name) and find_district(province.code, f"{d.kind} {d.name}") == d
    )


def initial_state(province: Province, rng: random.Random) -> ProvinceState:
    """A province of random size and habits; every later month follows from here and the rng."""
    scale = rng.uniform(0.4, 2.5)
    units = usable_districts(province)
    u = rng.uniform
    herds = {
        "buffalo": Trend(u(20e3, 100e3) * scale, u(0.97, 1.0)),
        "cattle": Trend(u(15e3, 120e3) * scale, u(1.0, 1.03)),
        "pig": Trend(u(120e3, 600e3) * scale, u(1.0, 1.04), PIG_SEASON),
        "poultry": Trend(u(1.2e6, 7e6) * scale, u(1.02, 1.06), POULTRY_SEASON),
    }
    if rng.random() < 0.5:
        herds["goat"] = Trend(u(3e3, 40e3) * scale, u(1.01, 1.05))
    style = Style(
        pig=rng.choice(("lợn", "lợn", "heo")),
        thousand=rng.choice(("nghìn", "ngàn")),
        pad=rng.random() < 0.6,
        cooperative=rng.choice(("HTX", "HTX", "hợp tác xã")),
        district_kind=rng.random() < 0.3,
        billions=rng.random() < 0.5,
        capital_year=rng.random() < 0.5,
        cubic=rng.choice(("m3", "m3", "m³")),
        maize=rng.choice(("Cây ngô", "Ngô xuân hè")),
        rice_main=rng.choice(("Lúa mùa", "Lúa vụ mùa")),
    )
    certifications = {
        key: [float(rng.randint(1, 4)), u(0.3, 250)] for key in rng.sample(CERTIFICATIONS, rng.randint(3, 6))
    }
    products = [
        Product(name, Trend(u(300, 3000) * scale, u(1.0, 1.05), HARVEST_SEASON), stock=u(50, 400))
        for name in rng.sample(PROCESSED_PRODUCTS, rng.randint(1, 2))
    ]
    weights = {d.code: u(0.3, 2) for d in units}
    coops = {(d, s): 0 for d in weights for s in COOP_SECTORS}
    for _ in range(int(u(60, 250) * scale)):
        _add_one(coops, weights, rng)
    farms = {(d, s): 0 for d in rng.sample(sorted(weights), max(1, len(weights) // 2)) for s in FARM_SECTORS}
    for _ in range(int(u(5, 60) * scale)):
        _add_one(farms, weights, rng)
    capital = {
        key: CapitalLine(low, high, step=100 if style.billions and key in IN_BILLIONS else 1)
        for key, (low, high) in CAPITAL_LINES.items()
    }
    return ProvinceState(
        province=province,
        districts=units,
        style=style,
        scale=scale,
        herds=herds,
        chicken_share=u(0.55, 0.8),
        pork_share=u(0.78, 0.9),
        pond=Trend(u(300, 3000) * scale, u(1.0, 1.02), stock=True),
        tank=Trend(u(5e3, 40e3) * scale, u(1.02, 1.08), stock=True) if rng.random() < 0.4 else None,
        cage=Trend(u(20e3, 250e3) * scale, u(1.02, 1.06), stock=True),
        farmed=Trend(u(150, 3500) * scale, u(1.02, 1.05), HARVEST_SEASON),
        caught=Trend(u(20, 400) * scale, u(0.97, 1.01), HARVEST_SEASON),
        greenhouse=Trend(u(5, 60) * scale, u(1.04, 1.1), stock=True),
        irrigation=Trend(u(10, 200) * scale, u(1.03, 1.08), stock=True),
        planted_crop=rng.choice(PLANTED_CROPS),
        certifications=certifications,
        products=products,
        violation_rates={
            t: u(0.2, 1.0) * m * scale
            for t, m in zip(VIOLATION_TYPES, (4, 1.5, 1.5, 1, 0.5, 0.8), strict=True)
        },
        coops=coops,
        farms=farms,
        farm_size=(u(2, 8), u(3, 7)),
        capital=capital,
    )


def _add_one(cells: dict[tuple[str, str], int], weights: dict[str, float], rng: random.Random) -> None:
    keys = sorted(cells)
    sector_weight = {"general_agriculture": 4, "crop": 2, "livestock": 1.5, "aquaculture": 1, "forestry": 0.5}
    cells[rng.choices(keys, [weights[d] * sector_weight[s] for d, s in keys])[0]] += 1


def advance(state: ProvinceState, period: date, rng: random.Random) -> Month:
    """Move the province to `period` (the month after the last one, or any month to start) and
    return what its report for that month can state."""
    if state.period is not None and months_since_epoch(period) != months_since_epoch(state.period) + 1:
        raise ValueError(f"{state.province.slug}: {period:%Y-%m} does not follow {state.period:%Y-%m}")
    first = state.period is None
    if first or period.month == 1:
        _new_year(state, period, rng, first)
    state.period = period
    s, u = state.scale, rng.uniform
    herds = {k: round(t.at(period, rng)) for k, t in state.herds.items()}
    herds["chicken"] = round(herds["poultry"] * state.chicken_share)
    pork = herds["pig"] * u(0.009, 0.012)
    state.meat = (state.meat[0] + pork / state.pork_share, state.meat[1] + pork)
    violations = _violations(state, period.month, rng)
    ocop_round = _ocop_round(state, period, rng)
    coops = _churn(state.coops, state, rng, 0.8, 0.2)
    farms = _churn(state.farms, state, rng, 0.15, 0.05)
    return Month(
        period=period,
        herds=herds,
        meat=(round(state.meat[0]), round(state.meat[1])),
        pond=round(state.pond.at(period, rng)),
        tank=round(state.tank.at(period, rng)) if state.tank else None,
        cage=round(state.cage.at(period, rng)),
        fish=(round(state.farmed.at(period, rng)), round(state.caught.at(period, rng))),
        crops=_crops(state, period, rng),
        greenhouse=round(state.greenhouse.at(period, rng), 1),
        irrigation=round(state.irrigation.at(period, rng), 1),
        certifications=_certifications(state, rng),
        products=[(p.name, _processing(p, period, rng)) for p in state.products],
        asf=_asf(state, rng),
        rabies=(poisson(rng, 3) + 1, _some_districts(state, rng)) if rng.random() < 0.15 else None,
        fmd=_fmd(state, rng),
        vaccination=_vaccination(state, period.month, rng),
        outreach={
            "meetings": round(u(20, 200) * s),
            "villages": round(u(50, 300) * s),
            "participants": round(u(2e3, 15e3) * s),
            "schools": rng.randint(1, 15),
            "students": round(u(300, 3e3) * s),
            "pledges": round(u(500, 8e3) * s),
        },
        violations=violations,
        damaged_area=round(sum(u(0.02, 0.8) for _ in range(violations["illegal_deforestation"])), 3),
        timber={
            t: round(u(0.5, 6) * violations[t], 1) for t in ("illegal_logging", "illegal_trade_transport")
        },
        patrols=(round(u(50, 350) * s), poisson(rng, 1)),
        fes=_fes(state, period.month, rng),
        ocop_round=ocop_round,
        ocop_totals=dict(state.ocop),
        ocop_recertified=rng.randint(2, 8) if period.year >= OCOP_SINCE and rng.random() < 0.08 else 0,
        coops=coops,
        coops_owning=_owning(state, rng),
        farms=farms,
        farm_area=round(sum(farms.values()) * state.farm_size[0]),
        farm_jobs=round(sum(farms.values()) * state.farm_size[1]),
        training=_training(state, period.month, rng),
        training_plan=state.training_plan,
        capital=_capital(state, period, rng),
    )


def _new_year(state: ProvinceState, period: date, rng: random.Random, first: bool) -> None:
    """January (or the first month): year-to-date figures restart, new plans and allocations."""
    state.meat = (0.0, 0.0)
    revenue = rng.uniform(10e3, 300e3) * state.scale
    state.fes = ForestServices(expected=revenue, balance=revenue * rng.uniform(0.15, 0.4))
    state.ocop_months = tuple(sorted(rng.sample(range(4, 13), rng.randint(1, 3))))
    if first and period.year > OCOP_SINCE:
        for _ in range(round((period.year - OCOP_SINCE) * rng.uniform(8, 25) * state.scale)):
            state.ocop[rng.choices((3, 4, 5), (12, 5, 0.3))[0]] += 1
    state.training = {}
    state.training_plan = round(rng.uniform(1500, 5000) * state.scale)
    for (program, _), line in state.capital.items():
        ethnic = program == "ntp_ethnic_minority"
        if not ethnic or period.year >= ETHNIC_PROGRAM_SINCE:
            line.new_year(rng, state.scale, first and (not ethnic or period.year > ETHNIC_PROGRAM_SINCE))
            if first and period.month > 1:
                line.progress(period.month - 1, rng)


def _crops(state: ProvinceState, period: date, rng: random.Random) -> list[tuple[str, str, int, int | None]]:
    """This month's (crop, activity, area, area a year ago or None) by the season calendar."""
    out = []
    for crop, activity, low, high in CROP_CALENDAR[period.month]:
        season = (
            period.year + 1 if period.month >= 10 and crop in ("rice_ws", "maize_winter") else period.year
        )
        key = (crop, season)
        if key not in state.crop_areas:
            lo, hi = _CROP_AREAS[crop]
            state.crop_areas[key] = rng.uniform(lo, hi) * state.scale
        area = state.crop_areas[key]
        done = max(state.crop_done.get((crop, activity, season), 0), round(area * rng.uniform(low, high)))
        state.crop_done[(crop, activity, season)] = done
        state.crop_history[(crop, activity, period.month, period.year)] = done
        before = None
        if activity == "plant" and high == 1:
            before = state.crop_history.get((crop, activity, period.month, period.year - 1))
            before = round(done * rng.uniform(0.94, 1.06)) if before is None else before
        out.append((crop, activity, done, before))
    return out


def _certifications(
    state: ProvinceState, rng: random.Random
) -> dict[tuple[str, str | None], tuple[int, float]]:
    if rng.random() < 0.05:
        entry = state.certifications[rng.choice(sorted(state.certifications, key=str))]
        entry[1] += entry[1] / entry[0] * rng.uniform(0.5, 1.5)
        entry[0] += 1
    return {k: (int(v[0]), v[1]) for k, v in state.certifications.items()}


def _processing(product: Product, period: date, rng: random.Random) -> dict[str, int]:
    output = round(product.output.at(period, rng))
    sold = round(min(product.stock + output, output * rng.uniform(0.8, 1.3)))
    exported = round(sold * rng.uniform(0.2, 0.6))
    product.stock += output - sold
    return {
        "output": output,
        "sold": sold,
        "exported": exported,
        "domestic": sold - exported,
        "processed": round(output * rng.uniform(0.001, 0.01)) + 1,
        "stock": round(product.stock),
    }


def _rural(state: ProvinceState) -> list[District]:
    """Districts the disease rule can place from "huyện X": not urban quận, and (a parser limitation)
    no apostrophe in the name ("Cư M'gar")."""
    return [d for d in state.districts if d.kind != "Quận" and "'" not in d.name] or list(state.districts)


def _some_districts(state: ProvinceState, rng: random.Random) -> list[District]:
    rural = _rural(state)
    return rng.sample(rural, min(len(rural), rng.choice((1, 2))))


def _asf(state: ProvinceState, rng: random.Random) -> tuple[int, int, int, District | None] | None:
    if rng.random() > 0.3:
        return None
    households = poisson(rng, 4) + 1
    head = households * rng.randint(2, 8)
    place = rng.choice(_rural(state)) if rng.random() < 0.7 else None
    return households, head, round(head * rng.uniform(35, 80)), place


def _fmd(state: ProvinceState, rng: random.Random) -> tuple[int, int, District] | None:
    if rng.random() > 0.06:
        return None
    households = poisson(rng, 2) + 1
    return households, households * rng.randint(1, 4), rng.choice(_rural(state))


def _vaccination(
    state: ProvinceState, month: int, rng: random.Random
) -> tuple[str, int, int, District | None] | None:
    campaign = {4: "Xuân hè", 5: "Xuân hè", 10: "Thu đông", 11: "Thu đông"}.get(month)
    if campaign is None:
        return None
    total = len(state.districts)
    done = total if month in (5, 11) else rng.randint(max(1, total - 3), total)
    late = rng.choice(_rural(state)) if done == total - 1 else None
    return campaign, done, total, late


def _violations(state: ProvinceState, month: int, rng: random.Random) -> dict[str, int]:
    dry = 1.5 if month in (1, 2, 3, 4, 12) else 1.0
    return {
        t: poisson(rng, rate * (dry if t == "illegal_deforestation" else 1))
        for t, rate in state.violation_rates.items()
    }


def _fes(state: ProvinceState, month: int, rng: random.Random) -> tuple[int, int, int]:
    """(revenue so far this year, spent of last year's plan, spent of this year's plan)."""
    f = state.fes
    f.collected = max(f.collected, f.expected * year_share(month, 1.2) * rng.uniform(0.9, 1.0))
    f.paid_balance = max(f.paid_balance, f.balance * min(1.0, month / 5) * rng.uniform(0.9, 1.0))
    return round(f.collected), round(f.paid_balance), round(f.expected * 0.6 * year_share(month, 2.5))


def _ocop_round(
    state: ProvinceState, period: date, rng: random.Random
) -> tuple[int, dict[int, int], int] | None:
    """(evaluated, certified by stars, not certified) in a month with a provincial evaluation."""
    if period.year < OCOP_SINCE or period.month not in state.ocop_months:
        return None
    evaluated = max(2, round(rng.randint(4, 25) * min(state.scale, 1.5)))
    certified = max(1, round(evaluated * rng.uniform(0.75, 1.0)))
    four = round(certified * rng.uniform(0, 0.4)) if rng.random() < 0.6 else 0
    five = 1 if certified - four >= 8 and rng.random() < 0.2 else 0
    stars = {3: certified - four - five, 4: four, 5: five}
    for k, v in stars.items():
        state.ocop[k] += v
    return evaluated, {k: v for k, v in stars.items() if v}, evaluated - certified


def _churn(
    cells: dict[tuple[str, str], int], state: ProvinceState, rng: random.Random, births: float, deaths: float
) -> dict[tuple[str, str], int]:
    """New units in weighted cells, a few dissolved ones; the (district, sector) matrix, copied."""
    weights = {d: 1.0 for d, _ in cells}
    for _ in range(poisson(rng, births * state.scale)):
        _add_one(cells, weights, rng)
    for _ in range(poisson(rng, deaths)):
        alive = sorted(k for k, v in cells.items() if v)
        if len(alive) > 3:
            cells[rng.choice(alive)] -= 1
    return dict(cells)


def _owning(state: ProvinceState, rng: random.Random) -> tuple[int, int]:
    """(cooperatives owning OCOP products, products they own) out of the certified total."""
    total = sum(state.ocop.values())
    if total == 0:
        return 0, 0
    owners = max(1, round(sum(state.coops.values()) * rng.uniform(0.15, 0.25)))
    return owners, max(1, round(total * rng.uniform(0.3, 0.45)))


def _training(state: ProvinceState, month: int, rng: random.Random) -> dict[str, tuple[int, int]]:
    """Classes and trainees so far this year, by district."""
    mean = (0.5, 1.5, 3, 4, 5, 5, 5, 5, 5, 4, 3, 2)[month - 1] * state.scale
    for _ in range(poisson(rng, mean)):
        district = rng.choice(state.districts).code
        entry = state.training.setdefault(district, [0, 0])
        entry[0] += 1
        entry[1] += rng.randint(25, 35)
    return {d: (c, t) for d, (c, t) in state.training.items()}


def _capital(state: ProvinceState, period: date, rng: random.Random) -> dict[tuple[str, str], CapitalLine]:
    lines = {}
    for key, line in state.capital.items():
        if key[0] == "ntp_ethnic_minority" and period.year < ETHNIC_PROGRAM_SINCE:
            continue
        line.progress(period.month, rng)
        lines[key] = CapitalLine(**vars(line))
    return lines
