"""Running a scan: its configuration, the scheduler and its protocol lanes (``lanes/``)
that drive the probes (``probes/``), where the hosts come from, the timing, limits and
shards it obeys, and the runner that hosts it on a loop of its own.
"""
