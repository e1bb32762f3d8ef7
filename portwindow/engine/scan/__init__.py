"""Running a scan: its configuration, the scheduler that drives the probes, the
runner that hosts it on a loop of its own, and the limits and timing it obeys.
"""
