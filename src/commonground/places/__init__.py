"""Geography and open data: areas in their hierarchy, datasets, imports, indicators, maps."""
