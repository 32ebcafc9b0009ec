"""GraphiQL without the internet: Strawberry's page loads React, GraphiQL and its explorer
plugin from unpkg.com; the hub serves the same files (same bytes, so the pages' integrity
hashes still hold) from hub/console/static/graphiql, where their licences are kept too."""

import re

ASSETS = "/console/static/graphiql/"
# unpkg path → the vendored file's name.
_VENDORED = {
    "react@18.2.0/umd/react.production.min.js": "react.production.min.js",
    "react-dom@18.2.0/umd/react-dom.production.min.js": "react-dom.production.min.js",
    "js-cookie@3.0.5/dist/js.cookie.min.js": "js.cookie.min.js",
    "graphiql@3.8.3/graphiql.min.css": "graphiql.min.css",
    "graphiql@3.8.3/graphiql.min.js": "graphiql.min.js",
    "@graphiql/plugin-explorer@1.0.2/dist/style.css": "plugin-explorer.css",
    "@graphiql/plugin-explorer@1.0.2/dist/index.umd.js": "plugin-explorer.umd.js",
}
_CDN_REFERENCE = re.compile(r"https://unpkg\.com/([^\"']+)")


class UnknownAsset(LookupError):
    """Strawberry's page asks for a file the hub does not ship (a new Strawberry release):
    vendor it, rather than silently depending on the internet again."""


def _local(match: re.Match[str]) -> str:
    path = match.group(1)
    if path not in _VENDORED:
        raise UnknownAsset(f"GraphiQL wants https://unpkg.com/{path}, which is not vendored.")
    return ASSETS + _VENDORED[path]


def offline(page: str) -> str:
    """Strawberry's GraphiQL page with every CDN reference pointing at the hub's own copy."""
    return _CDN_REFERENCE.sub(_local, page)
