"""Staff accounts: two-factor sign-in, scoped API tokens, sessions and the audit log."""
