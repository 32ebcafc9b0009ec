"""Filter inputs are checked against their listings: an unknown filter name is an error."""

import pytest
import strawberry

from hub.db.listing import UnknownFilter, where_clauses
from hub.resolvers.fields import connection_field
from hub.schema.institution import Institution, InstitutionOrder
from hub.store import institutions


@strawberry.input
class FilterWithATypo:
    name_contain: str | None = None


def test_a_filter_field_the_listing_does_not_know_refuses_to_build_its_connection() -> None:
    with pytest.raises(UnknownFilter, match="name_contain"):
        connection_field(
            Institution, institutions.LISTING, FilterWithATypo, InstitutionOrder, "Institutions."
        )


def test_an_unknown_filter_name_is_refused_rather_than_matching_everything() -> None:
    with pytest.raises(UnknownFilter, match="no filter named colour"):
        where_clauses(institutions.LISTING, {"colour": "red"})


def test_known_filter_names_become_conditions() -> None:
    clauses = where_clauses(institutions.LISTING, {"name_contains": "协和", "kinds": None})

    # The name condition, plus the default scope that hides archived and merged rows.
    assert len(clauses) == 2
