"""Readers for the sanctions and denied-party lists, one module per published format.

``load_path`` is the entry point: give it a file or a folder, get one ParsedList per
publication, the format recognised from the content. The per-format readers share one shape,
``read_x(path, *, source=None) -> ParsedList``, and raise ListParseError on broken input.
"""

from __future__ import annotations

from nonpro.screening.formats.csl import read_csl
from nonpro.screening.formats.detect import detect_reader, load_path
from nonpro.screening.formats.dpl import read_dpl
from nonpro.screening.formats.eu_xml import read_eu_xml
from nonpro.screening.formats.ftm import read_ftm
from nonpro.screening.formats.ftm_export import to_ftm, write_ftm
from nonpro.screening.formats.ofac_csv import read_ofac_csv
from nonpro.screening.formats.ofac_sdn_xml import read_ofac_sdn_xml
from nonpro.screening.formats.ofac_xml import read_ofac_xml
from nonpro.screening.formats.uk import read_uk_xml
from nonpro.screening.formats.un_xml import read_un_xml

__all__ = [
    "detect_reader",
    "load_path",
    "read_csl",
    "read_dpl",
    "read_eu_xml",
    "read_ftm",
    "read_ofac_csv",
    "read_ofac_sdn_xml",
    "read_ofac_xml",
    "read_uk_xml",
    "read_un_xml",
    "to_ftm",
    "write_ftm",
]
