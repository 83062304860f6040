"""The Federal Register public notice of a determination, drafted from the register.

The draft follows State's published notices (law_process 1.6): summary, effective date (the
determination date), contact, and supplementary information naming the authorities, the
paragraphs, the measures with their terms, the sub-units and successors clause and, where the
law reaches them, the government's activities. One structure renders to Markdown and DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from nonpro.sanctions.schemas import DeterminationOut, TermIn
from nonpro.sanctions.statutes import Statutes, load_statutes

BlockKind = Literal["heading", "field", "paragraph", "item", "rule", "note"]
# Office names change (law_process §7.9): the contact is an input, never a constant.
CONTACT_PLACEHOLDER = "[Name, office, telephone number]"
SIGNATURE_PLACEHOLDER = "[Name], [Title], Department of State."
GOVERNMENT_TEXT = (
    "all activities of that government relating to the development or production of any missile "
    "equipment or technology, and all activities affecting the development or production of "
    "electronics, space systems or equipment, and military aircraft"
)
_STATUTE_NAMES = {
    "AECA 72": "section 72(a) of the Arms Export Control Act (22 U.S.C. 2797a(a))",
    "AECA 73": "section 73(a)(1) of the Arms Export Control Act (22 U.S.C. 2797b(a)(1))",
    "EAA 11B(a)": "section 11B(a) of the Export Administration Act of 1979 (50 U.S.C. 4612(a))",
    "EAA 11B(b)": "section 11B(b)(1) of the Export Administration Act of 1979 "
    "(50 U.S.C. 4612(b)(1)), as carried out under Executive Order 13222",
    "INKSNA": "section 3 of the Iran, North Korea, and Syria Nonproliferation Act "
    "(50 U.S.C. 1701 note)",
    "EO 12938": "section 4 of Executive Order 12938 of November 14, 1994, as amended",
    "EO 13382": "Executive Order 13382 of June 28, 2005",
}
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    label: str = ""


@dataclass
class NoticeDraft:
    title: str
    blocks: list[Block] = field(default_factory=list)


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def term_words(term: TermIn) -> str:
    def count(n: int, unit: str) -> str:
        return f"{_WORDS.get(n, str(n))} {unit}{'s' if n != 1 else ''}"

    parts = [count(term.years, "year")] if term.years else []
    if term.months:
        parts.append(count(term.months, "month"))
    if not parts:
        return "until the measures are lifted"
    length = " and ".join(parts)
    return f"for a period of {'not less than ' if term.minimum else ''}{length}"


def _entity_line(determination: DeterminationOut, index: int) -> str:
    entity = determination.entities[index]
    aliases = f" (also known as {'; '.join(entity.aliases)})" if entity.aliases else ""
    country = f" ({entity.country})" if entity.country else ""
    clause = " and its sub-units and successors" if entity.sub_units_and_successors else ""
    return f"{entity.name}{aliases}{country}{clause}"


def _measure_lines(determination: DeterminationOut, statutes: Statutes) -> list[str]:
    lines = []
    cited = [statutes.get(a.authority) for a in determination.authorities]
    for code in determination.measures:
        specs = [a.measure(code) for a in cited if any(m.code == code for m in a.measures)]
        scope = specs[0].scope[0].upper() + specs[0].scope[1:]
        paragraphs = ", ".join(f"{s.citation}" for s in specs)
        lines.append(f"{scope} ({paragraphs});")
    if lines:
        lines[-1] = lines[-1].rstrip(";") + "."
    return lines


def build_notice(
    determination: DeterminationOut,
    *,
    contact: str | None = None,
    statutes: Statutes | None = None,
) -> NoticeDraft:
    law = statutes or load_statutes()
    names = "; ".join(e.name for e in determination.entities)
    authorities = [a.authority for a in determination.authorities]
    missile = any(a.startswith(("AECA", "EAA")) for a in authorities)
    kind = "Missile Proliferation Sanctions" if missile else "Nonproliferation Measures"
    draft = NoticeDraft(title=f"Imposition of {kind} on {names}")
    add = draft.blocks.append
    add(Block("heading", "DEPARTMENT OF STATE"))
    add(Block("heading", "[Public Notice: number to be assigned]"))
    add(Block("heading", draft.title))
    add(Block("field", "Department of State.", "AGENCY"))
    add(Block("field", "Notice.", "ACTION"))
    statutes_text = "; ".join(_STATUTE_NAMES[a] for a in authorities)
    plural = len(determination.entities) > 1
    add(
        Block(
            "field",
            f"A determination has been made that the following foreign "
            f"{'persons have' if plural else 'person has'} engaged in "
            f"{determination.activity}, which requires the imposition of measures pursuant to "
            f"{statutes_text}.",
            "SUMMARY",
        )
    )
    add(Block("field", f"Effective Date: {long_date(determination.effective_date)}.", "DATES"))
    add(Block("field", contact or CONTACT_PLACEHOLDER, "FOR FURTHER INFORMATION CONTACT"))
    add(
        Block(
            "field",
            f"Pursuant to {statutes_text}, and Executive Order 12851 of June 11, 1993, the "
            f"United States Government determined on {long_date(determination.determination_date)} "
            f"that the following foreign {'persons have' if plural else 'person has'} engaged "
            f"in {determination.activity}:",
            "SUPPLEMENTARY INFORMATION",
        )
    )
    for index in range(len(determination.entities)):
        add(Block("item", _entity_line(determination, index) + "."))
    term = term_words(determination.term)
    add(
        Block(
            "paragraph",
            f"Accordingly, the following sanctions are imposed on "
            f"{'these entities' if plural else 'this entity'} {term}:",
        )
    )
    for line in _measure_lines(determination, law):
        add(Block("item", line))
    governments = [e for e in determination.entities if e.government_activities]
    for entity in governments:
        add(
            Block(
                "paragraph",
                f"Because {entity.country or 'the country concerned'} has a non-market economy "
                "and is not a former member of the Warsaw Pact (see the definition of "
                "'person' in section 74(a)(8)(B) of the Arms Export Control Act), the same "
                f"sanctions are also imposed on {GOVERNMENT_TEXT}.",
            )
        )
    add(
        Block(
            "paragraph",
            "These measures shall be implemented by the responsible departments and agencies "
            "of the United States Government as provided in Executive Order 12851.",
        )
    )
    add(Block("paragraph", SIGNATURE_PLACEHOLDER))
    add(Block("rule", ""))
    add(Block("heading", "Drafting notes (not for publication)"))
    paragraphs = "; ".join(
        f"{a.authority} {', '.join(a.paragraphs)}".strip() for a in determination.authorities
    )
    add(Block("note", f"Authorities and paragraphs recorded: {paragraphs}."))
    if determination.expires_on:
        add(Block("note", f"Computed expiry: {long_date(determination.expires_on)}."))
    if determination.fr_citation:
        published = determination.fr_publication_date
        add(
            Block(
                "note",
                f"Published as {determination.fr_citation}"
                + (f" on {long_date(published)}" if published else "")
                + ".",
            )
        )
    for flag in determination.unverified:
        add(Block("note", f"UNVERIFIED: {flag}"))
    return draft


def to_markdown(draft: NoticeDraft) -> str:
    out: list[str] = []
    for block in draft.blocks:
        if block.kind == "heading":
            out.append(f"## {block.text}\n")
        elif block.kind == "field":
            out.append(f"**{block.label}:** {block.text}\n")
        elif block.kind in ("item", "note"):
            out.append(f"- {block.text}")
        elif block.kind == "rule":
            out.append("\n---\n")
        else:
            out.append(f"\n{block.text}\n")
    return "\n".join(out).replace("\n\n\n", "\n\n").rstrip() + "\n"
