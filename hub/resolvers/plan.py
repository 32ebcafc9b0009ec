"""Queries answered by looking ahead at the selection instead of resolving field by field.

A read whose every selected field is a plain column, a global ID, `__typename`, or a field that
declares how it reads (relations.One / relations.Many, lookups.Unique, fields.ListRead) is
answered here: level by level, each relation costs one batched statement through the request's
DataLoaders, and the rows are turned into the response by the schema's own serialisers, with no
resolver, Strawberry object or graphql-core field execution per value.

It is exactly as strict as the general executor because it only answers what it can answer the
same way: a field the caller may not read in clear, a row outside the caller's units, a merged
record, a directive such as @defer, anything else it does not know, and any error sends the
whole request to the general executor, which then answers (or refuses) as always.
"""

from collections.abc import AsyncIterator, Sequence
from typing import Any

from graphql import (
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    get_named_type,
    get_operation_ast,
    is_leaf_type,
)
from graphql.execution.collect_fields import (
    FieldDetails,
    FragmentDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.extensions import SchemaExtension
from strawberry.types.arguments import convert_arguments

from hub.authz.permissions import FieldAccess
from hub.context.request import RequestContext
from hub.global_ids import encode_id
from hub.resolvers.fields import ListRead
from hub.resolvers.lookups import Unique
from hub.resolvers.pagination import fetch_page
from hub.schema.connection import encode_cursor
from hub.schema.node import model_for
from hub.schema.relations import READS, Many, One

_DEFINITION = "strawberry-definition"
_PAGE_INFO = {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"}


class Unsupported(Exception):
    """This request takes the general executor."""


def _unwrap(graphql_type: GraphQLOutputType) -> GraphQLOutputType:
    return graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type


class _Run:
    """One request's answer, computed from its selection."""

    def __init__(self, execution: Any, strawberry_schema: Any) -> None:
        self.strawberry = strawberry_schema
        self.schema: GraphQLSchema = strawberry_schema._schema
        self.context: RequestContext = execution.context
        document = execution.graphql_document
        operation = get_operation_ast(document, execution.operation_name)
        if not isinstance(operation, OperationDefinitionNode):
            raise Unsupported
        if operation.operation is not OperationType.QUERY:
            raise Unsupported
        self.operation = operation
        self.fragments = {
            node.name.value: FragmentDetails(node)
            for node in document.definitions
            if isinstance(node, FragmentDefinitionNode)
        }
        variables = get_variable_values(
            self.schema, operation.variable_definitions or (), execution.variables or {}
        )
        if not isinstance(variables, VariableValues):
            raise Unsupported
        self.variables = variables

    def _root_fields(self) -> tuple[GraphQLObjectType, dict[str, list[FieldDetails]]]:
        query_type = self.schema.query_type
        assert query_type is not None
        collected = collect_fields(
            self.schema, self.fragments, self.variables, query_type, self.operation
        )
        if collected.new_defer_usages:
            raise Unsupported
        return query_type, collected.grouped_field_set

    def check(self) -> None:
        """Raise Unsupported unless every selected field can be answered here: decided from
        the document and the caller's field permissions, before any statement is sent."""
        query_type, root_fields = self._root_fields()
        for details in root_fields.values():
            name = details[0].node.name.value
            if name == "__typename":
                continue
            field = query_type.fields.get(name)
            read = None if field is None else _read_of(field)
            if isinstance(read, Unique):
                self._check_object(_unwrap(field.type), details)  # type: ignore[union-attr]
            elif isinstance(read, ListRead):
                self._check_connection(_unwrap(field.type), details)  # type: ignore[union-attr]
            else:
                raise Unsupported

    def _check_connection(self, connection_type: Any, details: list[FieldDetails]) -> None:
        assert isinstance(connection_type, GraphQLObjectType)
        node_list = _unwrap(connection_type.fields["nodes"].type)
        assert isinstance(node_list, GraphQLList)
        node_type = _unwrap(node_list.of_type)
        for sub in self._subfields(connection_type, details).values():
            name = sub[0].node.name.value
            if name == "nodes":
                self._check_object(node_type, sub)
            elif name == "pageInfo":
                info_type = _unwrap(connection_type.fields["pageInfo"].type)
                assert isinstance(info_type, GraphQLObjectType)
                shown = {s[0].node.name.value for s in self._subfields(info_type, sub).values()}
                if not shown <= _PAGE_INFO:
                    raise Unsupported
            elif name == "edges":
                for edge in self._edge_fields(connection_type, sub):
                    edge_name = edge[0].node.name.value
                    if edge_name == "node":
                        self._check_object(node_type, edge)
                    elif edge_name not in ("cursor", "__typename"):
                        raise Unsupported
            elif name not in ("totalCount", "__typename"):
                raise Unsupported

    def _check_object(self, object_type: GraphQLOutputType, details: list[FieldDetails]) -> None:
        subfields, _ = self._shape(object_type, details)
        assert isinstance(object_type, GraphQLObjectType)
        permissions = self.context.permissions
        for sub in subfields.values():
            name = sub[0].node.name.value
            if name in ("__typename", "id"):
                continue
            if permissions is not None:
                # Masked or denied fields are answered by the general path's field guards.
                access = permissions.fields.get(f"{object_type.name}.{name}")
                if access not in (None, FieldAccess.CLEAR):
                    raise Unsupported
            field = object_type.fields[name]
            definition = field.extensions[_DEFINITION]
            read = definition.metadata.get(READS)
            if read is None:
                if definition.base_resolver is not None or field.args:
                    raise Unsupported
                if not is_leaf_type(get_named_type(field.type)):
                    raise Unsupported
            elif isinstance(read, One):
                self._check_object(_unwrap(field.type), sub)
            elif isinstance(read, Many):
                list_type = _unwrap(field.type)
                assert isinstance(list_type, GraphQLList)
                self._check_object(_unwrap(list_type.of_type), sub)
            else:
                raise Unsupported

    async def data(self) -> dict[str, Any]:
        """The response's `data` (call `check` first)."""
        query_type, root_fields = self._root_fields()
        data: dict[str, Any] = {}
        for key, details in root_fields.items():
            data[key] = await self._root_field(query_type, details)
        return data

    def _arguments(self, field: GraphQLField, details: FieldDetails) -> dict[str, Any]:
        raw = get_argument_values(
            field, details.node, self.variables, details.fragment_variable_values
        )
        definition = field.extensions[_DEFINITION]
        return convert_arguments(
            raw,
            definition.arguments,
            scalar_registry=self.strawberry.schema_converter.scalar_registry,
            config=self.strawberry.config,
        )

    async def _root_field(self, query_type: GraphQLObjectType, details: list[FieldDetails]) -> Any:
        name = details[0].node.name.value
        if name == "__typename":
            return query_type.name
        field = query_type.fields[name]
        read = _read_of(field)
        arguments = self._arguments(field, details[0])
        if isinstance(read, Unique):
            (value,) = arguments.values()
            model = read.column.class_
            object_type = _unwrap(field.type)
            subfields, columns = self._shape(object_type, details, ("merged_into_id",))
            loader = self.context.loaders.by_unique(read.column, columns)
            row = await loader.load(read.normalise(value))
            if row is not None and row.merged_into_id is not None:
                raise Unsupported  # the general path answers with the survivor and says so
            self._check_rows(model, [row])
            (result,) = await self._objects(object_type, [row], subfields)
            return result
        if isinstance(read, ListRead):
            return await self._connection(read, field, arguments, details)
        raise Unsupported

    async def _connection(
        self,
        read: ListRead,
        field: GraphQLField,
        arguments: dict[str, Any],
        details: list[FieldDetails],
    ) -> dict[str, Any]:
        connection_type = _unwrap(field.type)
        assert isinstance(connection_type, GraphQLObjectType)
        subfields = self._subfields(connection_type, details)
        names = {sub[0].node.name.value: sub for sub in subfields.values()}
        node_list = _unwrap(connection_type.fields["nodes"].type)
        assert isinstance(node_list, GraphQLList)
        node_type = _unwrap(node_list.of_type)
        # Nodes are read once, with the columns that `nodes` and `edges { node }` show.
        node_details = list(names.get("nodes", []))
        for edge in self._edge_fields(connection_type, names.get("edges", [])):
            if edge[0].node.name.value == "node":
                node_details.extend(edge)
        node_fields, columns = self._shape(node_type, node_details)
        values, order_field, direction, args = read.arguments(**arguments)
        page = await fetch_page(
            self.context,
            read.listing,
            values,
            order_field,
            direction,
            args,
            count="totalCount" in names,
            columns=columns,
        )
        nodes = await self._objects(node_type, page.rows, node_fields)
        cursors = [encode_cursor(page.start + i) for i in range(len(page.rows))]
        result: dict[str, Any] = {}
        for key, sub in subfields.items():
            name = sub[0].node.name.value
            if name == "nodes":
                result[key] = nodes
            elif name == "totalCount":
                result[key] = page.total
            elif name == "pageInfo":
                result[key] = self._page_info(connection_type, page, cursors, sub)
            elif name == "edges":
                result[key] = self._edges(connection_type, nodes, cursors, sub)
            elif name == "__typename":
                result[key] = connection_type.name
            else:
                raise Unsupported
        return result

    def _page_info(
        self,
        connection_type: GraphQLObjectType,
        page: Any,
        cursors: list[str],
        details: list[FieldDetails],
    ) -> dict[str, Any]:
        info_type = _unwrap(connection_type.fields["pageInfo"].type)
        assert isinstance(info_type, GraphQLObjectType)
        known = {
            "hasNextPage": page.has_next_page,
            "hasPreviousPage": page.start > 0,
            "startCursor": cursors[0] if cursors else None,
            "endCursor": cursors[-1] if cursors else None,
            "__typename": info_type.name,
        }
        result = {}
        for key, sub in self._subfields(info_type, details).items():
            name = sub[0].node.name.value
            if name not in known:
                raise Unsupported
            result[key] = known[name]
        return result

    def _edge_type(self, connection_type: GraphQLObjectType) -> GraphQLObjectType:
        edge_list = _unwrap(connection_type.fields["edges"].type)
        assert isinstance(edge_list, GraphQLList)
        edge_type = _unwrap(edge_list.of_type)
        assert isinstance(edge_type, GraphQLObjectType)
        return edge_type

    def _edge_fields(
        self, connection_type: GraphQLObjectType, details: list[FieldDetails]
    ) -> list[list[FieldDetails]]:
        if not details:
            return []
        return list(self._subfields(self._edge_type(connection_type), details).values())

    def _edges(
        self,
        connection_type: GraphQLObjectType,
        nodes: list[Any],
        cursors: list[str],
        details: list[FieldDetails],
    ) -> list[dict[str, Any]]:
        edge_type = self._edge_type(connection_type)
        edges: list[dict[str, Any]] = [{} for _ in nodes]
        for key, sub in self._subfields(edge_type, details).items():
            name = sub[0].node.name.value
            if name == "cursor":
                values: list[Any] = cursors
            elif name == "node":
                values = nodes
            elif name == "__typename":
                values = [edge_type.name] * len(nodes)
            else:
                raise Unsupported
            for edge, value in zip(edges, values, strict=True):
                edge[key] = value
        return edges

    def _subfields(
        self, object_type: GraphQLObjectType, details: list[FieldDetails]
    ) -> dict[str, list[FieldDetails]]:
        collected = collect_subfields(
            self.schema, self.fragments, self.variables, self.operation, object_type, details
        )
        if collected.new_defer_usages:
            raise Unsupported
        return collected.grouped_field_set

    def _check_rows(self, model: type[Any], rows: Sequence[Any]) -> None:
        # A to-one row outside the caller's units is refused by the general path (FORBIDDEN).
        permissions = self.context.permissions
        if permissions is None:
            return
        rule = permissions.row_rule(model.__name__, "read")
        if not all(row is None or rule.matches(row.org_path) for row in rows):
            raise Unsupported

    def _shape(
        self,
        object_type: GraphQLOutputType,
        details: list[FieldDetails],
        extra: tuple[str, ...] = (),
    ) -> tuple[dict[str, list[FieldDetails]], tuple[str, ...]]:
        """The selection on a record type, and the columns it needs: those shown, the keys of
        its to-one relations, and the id and org_path that identify and scope every row."""
        if not isinstance(object_type, GraphQLObjectType):
            raise Unsupported
        model = model_for(object_type.name)
        if model is None:
            raise Unsupported
        subfields = self._subfields(object_type, details)
        needed = {"id", "org_path", *extra}
        for sub in subfields.values():
            name = sub[0].node.name.value
            if name in ("__typename", "id"):
                continue
            definition = object_type.fields[name].extensions[_DEFINITION]
            read = definition.metadata.get(READS)
            if read is None:
                needed.add(definition.python_name)
            elif isinstance(read, One):
                needed.add(read.key)
        table = model.__table__
        if not needed <= set(table.c.keys()):
            raise Unsupported
        return subfields, tuple(column.key for column in table.c if column.key in needed)

    async def _objects(
        self,
        object_type: GraphQLOutputType,
        rows: Sequence[Any],
        subfields: dict[str, list[FieldDetails]],
    ) -> list[dict[str, Any] | None]:
        """Each row (None stays None) as the selection on `object_type` presents it."""
        assert isinstance(object_type, GraphQLObjectType)
        present = [row for row in rows if row is not None]
        results: list[dict[str, Any]] = [{} for _ in present]
        for key, sub in subfields.items():
            name = sub[0].node.name.value
            if name == "__typename":
                values: list[Any] = [object_type.name] * len(present)
            elif name == "id":
                values = [encode_id(object_type.name, row.id) for row in present]
            else:
                values = await self._field_values(object_type.fields[name], present, sub)
            for result, value in zip(results, values, strict=True):
                result[key] = value
        answers = iter(results)
        return [None if row is None else next(answers) for row in rows]

    async def _field_values(
        self, field: GraphQLField, rows: list[Any], details: list[FieldDetails]
    ) -> list[Any]:
        definition = field.extensions[_DEFINITION]
        read = definition.metadata.get(READS)
        if read is None:
            return [_serialise(field.type, getattr(row, definition.python_name)) for row in rows]
        arguments = self._arguments(field, details[0])
        if isinstance(read, One):
            object_type = _unwrap(field.type)
            subfields, columns = self._shape(object_type, details)
            loader = self.context.loaders.by_id(read.model, columns)
            related = await loader.load_many([getattr(row, read.key) for row in rows])
            self._check_rows(read.model, related)
            return await self._objects(object_type, related, subfields)
        if isinstance(read, Many):
            list_type = _unwrap(field.type)
            assert isinstance(list_type, GraphQLList)
            object_type = _unwrap(list_type.of_type)
            subfields, columns = self._shape(object_type, details, (read.parent_key.key,))
            first = arguments.pop("first", None)
            loader = read.loader(self.context, first, arguments, columns)
            groups = await loader.load_many([row.id for row in rows])
            flat = await self._objects(
                object_type, [row for group in groups for row in group], subfields
            )
            answers = iter(flat)
            return [[next(answers) for _ in group] for group in groups]
        raise Unsupported


def _read_of(field: GraphQLField) -> Any:
    return field.extensions[_DEFINITION].metadata.get(READS)


def _serialise(graphql_type: GraphQLOutputType, value: Any) -> Any:
    """A plain value as graphql-core's executor completes it."""
    if isinstance(graphql_type, GraphQLNonNull):
        if value is None:
            raise Unsupported  # the general executor reports the null
        return _serialise(graphql_type.of_type, value)
    if value is None:
        return None
    if isinstance(graphql_type, GraphQLList):
        return [_serialise(graphql_type.of_type, item) for item in value]
    if not is_leaf_type(graphql_type):
        raise Unsupported
    serialised = graphql_type.serialize(value)  # type: ignore[union-attr]
    if serialised is None:
        raise Unsupported
    return serialised


class PlannedReads(SchemaExtension):
    """Answers the queries it can from a look-ahead at the selection (see the module doc);
    every other operation, and any it gives up on, runs through the general executor."""

    async def on_execute(self) -> AsyncIterator[None]:
        """Set the result before execution, which makes Strawberry skip its executor."""
        execution = self.execution_context
        if execution.result is None and execution.context is not None:
            try:
                run = _Run(execution, execution.schema)
                run.check()
                data = await run.data()
            except Exception:  # the general executor answers, and reports any error itself
                pass
            else:
                execution.result = ExecutionResult(data=data)
                execution.context.log.planned = True
        yield
