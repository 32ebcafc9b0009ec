"""Walking a channel: from a distributor up its authorisation letters to the manufacturer.

Each link is the best letter a party holds for the model and region (a valid one when there
is one); the chain is complete when every link is valid and the top grantor is the model's
manufacturer. The first link that is not valid is the broken one, and names why.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.authorisation import Authorisation
from hub.db.enums import InstitutionKind, ReviewStatus
from hub.db.institution import Institution
from hub.store import authorisations

MAX_TIERS = 6
"""Longer chains are not followed (real channels have two or three tiers)."""


class LinkStatus(StrEnum):
    """Why a link holds or breaks; listed from best to worst candidate."""

    VALID = "VALID"
    EXPIRED = "EXPIRED"
    NOT_YET_VALID = "NOT_YET_VALID"
    PENDING_REVIEW = "PENDING_REVIEW"
    REJECTED = "REJECTED"
    OTHER_PROJECT = "OTHER_PROJECT"
    REGION_NOT_COVERED = "REGION_NOT_COVERED"
    MODEL_NOT_COVERED = "MODEL_NOT_COVERED"
    WRONG_MANUFACTURER = "WRONG_MANUFACTURER"
    MISSING = "MISSING"
    CYCLE = "CYCLE"


_RANK = {status: rank for rank, status in enumerate(LinkStatus)}


@dataclass(frozen=True)
class Link:
    """One tier: `grantee` holds `letter` (None when it holds none that applies)."""

    position: int
    grantee: Institution
    letter: Authorisation | None
    status: LinkStatus
    message: str


@dataclass(frozen=True)
class Chain:
    """Every link from the distributor up, and the first that breaks the chain."""

    links: tuple[Link, ...]

    @property
    def broken(self) -> Link | None:
        """The first link that is not VALID."""
        return next((link for link in self.links if link.status is not LinkStatus.VALID), None)

    @property
    def complete(self) -> bool:
        """Every link valid, up to the manufacturer."""
        return bool(self.links) and self.broken is None


def covers_region(letter: Authorisation, region_code: str | None) -> bool:
    """GB/T 2260 containment: 310000 covers 310104; 310100 covers 310104 but not 310230."""
    if region_code is None:
        return False
    return any(region_code.startswith(_stem(code)) for code in letter.regions)


def _stem(code: str) -> str:
    # 310000 → 31, 310100 → 3101, 310104 → 310104
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def status_of(
    letter: Authorisation, model: Any, region_code: str | None, hospital_id: Any, on: date
) -> LinkStatus:
    """How one letter stands for shipping `model` into `region_code` on a day."""
    if not letter.covers_model(model):
        return LinkStatus.MODEL_NOT_COVERED
    if not covers_region(letter, region_code):
        return LinkStatus.REGION_NOT_COVERED
    if letter.hospital_id is not None and letter.hospital_id != hospital_id:
        return LinkStatus.OTHER_PROJECT
    if letter.review_status is ReviewStatus.REJECTED:
        return LinkStatus.REJECTED
    if letter.review_status is not ReviewStatus.APPROVED:
        return LinkStatus.PENDING_REVIEW
    if on < letter.valid_from:
        return LinkStatus.NOT_YET_VALID
    if on > letter.valid_to:
        return LinkStatus.EXPIRED
    return LinkStatus.VALID


def _best(
    letters: list[Authorisation], model: Any, region: str | None, hospital_id: Any, on: date
) -> tuple[Authorisation, LinkStatus] | None:
    rated = [(letter, status_of(letter, model, region, hospital_id, on)) for letter in letters]
    # A project letter for this very hospital beats a general one; later expiry breaks ties.
    rated.sort(
        key=lambda pair: (
            _RANK[pair[1]],
            pair[0].hospital_id is None,
            -pair[0].valid_to.toordinal(),
        )
    )
    return rated[0] if rated else None


_MESSAGES = {
    LinkStatus.VALID: "valid until {to}",
    LinkStatus.EXPIRED: "expired on {to}",
    LinkStatus.NOT_YET_VALID: "valid only from {start}",
    LinkStatus.PENDING_REVIEW: "not yet approved (review status {review})",
    LinkStatus.REJECTED: "rejected in review",
    LinkStatus.OTHER_PROJECT: "a project letter for another hospital",
    LinkStatus.REGION_NOT_COVERED: "does not cover region {region}",
    LinkStatus.MODEL_NOT_COVERED: "does not cover {model}",
}


def _describe(
    grantee: Institution,
    grantor: Institution | None,
    letter: Authorisation,
    status: LinkStatus,
    model: Any,
    region: str | None,
) -> str:
    detail = _MESSAGES[status].format(
        to=letter.valid_to,
        start=letter.valid_from,
        review=letter.review_status.value,
        region=region or "(none)",
        model=model.name,
    )
    granted_by = grantor.name if grantor else "?"
    return f"Letter {letter.number} ({granted_by} → {grantee.name}) {detail}."


async def walk(
    session: AsyncSession,
    distributor: Institution,
    model: Any,
    region_code: str | None,
    on: date,
    hospital_id: uuid.UUID | None = None,
) -> Chain:
    """The chain that lets `distributor` sell `model` into `region_code` on `on`: one
    statement per tier for the letters, grantors read through the session's identity map."""
    links: list[Link] = []
    grantee = distributor
    seen = {distributor.id}
    for position in range(1, MAX_TIERS + 1):
        held = await authorisations.held_by(session, [grantee.id])
        best = _best(held, model, region_code, hospital_id, on)
        if best is None:
            message = f"{grantee.name} holds no authorisation letter for {model.name}."
            links.append(Link(position, grantee, None, LinkStatus.MISSING, message))
            break
        letter, status = best
        grantor = await session.get(Institution, letter.grantor_id)
        message = _describe(grantee, grantor, letter, status, model, region_code)
        if grantor is not None and grantor.kind is InstitutionKind.MANUFACTURER:
            if status is LinkStatus.VALID and grantor.name.strip() != model.manufacturer.strip():
                status = LinkStatus.WRONG_MANUFACTURER
                message = f"Letter {letter.number} comes from {grantor.name}, not from the "
                message += f"manufacturer of {model.name} ({model.manufacturer})."
            links.append(Link(position, grantee, letter, status, message))
            break
        links.append(Link(position, grantee, letter, status, message))
        if grantor is None or grantor.id in seen:
            message = "The letters go round in a circle without reaching a manufacturer."
            links.append(Link(position + 1, grantee, None, LinkStatus.CYCLE, message))
            break
        seen.add(grantor.id)
        grantee = grantor
    else:
        message = f"No manufacturer is reached within {MAX_TIERS} tiers."
        links.append(Link(MAX_TIERS + 1, grantee, None, LinkStatus.MISSING, message))
    return Chain(tuple(links))
