"""Date arithmetic the generators share."""

import random
from datetime import date, timedelta


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (28 February for a 29 February start)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def between(rng: random.Random, first: date, last: date) -> date:
    """A day from `first` to `last`, both included."""
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def days(n: int) -> timedelta:
    """A span of `n` days."""
    return timedelta(days=n)
