"""Data quality and qualification: validators, rules as data, status, compliance and reports."""
