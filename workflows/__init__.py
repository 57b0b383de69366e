"""Workflow definitions as data (YAML) and the loader that validates them."""
