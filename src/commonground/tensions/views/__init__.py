"""Pages of the tensions app, split by feature."""
