"""The lists nonpro knows and where their publishers put them.

The addresses are the publishers' documented download locations; `NONPRO_LIST_URLS` (JSON, list
code -> URL) overrides any of them, e.g. to read from an internal mirror.
"""

from __future__ import annotations

from collections.abc import Mapping

from nonpro.core.errors import InvalidInput

OFFICIAL_URLS: dict[str, str] = {
    # OFAC Sanctions List Service: the SDN and consolidated lists in the enhanced XML schema.
    "ofac_sdn": "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ENHANCED.ZIP",
    "ofac_cons": "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ENHANCED.ZIP",
    # trade.gov Consolidated Screening List (29 columns).
    "csl": "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
    # BIS Denied Persons List, tab separated.
    "bis_dpl": "https://www.bis.doc.gov/dpl/dpl.txt",
    # UN Security Council consolidated list.
    "un": "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
    # UK sanctions list (FCDO), XML.
    "uk": "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
    # EU Financial Sanctions Files, full list XML 1.1 (the publisher requires a token in the URL:
    # set NONPRO_LIST_URLS='{"eu": "...?token=..."}').
    "eu": "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content",
}

# The file name a download is saved under, so format detection sees what the publisher named it.
DOWNLOAD_NAMES: dict[str, str] = {
    "ofac_sdn": "SDN_ENHANCED.ZIP",
    "ofac_cons": "CONS_ENHANCED.ZIP",
    "csl": "consolidated.csv",
    "bis_dpl": "dpl.txt",
    "un": "consolidated.xml",
    "uk": "UK-Sanctions-List.xml",
    "eu": "xmlFullSanctionsList_1_1.xml",
}


def list_urls(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    urls = dict(OFFICIAL_URLS)
    for source, url in (overrides or {}).items():
        if source not in OFFICIAL_URLS:
            raise InvalidInput(
                "NONPRO_LIST_URLS", f"unknown list {source!r}; known: {', '.join(OFFICIAL_URLS)}"
            )
        urls[source] = url
    return urls


def select_sources(requested: list[str] | None, urls: Mapping[str, str]) -> list[str]:
    if not requested:
        return list(urls)
    unknown = [s for s in requested if s not in urls]
    if unknown:
        raise InvalidInput("source", f"unknown list {', '.join(unknown)}; known: {', '.join(urls)}")
    return requested
