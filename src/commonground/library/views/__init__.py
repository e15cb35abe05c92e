"""Library pages, split by feature: browsing, search, contributing and moderating."""
