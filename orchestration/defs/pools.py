"""The concurrency pool that serialises writers of the warehouse (limit 1 in dagster.yaml)."""

WAREHOUSE_POOL = "movewatch_warehouse"
