"""Whether a licence's scope (2017 or 2002 catalogue codes) covers a product's category."""

from collections.abc import Iterable

from hub.quality.rules import Rules


def _parts(code: str) -> tuple[str, ...]:
    return tuple(code.strip().split("-"))


def covers(scope_codes: Iterable[str], category_code: str, rules: Rules) -> bool:
    """True when any scope code covers the category; unknown codes cover nothing.

    A 2017 code covers its subcategories (07 covers 07-03); a 2002 code covers the 2017
    top-level categories it maps to; a product filed under a 2002 code is covered by the
    same code or by a 2017 top-level category it maps to.
    """
    product_tops = rules.top_levels(category_code)
    product_is_2002 = category_code.strip() in rules.crosswalk
    for raw in scope_codes:
        code = raw.strip()
        if code in rules.crosswalk:
            if set(rules.crosswalk[code]) & product_tops:
                return True
        elif product_is_2002:
            if code in product_tops:
                return True
        elif _parts(category_code)[: len(_parts(code))] == _parts(code):
            return True
    return False
