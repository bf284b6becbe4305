"""One module per screen, in the order a planner works (DESIGN §1)."""
