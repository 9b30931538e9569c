"""For translators and proofreaders: the preview, the watcher and the review document."""
