"""Duplicate candidates and the merge log."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import CandidateStatus, MatchEntity
from hub.db.types import JsonDocument, UtcDateTime


class DuplicateCandidate(EntityMixin, Base):
    """An unordered pair of records of one type that may be the same thing (left_id < right_id)."""

    __tablename__ = "duplicate_candidate"
    __table_args__ = (
        UniqueConstraint("entity_type", "left_id", "right_id"),
        CheckConstraint("left_id <> right_id", name="distinct_records"),
        CheckConstraint("score >= 0 AND score <= 1", name="score_in_range"),
    )

    entity_type: Mapped[MatchEntity] = mapped_column(
        enum_type(MatchEntity, "match_entity"), index=True
    )
    left_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    right_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    score: Mapped[float] = mapped_column(Float, index=True)
    # [{feature, method, left, right, similarity, weight, vetoed}], as the engine reported it.
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument, default=list)
    status: Mapped[CandidateStatus] = mapped_column(
        enum_type(CandidateStatus, "candidate_status"), default=CandidateStatus.OPEN, index=True
    )


class MergeEvent(EntityMixin, Base):
    """One merge: who, which records, the field decisions and a snapshot to undo it exactly."""

    __tablename__ = "merge_event"
    __audit_exclude__ = frozenset({"snapshot"})

    entity_type: Mapped[MatchEntity] = mapped_column(
        enum_type(MatchEntity, "merge_entity"), index=True
    )
    survivor_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    merged_ids: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    actor: Mapped[str] = mapped_column(String(128))
    # [{field, fromId, rule}] for every field the survivor took a value for.
    decisions: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument, default=list)
    # {rows: [{table, id, before, after_version}]}: every row the merge touched, as it was.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    undone_by: Mapped[str | None] = mapped_column(String(128))


class MergeMember(Base):
    """A record taking part in a merge, so the history of any record is one indexed lookup."""

    __tablename__ = "merge_member"

    merge_event_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("merge_event.id"), primary_key=True
    )
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, index=True)
    survivor: Mapped[bool] = mapped_column(default=False)


class NameAlias(EntityMixin, Base):
    """A name the alias registry learned: a steward merged a record so named into `canonical`.

    Read together with the shipped `knowledge/aliases.toml`; forgotten when its merge is undone.
    """

    __tablename__ = "name_alias"
    __table_args__ = (UniqueConstraint("entity_type", "alias"),)

    entity_type: Mapped[MatchEntity] = mapped_column(
        enum_type(MatchEntity, "alias_entity"), index=True
    )
    alias: Mapped[str] = mapped_column(String(255))
    canonical: Mapped[str] = mapped_column(String(255))
    merge_event_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("merge_event.id"), index=True
    )
