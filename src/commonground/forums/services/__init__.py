"""Every write to the forums, one module per feature: groups, posts, moderation,
subscriptions. Typed, keyword-only, transactional and audited."""
