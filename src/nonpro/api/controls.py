"""MTCR controls over HTTP: the Annex, classification, range/payload, catch-all and destinations.

Reading the Annex needs READ (a viewer may browse it); classifying, estimating and assessing a
case need CLASSIFY. The Annex is reference data loaded from the package, not from the database.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from nonpro.controls import services as controls
from nonpro.controls.catchall.schemas import CaseFacts, CatchAllAssessment, DestinationPolicy
from nonpro.controls.catchall.services import destination_policy, evaluate_catch_all
from nonpro.controls.range.schemas import MissileSpec, RangeEstimate
from nonpro.controls.range.services import estimate_range, parse_spec, tradeoff_png
from nonpro.controls.schemas import (
    AnnexDiff,
    AnnexInfo,
    Classification,
    EntryView,
    ItemDescription,
    ItemNode,
)
from nonpro.controls.services import SearchHit, load_annex, load_catalog
from nonpro.core.inputs import Day
from nonpro.http.signin import Classifier, Reader
from nonpro.http.unit_of_work import SessionRoute

router = APIRouter(route_class=SessionRoute, tags=["controls"])
Version = Annotated[
    str | None, Query(description="Annex version; the newest when left out (GET /api/annex)")
]
AsOf = Annotated[Day | None, Query(description="YYYY-MM-DD; today when left out")]


@router.get("/annex", response_model=list[AnnexInfo])
def annex_versions(_: Reader) -> list[AnnexInfo]:
    """The Annex versions nonpro ships, newest first, with their dates and provenance."""
    catalog = load_catalog()
    return [catalog.get(v).info for v in catalog.versions()]


@router.get("/annex/tree", response_model=list[ItemNode])
def annex_tree(_: Reader, version: Version = None) -> list[ItemNode]:
    """Items 1 to 20 with their A–E groups and entries."""
    return controls.tree(annex=load_annex(version))


@router.get("/annex/search", response_model=list[SearchHit])
def annex_search(
    _: Reader,
    q: Annotated[str, Query(min_length=1, description='"ring laser gyro", "2.A.1"')],
    version: Version = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[SearchHit]:
    """Annex entries ranked by relevance (BM25) to the words."""
    return controls.search(q, annex=load_annex(version), limit=limit)


@router.get("/annex/diff", response_model=AnnexDiff)
def annex_diff(
    _: Reader,
    old: Annotated[str, Query(alias="from", description="the older version")],
    new: Annotated[str, Query(alias="to", description="the newer version")],
) -> AnnexDiff:
    """Entries added, removed and changed (field by field) between two Annex versions."""
    return controls.diff(old, new)


@router.get("/annex/{number}", response_model=list[EntryView])
def annex_entry(number: str, _: Reader, version: Version = None) -> list[EntryView]:
    """An entry and the entries under it: thresholds, notes, cross-references, sources and
    whether the wording was verified against an official text."""
    return controls.show(number, annex=load_annex(version))


@router.post("/classify", response_model=Classification)
def classify(item: ItemDescription, _: Classifier, version: Version = None) -> Classification:
    """Classify an item against the Annex: matches with the comparisons that decided them,
    near misses, and what is missing to decide."""
    return controls.classify(item, annex=load_annex(version))


def _checked(spec: MissileSpec) -> MissileSpec:
    # The body is typed for the OpenAPI schema; parse_spec adds the cross-field checks
    # (propellant below gross mass, one of burn time and thrust) and names the field.
    return parse_spec(spec.model_dump(by_alias=True, exclude_none=True))


@router.post("/range/estimate", response_model=RangeEstimate)
def range_estimate(spec: MissileSpec, _: Classifier) -> RangeEstimate:
    """Maximum range with the declared payload, the payload–range trade-off and the MTCR
    finding (Category I: 500 kg to 300 km; Category II: 300 km with any payload)."""
    return estimate_range(_checked(spec))


@router.post(
    "/range/plot",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "the trade-off plot"}},
)
def range_plot(spec: MissileSpec, _: Classifier) -> Response:
    """The payload–range trade-off as a PNG, with the Category I region shaded."""
    return Response(tradeoff_png(estimate_range(_checked(spec))), media_type="image/png")


@router.get("/destinations/{country}", response_model=DestinationPolicy)
def destination(country: str, _: Reader, as_of: AsOf = None) -> DestinationPolicy:
    """MTCR partner, HCOC subscriber, UN measures, state sponsor of terrorism (AECA §73(f))
    and the concern list for a destination as of a date, each finding with its source."""
    return destination_policy(country, as_of=as_of)


@router.post("/catch-all", response_model=CatchAllAssessment)
def catch_all(facts: CaseFacts, _: Classifier, as_of: AsOf = None) -> CatchAllAssessment:
    """The catch-all red flags of an export case, each naming its rule and evidence."""
    return evaluate_catch_all(facts, as_of=as_of)
