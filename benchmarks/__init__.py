"""Measurements of the portal's speed (`python -m benchmarks`)."""
