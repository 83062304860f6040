"""Pydantic models of the MTCR Annex data and of a classification's input and output.

The data models are strict (``extra="forbid"``) so that a misspelt key in the reviewed YAML is an
error at load time rather than a silently ignored fact.
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    computed_field,
    field_validator,
    model_validator,
)

from nonpro.core.inputs import Code, Description, FiniteNumber, InputSchema

Category = Literal["I", "II"]
Comparison = Literal[">=", ">", "<=", "<", "==", "between"]
NoteKind = Literal["note", "exclusion", "treated_as_category_ii", "end_use"]
Verdict = Literal["confirmed", "corrected", "not_found"]

# Item numbers as the Annex writes them: item, then A-E, then numbers and letters ("2.A.1.c.1");
# a bare item number is allowed for the reserved Items 5, 7 and 8.
NUMBER_PATTERN = r"^(1[0-9]|20|[1-9])(\.[A-E](\.[0-9a-z]+)*)?$"
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "between": "between"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Threshold(_Strict):
    """One controlling comparison: ``parameter comparison value unit``.

    ``between`` uses ``low`` and ``high`` (inclusive, which the Annex text leaves open: such
    thresholds carry ``boundary_unverified``).
    """

    parameter: str
    comparison: Comparison
    # A number, yes/no, or an exact ratio written "a/b" (2.A.1.d: a CEP of 10 km at 300 km is
    # 1/30 of the range, 10/3 %, not the rounded 3.33 % the text prints).
    value: float | bool | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    note: str | None = None
    boundary_unverified: bool = False

    @field_validator("value", mode="before")
    @classmethod
    def _exact_ratio(cls, raw: Any) -> Any:
        if isinstance(raw, str) and "/" in raw:
            numerator, denominator = raw.split("/", 1)
            return float(Fraction(numerator.strip()) / Fraction(denominator.strip()))
        return raw

    @model_validator(mode="after")
    def _operands(self) -> Threshold:
        if self.comparison == "between":
            if self.low is None or self.high is None or self.low > self.high:
                raise ValueError("'between' needs low <= high")
        elif self.value is None:
            raise ValueError(f"comparison {self.comparison!r} needs a value")
        elif isinstance(self.value, bool) and self.comparison != "==":
            raise ValueError("a yes/no threshold can only use '=='")
        return self


def _condition_tag(raw: Any) -> str:
    if isinstance(raw, dict):
        return "group" if ({"all", "any", "mode"} & raw.keys()) else "threshold"
    return "group" if isinstance(raw, ConditionGroup) else "threshold"


class ConditionGroup(_Strict):
    """All (or any) of several conditions; written ``{all: [...]}`` or ``{any: [...]}`` in YAML."""

    mode: Literal["all", "any"]
    items: list[Condition] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, raw: Any) -> Any:
        if isinstance(raw, dict) and "mode" not in raw:
            keys = {"all", "any"} & raw.keys()
            if len(keys) != 1 or len(raw) != 1:
                raise ValueError("a condition group has exactly one key, 'all' or 'any'")
            mode = keys.pop()
            return {"mode": mode, "items": raw[mode]}
        return raw


Condition = Annotated[
    Annotated[Threshold, Tag("threshold")] | Annotated[ConditionGroup, Tag("group")],
    Discriminator(_condition_tag),
]
ConditionGroup.model_rebuild()


class EntryNote(_Strict):
    """A note of the Annex; a ``condition`` lets the classifier test it on the parameters."""

    kind: NoteKind
    text: str
    condition: Condition | None = None


class Crosscheck(_Strict):
    """Verdict of the cross-check of this entry against implementing legislation."""

    verdict: Verdict
    sources: list[str] = []
    note: str = ""


class ControlEntry(_Strict):
    """One entry of the Annex, e.g. 2.A.1.c.1."""

    number: str = Field(pattern=NUMBER_PATTERN)
    category: Category | None
    title: str = Field(min_length=3)
    text: str
    reserved: bool = False
    scope: str | None = None
    test: Condition | None = None
    notes: list[EntryNote] = []
    references: list[str] = []
    not_in: list[str] = []
    terms: list[str] = []
    implementing_entries: str | None = None
    sources: list[str] = []
    confidence: Literal["VX+VS", "VS+M", "M"]
    crosscheck: Crosscheck | None = None

    @model_validator(mode="after")
    def _category_matches_item(self) -> ControlEntry:
        if self.reserved:
            if self.category is not None:
                raise ValueError("a reserved item has no category")
            return self
        # Category I is Items 1 and 2, every other item is Category II (Guidelines para 2).
        expected = "I" if self.item in (1, 2) else "II"
        if self.category != expected:
            raise ValueError(f"item {self.item} is Category {expected}, not {self.category}")
        return self

    @property
    def item(self) -> int:
        return int(self.number.split(".")[0])

    @property
    def group(self) -> str | None:
        """A equipment, B test and production equipment, C materials, D software, E technology."""
        parts = self.number.split(".")
        return parts[1] if len(parts) > 1 else None

    @property
    def verified(self) -> bool:
        """True only when the controlling wording was seen in an official or legal excerpt."""
        return self.confidence.startswith("VX")

    def is_under(self, prefix: str) -> bool:
        """True for the entry itself and every entry below it ("2.A.1.c" holds 2.A.1.c.1)."""
        return self.number == prefix or self.number.startswith(prefix + ".")


class SourceRef(_Strict):
    kind: str
    url: str
    title: str


class AnnexInfo(_Strict):
    """Which Annex a data file holds: its date, the document, and how it was compiled."""

    version: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.-]*$")
    title: str
    dated: date
    document: str | None = None
    compiled: date | None = None
    compiled_from: list[str] = []
    status: str
    based_on: str | None = None
    reconstructed: bool = False


class AnnexFile(_Strict):
    """A data file: a complete version, or (with ``based_on``) the changes to another version."""

    annex: AnnexInfo
    items: dict[int, str] = {}
    confidence_marks: dict[str, str] = {}
    sources: dict[str, SourceRef] = {}
    entries: list[ControlEntry] = []
    removed: list[str] = []


class ParameterSpec(_Strict):
    """A controlling parameter: its unit and the words that name it in a description."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    kind: Literal["quantity", "flag"] = "quantity"
    unit: str | None = None
    keywords: list[str] = []
    default_units: list[str] = []
    flag_terms: list[str] = []
    aliases: list[str] = []
    pair: str | None = None
    pair_role: Literal["low", "high"] | None = None
    # A yes/no property nobody states is "no" rather than a question: "reaches orbit" is said of a
    # space launch vehicle; no one writes "does not reach orbit" of a ballistic missile.
    unstated_is_no: bool = False
    # Read only so that its numbers land nowhere else (an orbit's altitude is not range); no
    # Annex threshold tests it.
    not_tested: bool = False

    @model_validator(mode="after")
    def _unit_for_quantities(self) -> ParameterSpec:
        if self.kind == "quantity" and not self.unit:
            raise ValueError(f"quantity parameter {self.name} needs a unit")
        if self.kind == "flag" and not self.flag_terms and not self.aliases:
            raise ValueError(f"flag parameter {self.name} needs flag_terms")
        return self


