"""Host discovery: which of the target addresses are there, before their doors are
probed (nmap's ``-sn``), without root where the kernel allows it.

``model.py`` holds what is learnt per host (a frozen :class:`HostStatus`); ``pings.py``
the probes that ask "are you there?" (TCP connect, UDP to a closed port, ICMP echo);
``neighbours.py`` reads the kernel's neighbour table (ARP/NDP answers on the local
link); ``sweep.py`` runs the probes over many hosts and decides each; ``source.py``
puts discovery in front of a port scan as its source of hosts.
"""
