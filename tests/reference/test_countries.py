"""Country resolution, including the dissolved states treaty records need."""

from __future__ import annotations

import pytest

from nonpro.reference.errors import UnknownCountry
from nonpro.reference.services import resolve_country, try_resolve_country


@pytest.mark.parametrize(
    "text", ["Iran", "IR", "IRN", "Islamic Republic of Iran", "Persia", "iran", " Iran "]
)
def test_forms_of_iran(text: str) -> None:
    assert resolve_country(text).alpha_3 == "IRN"


@pytest.mark.parametrize(
    ("text", "alpha_3"),
    [
        ("USSR", "SUN"),
        ("Soviet Union", "SUN"),
        ("Yugoslavia", "YUG"),
        ("Czechoslovakia", "CSK"),
        ("German Democratic Republic", "DDR"),
        ("East Germany", "DDR"),
        ("Serbia and Montenegro", "SCG"),
    ],
)
def test_historic_states(text: str, alpha_3: str) -> None:
    country = resolve_country(text)
    assert country.alpha_3 == alpha_3
    assert country.historic


@pytest.mark.parametrize(
    ("text", "alpha_3"),
    [
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Korea, Democratic People's Republic of", "PRK"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Burma", "MMR"),
        ("Türkiye", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Kosovo", "XKX"),
        ("United States of America", "USA"),
        ("U.S.A.", "USA"),
        ("United Kingdom", "GBR"),
    ],
)
def test_common_names(text: str, alpha_3: str) -> None:
    country = resolve_country(text)
    assert country.alpha_3 == alpha_3
    assert not country.historic


def test_unknown_state_is_named() -> None:
    with pytest.raises(UnknownCountry, match="Atlantis"):
        resolve_country("Atlantis")
    assert try_resolve_country("Atlantis") is None
    assert try_resolve_country("") is None
