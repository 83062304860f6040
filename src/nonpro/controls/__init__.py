"""Controls: the MTCR Annex as data, the item classifier, Annex search and version diffs.

Typical use::

    from nonpro.controls import ItemDescription, classify, load_annex

    annex = load_annex()
    item = ItemDescription(text="solid rocket motor, total impulse 1.2e6 N-s")
    result = classify(item, annex=annex)
"""

from nonpro.controls.annex import Annex, AnnexCatalog, diff_versions, load_annex, load_catalog
from nonpro.controls.errors import (
    AnnexDataError,
    InvalidQuantity,
    UnknownAnnexItem,
    UnknownAnnexVersion,
)
from nonpro.controls.schemas import (
    AnnexDiff,
    Classification,
    ControlEntry,
    EntryView,
    ItemDescription,
)
from nonpro.controls.search import SearchHit, search_annex
from nonpro.controls.services import (
    classify,
    diff,
    parameters_from_pairs,
    search,
    show,
    tree,
)

__all__ = [
    "Annex",
    "AnnexCatalog",
    "AnnexDataError",
    "AnnexDiff",
    "Classification",
    "ControlEntry",
    "EntryView",
    "InvalidQuantity",
    "ItemDescription",
    "SearchHit",
    "UnknownAnnexItem",
    "UnknownAnnexVersion",
    "classify",
    "diff",
    "diff_versions",
    "load_annex",
    "load_catalog",
    "parameters_from_pairs",
    "search",
    "search_annex",
    "show",
    "tree",
]
