"""Decide and plan: the mapping exercise, issues found in the evidence, actions and plans."""