class ParameterFile(_Strict):
    parameters: list[ParameterSpec]


class EntryView(BaseModel):
    """An entry as ``nonpro annex show`` and the web Annex browser present it."""

    annex_version: str
    item: str
    category: Category | None
    title: str
    text: str
    scope: str | None
    test: str
    thresholds: list[Threshold]
    notes: list[EntryNote]
    references: list[str]
    verified: bool
    confidence: str
    confidence_meaning: str
    crosscheck: Crosscheck | None
    implementing_entries: str | None
    sources: dict[str, SourceRef]


class GroupNode(BaseModel):
    """One of an item's groups: A equipment, B test and production equipment, C materials,
    D software, E technology."""

    group: str
    label: str
    entries: list[EntryRef]


class ItemNode(BaseModel):
    """One Annex item with its groups, for the Annex browser's tree."""

    item: int
    title: str
    category: Category | None
    groups: list[GroupNode]


class EntryRef(BaseModel):
    item: str
    title: str


class FieldChange(BaseModel):
    field: str
    old: Any
    new: Any


class EntryChange(BaseModel):
    item: str
    title: str
    changes: list[FieldChange]


class AnnexDiff(BaseModel):
    """What changed between two Annex versions."""

    old: str
    new: str
    added: list[EntryRef]
    removed: list[EntryRef]
    changed: list[EntryChange]


# --- classification input and output --------------------------------------------------------

