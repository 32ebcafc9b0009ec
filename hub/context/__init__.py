"""What one GraphQL request carries: the caller, its permissions, the database and the
request-scoped DataLoaders that every field reads through."""
