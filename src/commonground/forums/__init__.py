"""Forums: groups (open, closed or private), threads, posts, subscriptions, moderation."""
