"""The business day: certificates expire by the calendar in China, not in UTC."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

_CHINA = ZoneInfo("Asia/Shanghai")


def today() -> date:
    """Today's date in China."""
    return datetime.now(_CHINA).date()
