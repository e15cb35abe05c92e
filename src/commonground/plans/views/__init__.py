"""The plans pages, split by feature: mapping, issues, plans, actions, documents."""
