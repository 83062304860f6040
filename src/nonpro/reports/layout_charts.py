"""The annual report's two reader's charts, each with its alt text and the same numbers as a
table: flight tests by month and class (stacked, with legend and source), and the map of
programmes (countries by programme kind, each cell saying what the data shows)."""

from __future__ import annotations

from nonpro.reference.services import world_shapes
from nonpro.reports.charts import map_chart, matrix_chart, stacked_bar_chart
from nonpro.reports.document import Figure, Table
from nonpro.reports.figures import CLASS_ORDER
from nonpro.reports.layout_common import CNS, MONTHS
from nonpro.reports.schemas import CountryYear, FlightTestRow

BALLISTIC = {"SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "hypersonic glide", "SLV", "unknown"}
PROGRAMME_KINDS = ["Ballistic", "Cruise", "UAV", "Flight tests"]
# What a cell of the map of programmes can say, in the legend's words.
CELL_STATES = {
    "tested": "tested in the year",
    "known": "systems known",
    "none": "none recorded",
    "no_data": "no data",
}


def tests_by_month_and_class(name: str, year: int, tests: list[FlightTestRow]) -> Figure:
    classes = [c for c in CLASS_ORDER if any(t.missile_class == c for t in tests)]
    series = {
        c: [
            sum(1 for t in tests if t.missile_class == c and t.day.month == month)
            for month in range(1, 13)
        ]
        for c in classes
    }
    caption = f"{name}: flight tests by month and missile class, {year}"
    described = "; ".join(
        f"{MONTHS[m]}: " + ", ".join(f"{series[c][m]} {c}" for c in classes if series[c][m])
        for m in range(12)
        if any(series[c][m] for c in classes)
    )
    png = stacked_bar_chart(
        MONTHS, series, title=caption, xlabel="Month", ylabel="Flight tests", source=CNS
    )
    return Figure(
        caption=caption,
        alt=f"Stacked bar chart of {name}'s flight tests per month in {year} by missile class: "
        f"{described or 'none'}.",
        png=png,
        table=Table(
            caption=f"{caption} (data)",
            headers=["Class", *MONTHS, "Total"],
            rows=[[c, *(str(v) for v in series[c]), str(sum(series[c]))] for c in classes],
            source=CNS,
        ),
    )


def _cells(country: CountryYear) -> list[str]:
    if country.programmes is None:
        kinds = ["no_data", "no_data"]
    else:
        kinds = []
        # Only ballistic systems have a loaded source whose silence is an answer (see
        # layout_country._programme): no cruise system found is no data.
        for wanted, silent in ((BALLISTIC, "none"), ({"cruise"}, "no_data")):
            systems = [s for s in country.programmes if s.missile_class in wanted]
            tested = any(s.tests for s in systems)
            kinds.append("tested" if tested else "known" if systems else silent)
    tests = (
        "no_data" if country.flight_tests is None else "tested" if country.flight_tests else "none"
    )
    # No loaded data source records UAV programmes: never "none".
    return [*kinds, "no_data", tests]


def _overall(cells: list[str]) -> str:
    """A country's state on the map: the most the data shows for any of its programmes."""
    for state in ("tested", "known", "none"):
        if state in cells:
            return state
    return "no_data"


def programme_map(countries: list[CountryYear], year: int) -> Figure:
    """The countries of concern on a world map, each coloured and labelled by what the data
    shows of its programmes; the grid of countries by programme kind is its table."""
    cells = [_cells(c) for c in countries]
    highlighted = {
        c.country: (c.name, _overall(row)) for c, row in zip(countries, cells, strict=True)
    }
    caption = f"Map of programmes of the countries of concern, {year}"
    source = f"{CNS}; nonpro missile systems catalogue; Natural Earth shapes (world-atlas)"
    png = map_chart(
        [(s.state, s.path) for s in world_shapes()],
        highlighted,
        states=CELL_STATES,
        title=caption,
        source=source,
    )
    described = "; ".join(f"{name}: {CELL_STATES[state]}" for name, state in highlighted.values())
    return Figure(
        caption=caption,
        alt=f"Map of the countries of concern, each coloured and labelled by the most the data "
        f"shows of its missile programmes: {described}.",
        png=png,
        table=Table(
            caption=f"{caption} (data)",
            headers=["Country", "On the map", "Programmes by kind"],
            rows=[
                [
                    name,
                    CELL_STATES[state],
                    "; ".join(
                        f"{kind}: {CELL_STATES[cell]}"
                        for kind, cell in zip(PROGRAMME_KINDS, row, strict=True)
                    ),
                ]
                for (name, state), row in zip(highlighted.values(), cells, strict=True)
            ],
            source=source,
        ),
    )


def programme_grid(countries: list[CountryYear], year: int) -> Figure:
    names = [c.name for c in countries]
    cells = [_cells(c) for c in countries]
    caption = f"Programmes of the countries of concern by kind, {year}"
    source = f"{CNS}; nonpro missile systems catalogue"
    png = matrix_chart(
        names, PROGRAMME_KINDS, cells, states=CELL_STATES, title=caption, source=source
    )
    described = "; ".join(
        f"{name}: "
        + ", ".join(f"{k} {CELL_STATES[v]}" for k, v in zip(PROGRAMME_KINDS, row, strict=True))
        for name, row in zip(names, cells, strict=True)
    )
    return Figure(
        caption=caption,
        alt=f"Grid of countries by programme kind, each cell saying what the data shows: "
        f"{described}.",
        png=png,
        table=Table(
            caption=f"{caption} (data)",
            headers=["Country", *PROGRAMME_KINDS],
            rows=[
                [name, *(CELL_STATES[v] for v in row)]
                for name, row in zip(names, cells, strict=True)
            ],
            source=source,
        ),
    )
