"""Who is calling: API keys and identities (Casbin enforcement builds on these)."""
