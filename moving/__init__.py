"""Moving in: a WordPress or Ghost newsroom imported whole, its old addresses kept working."""
