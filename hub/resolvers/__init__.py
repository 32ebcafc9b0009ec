"""Thin root resolvers per aggregate (Query, Mutation and Subscription fields): they open the
transaction and call store / domain functions."""
