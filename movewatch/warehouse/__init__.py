"""The DuckDB warehouse: raw-table schema, connections and transactional writers."""
