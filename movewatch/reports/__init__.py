"""Reports built from the marts: the run brief."""
