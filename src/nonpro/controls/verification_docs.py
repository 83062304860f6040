"""The Annex verification page: each entry with how sure the data is and what it rests on.

``python -m nonpro.controls.verification_docs > docs/reference/annex-verification.md`` (``make
docs``) writes it from the Annex data; a test fails when the committed page differs.
"""

from __future__ import annotations

from collections import Counter

from nonpro.controls.annex import Annex, load_annex

VERDICTS = {
    "confirmed": "confirmed",
    "corrected": "corrected (the data follows the check)",
    "not_found": "not found in the sources checked",
}


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def render(annex: Annex) -> str:
    marks: Counter[str] = Counter(e.confidence for e in annex if not e.reserved)
    lines = [
        f"# MTCR Annex {annex.version}: how each entry was verified",
        "",
        "Generated from `src/nonpro/controls/data/mtcr_annex.yaml` "
        "(`python -m nonpro.controls.verification_docs`); do not edit by hand.",
        "",
        f"{annex.info.status}",
        "",
        "Confidence marks:",
        "",
        *[
            f"- `{mark}` ({marks[mark]} entries): {_cell(words)}"
            for mark, words in annex.confidence_marks.items()
        ],
        "",
        "Each entry's sources are keys of the source list below; the cross-check is the entry "
        "compared with implementing legislation (EU, UK, U.S. texts), with the sources it used. "
        "The implementing entries are as compiled, not verified: check them before citing.",
        "",
        "| entry | category | confidence | sources | cross-check | implementing entries |",
        "|---|---|---|---|---|---|",
    ]
    for entry in annex:
        if entry.reserved:
            continue
        check = "not cross-checked"
        if entry.crosscheck is not None:
            check = VERDICTS[entry.crosscheck.verdict]
            if entry.crosscheck.sources:
                check += " (" + ", ".join(entry.crosscheck.sources) + ")"
        lines.append(
            f"| {entry.number} | {entry.category} | `{entry.confidence}` | "
            f"{', '.join(entry.sources) or 'none'} | {check} | "
            f"{_cell(entry.implementing_entries or '')} |"
        )
    lines += ["", "## Sources", "", "| key | kind | title | address |", "|---|---|---|---|"]
    for key, source in annex.sources.items():
        lines.append(f"| {key} | {source.kind} | {_cell(source.title)} | {_cell(source.url)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(load_annex()), end="")
