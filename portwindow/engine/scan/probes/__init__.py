"""The probes: how one door is knocked on (TCP connect, UDP datagrams), what the
answer means, and the UDP pacer that keeps within a target's ICMP ration.
"""
