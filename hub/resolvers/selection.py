"""What a query selects below a field, read off the document (no resolver runs for it)."""

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

from hub.context.request import Info


def selects(info: Info, name: str) -> bool:
    """True when the current field's selection asks for `name` directly, in a fragment or
    conditionally (a conditional field counts as asked: better one COUNT too many)."""
    # graphql-core's info: Strawberry's `selected_fields` would convert the whole subtree.
    fragments = info._raw_info.fragments
    pending: list[SelectionSetNode] = [
        node.selection_set for node in info._raw_info.field_nodes if node.selection_set
    ]
    seen: set[str] = set()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                if selection.name.value == name:
                    return True
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = selection.name.value
                if fragment not in seen and fragment in fragments:
                    seen.add(fragment)
                    pending.append(fragments[fragment].selection_set)
    return False
