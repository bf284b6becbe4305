"""Forecasting from history (placeholder, filled below)."""
