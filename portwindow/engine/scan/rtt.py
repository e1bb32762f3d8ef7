"""Adaptive probe timeouts from measured round-trip times (RFC 6298's estimator).

Each host keeps a smoothed RTT and its variation; the timeout for the next probe is
``srtt + 4 * rttvar`` kept within [minimum, maximum]. Until a host has answered, the
maximum (the user's ``--timeout``) applies.
"""

from __future__ import annotations

MIN_TIMEOUT = 0.1


class RttEstimator:
    __slots__ = ("maximum", "minimum", "rttvar", "srtt", "timeout")

    def __init__(self, maximum: float, minimum: float = MIN_TIMEOUT) -> None:
        self.maximum = maximum
        self.minimum = min(minimum, maximum)
        self.srtt: float | None = None
        self.rttvar = 0.0
        self.timeout = maximum

    def sample(self, rtt: float) -> None:
        # Called for every answer: plain comparisons, not abs/min/max calls.
        srtt = self.srtt
        if srtt is None:
            srtt = rtt
            rttvar = rtt / 2
        else:
            diff = srtt - rtt
            if diff < 0:
                diff = -diff
            rttvar = 0.75 * self.rttvar + 0.25 * diff
            srtt = 0.875 * srtt + 0.125 * rtt
        self.srtt = srtt
        self.rttvar = rttvar
        timeout = srtt + 4 * rttvar
        if timeout < self.minimum:  # noqa: PLR1730 - a comparison, not a call, per answer
            timeout = self.minimum
        if timeout > self.maximum:  # noqa: PLR1730
            timeout = self.maximum
        self.timeout = timeout
