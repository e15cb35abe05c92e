"""People and organisations: users, memberships with roles, invitations, API tokens."""
