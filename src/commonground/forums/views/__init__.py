"""Forum pages, one module per feature: groups, threads, moderation, search."""
