"""Loket: one front door for the public services of a municipality, a social house or a region."""
