"""DuckDB access: connections, audit and staging loads, and the published snapshot."""
