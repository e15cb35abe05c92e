"""Common Ground: an open platform for councils and partners to build community cohesion."""
