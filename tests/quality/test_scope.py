"""Whether a licence scope in 2017 or 2002 codes covers a product's category."""

import pytest

from hub.quality.rules import load_rules
from hub.quality.scope import covers


@pytest.mark.parametrize(
    ("scope", "category", "covered"),
    [
        (["07"], "07-03", True),
        (["07-03"], "07-03-01", True),
        (["07-03"], "07-04", False),
        (["6840"], "22-01", True),  # a 2002 code on an old licence covers its 2017 successor
        (["6846"], "13-02", True),
        (["6846"], "07-03", False),
        (["22"], "6840", True),  # a product still filed under a 2002 code
        (["6840"], "6840", True),
        (["9999", "XX"], "07-03", False),  # unknown codes cover nothing and do not fail
        ([], "07-03", False),
    ],
)
def test_scope_coverage(scope: list[str], category: str, covered: bool) -> None:
    assert covers(scope, category, load_rules()) is covered
