"""The ``top100`` list of UDP ports (``U:top100``, or top100 with UDP chosen in the window).

Like the TCP lists of :mod:`portwindow.engine.input.toplists`, it is curated by the
portwindow project, not measured frequency, and not taken from nmap's data files. The
ports are the UDP services a network administrator most often needs to find, chosen by
the project's judgement and grouped by kind below. Every one of them but WireGuard's
51820 (which IANA has not assigned) has a UDP service name in IANA's registry
(``data/services.tsv.gz``); ``tests/unit/engine/input/test_udp_toplist.py`` checks that.

There is no UDP ``top1000``: a UDP port that does not answer costs the full timeout and
its retries, most of a thousand ports would be ones almost never used, and the window
does not offer it with UDP chosen. ``top1000`` after ``U:`` is an error that says so.
"""

from __future__ import annotations

# fmt: off
UDP_TOP100: tuple[int, ...] = (
    53, 123, 161, 67, 68, 137, 138, 500, 4500, 1900,  # dns, ntp, snmp, dhcp, netbios, ike
    5353, 5355, 69, 514, 162, 520, 521,  # mdns, llmnr, tftp, syslog, snmp traps, rip(ng)
    1194, 51820, 1701,  # openvpn, wireguard, l2tp
    1812, 1813, 1645, 1646, 3799, 2083, 49, 88, 464,  # radius (old ports too), tacacs, kerberos
    389, 111, 2049, 135, 445, 139,  # cldap, rpcbind, nfs, msrpc, smb
    443, 80, 853, 3478, 5349,  # quic, http/3 fallbacks, dns over quic, stun (+tls)
    5060, 5061, 5004, 5005, 1719, 1718, 2427, 2727,  # sip, rtp, h.323, mgcp
    5683, 5684, 47808, 20000, 502, 102, 44818, 2222,  # coap, bacnet, dnp3, modbus, s7, cip
    11211, 1434, 3389, 177, 427, 546, 547, 623, 631,  # memcached, mssql browser, rdp, xdmcp,
    # slp, dhcpv6, ipmi, ipp
    1604, 3283, 3702, 5351, 3544,  # citrix browser, apple remote desktop, ws-discovery, pcp,
    # teredo
    2123, 2152, 4789, 8472, 4790, 6081,  # gtp (mobile core), vxlan, geneve
    3784, 6343, 4739, 2055, 9995, 9996, 1985,  # bfd, sflow, ipfix, netflow, hsrp
    6514, 10161, 10162, 5246, 5247, 4172, 5632,  # syslog-tls, snmp over dtls, capwap, pcoip,
    # pcanywhere
    7, 9, 13, 17, 19, 37, 513, 10080, 26000, 3074,  # echo, discard, daytime, qotd, chargen,
    # time (amplifiers), who, amanda, quake, xbox live
)
# fmt: on
