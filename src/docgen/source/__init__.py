"""The source: ``data/partnerships.yaml`` read into typed, frozen dataclasses.

Every problem is found with its file and line, and all are raised at once."""
