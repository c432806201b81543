"""Reusable pieces of the presenter's screens; each reads results, none computes them."""
