"""Thin resolvers per aggregate, the request context and the request-scoped DataLoaders."""
