"""Qt item models: thin adapters over domain objects and numpy arrays."""
