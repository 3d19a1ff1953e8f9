"""PostgreSQL: migrations, connections, the embedded server, and the queries that read and write."""