ParameterInput = FiniteNumber | int | bool | Code


# A missile and its subsystems: more parts, or parts of parts, than a real application lists.
MAX_COMPONENTS = 50
MAX_COMPONENT_DEPTH = 5
MAX_PARAMETERS = 100


class ItemDescription(InputSchema):
    """An item as a license application describes it.

    ``parameters`` maps a parameter name (or alias) to a number in the parameter's unit, a
    quantity with its unit ("1.2e6 N*s", "250 lbf"), or a yes/no value. ``components`` are items
    the described item incorporates; ``separable`` says whether they can be separated, removed or
    duplicated (the Category I inclusion rule turns on it).
    """

    model_config = ConfigDict(extra="forbid")

    text: Description = ""
    parameters: dict[Code, ParameterInput] = Field(default={}, max_length=MAX_PARAMETERS)
    components: list[ItemDescription] = Field(default=[], max_length=MAX_COMPONENTS)
    separable: bool | None = None

    @model_validator(mode="after")
    def _something_to_classify(self) -> ItemDescription:
        if not self.text.strip() and not self.parameters and not self.components:
            raise ValueError("describe the item: text, parameters or components")
        return self


class ParameterValue(BaseModel):
    """A parameter value the classifier used, and where it came from."""

    name: str
    label: str
    value: float | bool
    unit: str | None
    origin: Literal["text", "given", "derived"]
    evidence: str = ""


class Match(BaseModel):
    item: str
    category: Category
    title: str
    reasons: list[str]
    source: str
    basis: Literal["parameters", "description", "incorporation"]
    verified: bool
    confidence: str
    notes: list[str] = []
    # The national control entries that implement it (EU 2021/821, the CCL, the USML), as the
    # compiled data recalls them: a crosswalk to check, not a classification under those lists.
    crosswalk: str | None = None


CROSSWALK_CAVEAT = (
    "national entries as compiled from recollection; check against EU 2021/821 Annex I, "
    "15 CFR 774 or 22 CFR 121 before citing"
)


class NearMiss(BaseModel):
    item: str
    category: Category
    title: str
    reasons: list[str]
    source: str


class Missing(BaseModel):
    parameter: str | None
    label: str
    items: list[str]
    message: str


# The complete systems of the Annex: their category turns on what they can carry how far.
COMPLETE_SYSTEMS = frozenset({"1.A.1", "1.A.2", "19.A.1", "19.A.2"})


class Classification(BaseModel):
    annex_version: str
    category: Category | None
    parameters: dict[str, ParameterValue]
    matches: list[Match]
    near_misses: list[NearMiss]
    missing: list[Missing]
    notes: list[str] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def outcome(self) -> Literal["controlled", "information needed", "not controlled"]:
        """Three outcomes, never two: where a parameter or a "designed for" question is open and
        nothing matched, the answer is "information needed", never "not controlled"."""
        if self.category is not None:
            return "controlled"
        return "information needed" if self.missing else "not controlled"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def complete_system(self) -> bool:
        """A complete rocket or UAV system is in play (matched, near or asked about): its
        range/payload trade-off decides, so the range estimator is offered with the answer."""
        named = {m.item for m in self.matches} | {n.item for n in self.near_misses}
        named |= {item for m in self.missing for item in m.items}
        return bool(named & COMPLETE_SYSTEMS)

    @property
    def verdict(self) -> str:
        """The heading a person reads."""
        if self.category is not None:
            return f"Category {self.category}"
        if self.missing:
            return "Information needed: not decided by the description"
        return "Not controlled by the Annex as described"


def number_key(number: str) -> tuple[tuple[int, str], ...]:
    """Sort key that puts 3.A.10 after 3.A.9 and 10.A.1 after 9.E.1."""
    return tuple((int(p), "") if p.isdigit() else (0, p) for p in re.split(r"\.", number))


BoundaryPoint = Literal["at", "just inside", "just outside", "meets", "fails"]


class BoundaryCase(BaseModel):
    """One item to classify, and what the Annex says of it."""

    entry: str
    category: str
    parameter: str
    threshold: str  # as the Annex writes it, e.g. "> 68 kN"
    point: BoundaryPoint
    unit_form: Literal["annex unit", "other unit", "yes/no", "example"]
    description: str
    parameters: dict[str, str | float | bool]
    controlled: bool  # the entry applies to the item
