"""One module per screen, in the order a planner works (docs/design.md §1)."""
