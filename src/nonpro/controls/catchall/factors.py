"""The MTCR Guidelines para 3 factors each catch-all rule bears on."""

from __future__ import annotations

from nonpro.controls.catchall.schemas import Finding

# MTCR Guidelines para 3: the factors a transfer application is judged by (law_process.md 6.5;
# wording unverified, mirrored by the verified EAR 744.3(d) factors).
GUIDELINE_FACTORS = {
    "A": "3(A) concerns about WMD proliferation",
    "B": "3(B) capabilities and objectives of the recipient's missile and space programmes",
    "C": "3(C) significance of the transfer for WMD delivery systems",
    "D": "3(D) assessment of the end use",
    "E": "3(E) applicability of relevant multilateral agreements",
    "F": "3(F) risk of the items reaching terrorists",
}
FACTORS_BY_RULE = {
    "CA-PROGRAM": "BD",
    "CA-PROGRAM-COUNTRY": "BD",
    "CA-END-USE": "DC",
    "CA-RELUCTANT": "D",
    "CA-ROUTING": "D",
    "CA-PAYMENT": "D",
    "CA-KNOWLEDGE": "AD",
    "CA-DEST-MTCR": "E",
    "CA-DEST-HCOC": "E",
    "CA-DEST-UN": "EA",
    "CA-DEST-TERRORISM": "F",
    "CA-DEST-CONCERN": "AB",
}


def with_factors(finding: Finding) -> Finding:
    """The finding, tagged with the Guidelines factors its rule bears on."""
    letters = FACTORS_BY_RULE.get(finding.rule, "")
    return finding.model_copy(update={"guideline_factors": [GUIDELINE_FACTORS[c] for c in letters]})
