"""Pages of the places app, split by feature; each view parses, calls, renders."""
