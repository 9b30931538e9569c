"""Releasing an edition: its state in git, the download page, the bundle and the tag."""
