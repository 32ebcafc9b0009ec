"""The steward console: server-rendered pages at /console for the people who keep the data.

Every page reads and every action writes through the hub's own GraphQL schema, executed in
process with the signed-in person's identity (`gateway.py`), so the console can do nothing the
API would refuse. The few lists the API does not offer in the shape a page needs (the queue,
the merge log, source IDs) are read in SQL under the same row scope (`hub.authz.row_scope`).
"""
