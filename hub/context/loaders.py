"""Per-request DataLoaders: every relation costs one SQL statement per query level."""

import uuid
from collections import defaultdict
from collections.abc import Hashable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, func, select
from sqlalchemy.orm import InstrumentedAttribute, aliased
from strawberry.dataloader import DataLoader

from hub.authz.permissions import Permissions
from hub.authz.row_scope import read_scope
from hub.db.certificate import Certificate
from hub.db.device import Device
from hub.db.engine import Database
from hub.db.listing import Listing, Scope, where_clauses
from hub.store import maintenance_due, qualifications, service_metrics
from hub.store.maintenance_due import DueMaintenance
from hub.store.service_metrics import Metrics


class Loaders:
    """The DataLoaders of one request, created on first use and keyed by what they load."""

    def __init__(self, database: Database, permissions: Permissions | None) -> None:
        self._database = database
        self._permissions = permissions
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}

    def clear(self) -> None:
        """Forget every cached row (after a mutation changed them)."""
        self._loaders.clear()

    def _get(self, key: Hashable, load: Any) -> DataLoader[Any, Any]:
        if key not in self._loaders:
            self._loaders[key] = DataLoader(load_fn=load)
        return self._loaders[key]

    def batch(self, key: Hashable, load: Any) -> DataLoader[Any, Any]:
        """A request-scoped loader for a derived value, built by `load` on first use."""
        return self._get(("batch", key), load)

    def by_id(self, model: type[Any]) -> DataLoader[uuid.UUID, Any]:
        """Rows by primary key (None for a missing id); callers check row permissions, so that
        a row outside the caller's units is refused rather than silently missing."""

        async def load(ids: list[uuid.UUID]) -> list[Any]:
            async with self._database.reader() as session:
                rows = (await session.execute(select(model).where(model.id.in_(ids)))).scalars()
                found = {row.id: row for row in rows}
            return [found.get(row_id) for row_id in ids]

        return self._get(("by_id", model), load)

    def children(
        self,
        listing: Listing,
        parent_key: InstrumentedAttribute[Any],
        filters: tuple[tuple[str, Any], ...],
        limit: int,
    ) -> DataLoader[uuid.UUID, list[Any]]:
        """Up to `limit` rows per parent id, filtered and in the listing's default order."""
        model = listing.model

        async def load(parent_ids: list[uuid.UUID]) -> list[list[Any]]:
            order = listing.order_fields[listing.default_order]
            rank = (
                func.row_number()
                .over(partition_by=parent_key, order_by=(order.asc(), model.id.asc()))
                .label("rank")
            )
            ranked = (
                select(model, rank)
                .where(
                    parent_key.in_(parent_ids),
                    *where_clauses(listing, dict(filters)),
                    *read_scope(self._permissions, model),
                )
                .subquery()
            )
            row_alias = aliased(model, ranked)
            statement = (
                select(row_alias)
                .where(ranked.c.rank <= limit)
                .order_by(ranked.c[parent_key.key], ranked.c.rank)
            )
            async with self._database.reader() as session:
                rows = (await session.execute(statement)).scalars().all()
            grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
            for row in rows:
                grouped[getattr(row, parent_key.key)].append(row)
            return [grouped.get(parent_id, []) for parent_id in parent_ids]

        return self._get(("children", listing.model, parent_key.key, filters, limit), load)

    def linked(
        self, link: Table, from_column: Column[Any], to_column: Column[Any], listing: Listing
    ) -> DataLoader[uuid.UUID, list[Any]]:
        """Rows on the far side of a many-to-many link table, per id on the near side."""
        model = listing.model

        async def load(ids: list[uuid.UUID]) -> Sequence[list[Any]]:
            order = listing.order_fields[listing.default_order]
            statement = (
                select(from_column, model)
                .join(link, to_column == model.id)
                .where(
                    from_column.in_(ids),
                    *where_clauses(listing, {}),
                    *read_scope(self._permissions, model),
                )
                .order_by(order, model.id)
            )
            async with self._database.reader() as session:
                pairs = (await session.execute(statement)).all()
            grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
            for near_id, row in pairs:
                grouped[near_id].append(row)
            return [grouped.get(row_id, []) for row_id in ids]

        return self._get(("linked", link.name, from_column.name), load)

    def certificates_of(self) -> DataLoader[uuid.UUID, list[Certificate]]:
        """Every live certificate per institution id, regardless of the caller's row scope:
        qualification is a fact about the institution, computed from all its certificates,
        whether or not the caller may read them one by one."""

        async def load(ids: list[uuid.UUID]) -> list[list[Certificate]]:
            async with self._database.reader() as session:
                held = await qualifications.certificates_by_institution(session, ids)
            return [held.get(row_id, []) for row_id in ids]

        return self._get("certificates_of", load)

    def _scope(self) -> Scope:
        return lambda model: read_scope(self._permissions, model)

    def maintenance_due(
        self, on: date, within_days: int
    ) -> DataLoader[uuid.UUID, list[DueMaintenance]]:
        """Each institution's devices due for maintenance by `on + within_days`, among the
        devices the caller may read."""

        async def load(ids: list[uuid.UUID]) -> list[list[DueMaintenance]]:
            async with self._database.reader() as session:
                found = await maintenance_due.due_within(
                    session, on, within_days, [Device.institution_id.in_(ids)], self._scope()
                )
            grouped: dict[uuid.UUID, list[DueMaintenance]] = defaultdict(list)
            for due in found:
                grouped[due.device.institution_id].append(due)  # type: ignore[index]
            return [grouped.get(row_id, []) for row_id in ids]

        return self._get(("maintenance_due", on, within_days), load)

    def service_metrics(
        self, start: datetime, end: datetime
    ) -> DataLoader[uuid.UUID, Metrics | None]:
        """Each institution's service KPIs over [start, end), from the tickets the caller may
        read (None: no ticket in the period)."""

        async def load(ids: list[uuid.UUID]) -> list[Metrics | None]:
            async with self._database.reader() as session:
                found = await service_metrics.by_institution(
                    session, ids, start, end, self._scope()
                )
            return [found.get(row_id) for row_id in ids]

        return self._get(("service_metrics", start, end), load)
