"""Casbin policy lines, stored in the hub's own database (the adapter's table layout)."""

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base


class PolicyRule(Base):
    """One Casbin line: `p, sub, obj, act, eft` or `g, user, role`."""

    __tablename__ = "casbin_rule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ptype: Mapped[str] = mapped_column(String(255), index=True)
    v0: Mapped[str | None] = mapped_column(String(255))
    v1: Mapped[str | None] = mapped_column(String(255))
    v2: Mapped[str | None] = mapped_column(String(255))
    v3: Mapped[str | None] = mapped_column(String(255))
    v4: Mapped[str | None] = mapped_column(String(255))
    v5: Mapped[str | None] = mapped_column(String(255))

    def __str__(self) -> str:
        # The Casbin adapter loads each line from this text form.
        values = (self.v0, self.v1, self.v2, self.v3, self.v4, self.v5)
        return ", ".join([self.ptype, *(value for value in values if value is not None)])
