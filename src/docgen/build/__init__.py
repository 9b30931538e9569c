"""The build: the gate, a plan of jobs, worker processes, safe publishing and the manifest."""
