"""Protocol lanes: what the scheduler runs side by side, one per protocol.

A lane owns its prober, its retries, its probes in flight and their window, its pacing
(TCP: none beyond the shared rate limit; UDP: the pacer and its canary) and how an
answer becomes a result. ``base.py`` is what every lane does; ``tcp.py`` and ``udp.py``
what differs.
"""
