"""Statistics, trust indicators, small-group suppression, charts and exports (pandas; no Flask)."""
