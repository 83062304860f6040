"""Form fields of the sanctions pages turned into the services' inputs (and back)."""

from __future__ import annotations

from datetime import date
from typing import Any

from nonpro.core.clock import today
from nonpro.sanctions.schemas import Evaluation
from nonpro.sanctions.services import load_statutes

FACT_FIELDS = (
    "name",
    "nationality",
    "kind",
    "activity_date",
    "annex_item",
    "description",
    "country",
    "end_user_country",
    "mtcr_adherent",
    "end_user_mtcr_adherent",
)
# The officer's answer to "was it an MTCR adherent on the date?": blank leaves it to the data.
ANSWERS = {"yes": True, "no": False}
FACT_FLAGS = (
    "us_person",
    "government_entity",
    "knowing",
    "substantial_contribution",
    "material_contribution",
    "authorized_by_adherent",
)


def facts_from_form(form: dict[str, str]) -> dict[str, Any]:
    """The evaluation form as the facts mapping ``parse_facts`` reads; blanks are absent."""

    def text(key: str) -> str | None:
        return form.get(key, "").strip() or None

    def flag(key: str) -> bool:
        return form.get(key) in ("on", "true", "1")

    item: dict[str, Any] = {}
    if text("annex_item"):
        item["annex_item"] = text("annex_item")
    if text("description"):
        item["description"] = text("description")
    return {
        "person": {
            "name": text("name") or "",
            "nationality": text("nationality"),
            "us_person": flag("us_person"),
            "government_entity": flag("government_entity"),
        },
        "activity": {
            "kind": text("kind") or "transfer",
            "knowing": flag("knowing"),
            "date": text("activity_date"),
        },
        "item": item,
        "destination": {
            "country": text("country") or "",
            "end_user_country": text("end_user_country"),
            "mtcr_adherent": ANSWERS.get(form.get("mtcr_adherent", "")),
            "end_user_mtcr_adherent": ANSWERS.get(form.get("end_user_mtcr_adherent", "")),
        },
        "substantial_contribution": flag("substantial_contribution"),
        "material_contribution": True if flag("material_contribution") else None,
        "authorized_by_adherent": flag("authorized_by_adherent"),
    }


# Where a problem with a part of the facts is shown: the input that gives that part.
_INPUT_OF = {
    "person.nationality": "nationality",
    "person": "name",
    "activity.kind": "kind",
    "activity": "activity_date",
    "item.description": "description",
    "item": "annex_item",
    "destination.end_user_country": "end_user_country",
    "destination.end_user_mtcr_adherent": "end_user_mtcr_adherent",
    "destination.mtcr_adherent": "mtcr_adherent",
    "destination": "country",
}


def input_of(field: str) -> str:
    """The evaluation form's input for a problem with ``field`` of the facts ("person.name")."""
    for part, name in _INPUT_OF.items():
        if field == part or field.startswith(f"{part}."):
            return name
    return field


def empty_facts_form() -> dict[str, str]:
    form = dict.fromkeys(FACT_FIELDS, "")
    form.update(kind="transfer", knowing="on")
    return form


def determination_defaults(evaluation: Evaluation, form: dict[str, str]) -> dict[str, Any]:
    """What the 'record the determination' form starts with, from an evaluation."""
    applying = [a for a in evaluation.authorities if a.applies]
    measures = {m.code for a in applying if a.mandatory for m in a.measures}
    minimum = any(m.term and m.term.minimum for a in applying for m in a.measures)
    item = evaluation.item.title or "an item"
    return {
        "entity": evaluation.person,
        "country": form.get("nationality", ""),
        "activity": f"missile technology proliferation activities (transfer of {item} to "
        f"{evaluation.destination.country_name})",
        "authorities": {a.authority for a in applying if a.mandatory},
        "measures": measures,
        "minimum": minimum,
        "government_activities": any("government" in e for a in applying for e in a.extends_to),
        "determination_date": today().isoformat(),
        "aliases": "",
        "fr_publication_date": "",
        "fr_citation": "",
        "term_years": "2",
        "term_months": "0",
        "substantial_contribution": form.get("substantial_contribution") == "on",
        "acknowledge_duplicate": False,
    }


def record_again(form: dict[str, Any]) -> dict[str, Any]:
    """The 'record the determination' form's values as submitted, to show it again."""

    def text(key: str) -> str:
        return str(form.get(key, "")).strip()

    return {
        **{k: text(k) for k in ("entity", "aliases", "country", "activity")},
        **{k: text(k) for k in ("determination_date", "fr_publication_date", "fr_citation")},
        "term_years": text("term_years") or "2",
        "term_months": text("term_months") or "0",
        "authorities": set(form.get("authority_list", [])),
        "measures": set(form.get("measure_list", [])),
        "minimum": form.get("term_minimum") == "on",
        "government_activities": form.get("government_activities") == "on",
        "substantial_contribution": form.get("substantial_contribution") == "on",
        "acknowledge_duplicate": form.get("acknowledge_duplicate") == "on",
    }


# Where a problem with a part of a determination is shown: the input of the record form.
_RECORD_INPUT_OF = {
    "entities.0.name": "entity",
    "entities.0.aliases": "aliases",
    "entities.0.country": "country",
    "entities": "entity",
    "authorities": "authority",
    "measures": "measure",
    "term.minimum": "term_minimum",
    "term.months": "term_months",
    "term": "term_years",
}


def record_input_of(field: str) -> str:
    """The record form's input for a problem with ``field`` of a determination."""
    for part, name in _RECORD_INPUT_OF.items():
        if field == part or field.startswith(f"{part}."):
            return name
    return field


def determination_from_form(form: dict[str, Any]) -> dict[str, Any]:
    """The 'record the determination' form as a ``DeterminationIn`` mapping.

    The paragraphs recorded for each authority are those of the measures chosen, so the register
    names exactly the statute paragraphs the measures come from.
    """
    statutes = load_statutes()
    chosen_authorities: list[str] = form.get("authority_list", [])
    chosen_measures: list[str] = form.get("measure_list", [])
    authorities: list[dict[str, Any]] = []
    for code in chosen_authorities:
        if code not in {a.code for a in statutes.authorities}:
            authorities.append({"authority": code})
            continue
        law = statutes.get(code)
        paragraphs = [m.paragraph for m in law.measures if m.code in chosen_measures]
        authorities.append({"authority": code, "paragraphs": paragraphs})
    aliases = [a.strip() for a in str(form.get("aliases", "")).split(";") if a.strip()]

    def blank(key: str) -> str | None:
        return str(form.get(key, "")).strip() or None

    return {
        "entities": [
            {
                "name": str(form.get("entity", "")).strip(),
                "aliases": aliases,
                "country": blank("country"),
                "government_activities": form.get("government_activities") == "on",
            }
        ],
        "authorities": authorities,
        "measures": chosen_measures,
        "activity": str(form.get("activity", "")).strip(),
        "determination_date": blank("determination_date"),
        "fr_publication_date": blank("fr_publication_date"),
        "fr_citation": blank("fr_citation"),
        "term": {
            "years": blank("term_years") or "2",
            "months": blank("term_months") or "0",
            "minimum": form.get("term_minimum") == "on",
        },
        "substantial_contribution": form.get("substantial_contribution") == "on",
        "acknowledge_duplicate": form.get("acknowledge_duplicate") == "on",
    }


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text.strip() else None
    except ValueError:
        return None
