"""Indicator logic and SQL over the warehouse's documented views; pages only display results."""
