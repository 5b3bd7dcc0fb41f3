"""What leaves the warehouse: time series, extracts and reports, read from the published snapshot."""
