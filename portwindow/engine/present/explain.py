"""Plain-language notes about a port, for the details panel.

When a student clicks a door, the details panel (:mod:`portwindow.gui.details`) shows the
facts of the probe and, below them, the text :func:`explain` writes: what usually listens
on that port, what the port's number range means, and what the door's state tells. The
notes for common services are portwindow's own words; other ports fall back to IANA's
description from the service registry. Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from portwindow.engine.core.model import PortClass, PortState, Protocol
from portwindow.engine.input.services import default_registry

__all__ = ["explain", "service_note", "state_note"]

_WEB = (
    "Web servers often use this port as an alternative to 80, typically for a second "
    "website, a development server, a proxy or the admin page of an application or a "
    "device. What you get depends entirely on the program."
)
_NETBIOS = (
    "NetBIOS is an old Windows networking layer for finding computers by name and sharing "
    "files and printers on a local network. Modern Windows still answers on it for "
    "compatibility; it should never be reachable from the internet."
)
_SNMP = (
    "SNMP lets monitoring tools read (and sometimes change) the settings and counters of "
    "routers, switches, printers and servers. Old versions protect it only with a shared "
    "word called a community string, often left as 'public'."
)
_VNC = (
    "VNC shares a computer's screen: someone elsewhere sees the desktop and controls the "
    "mouse and keyboard. Each display has its own port from 5900 upwards. Many setups use "
    "weak passwords and no encryption, so it belongs behind a VPN or an SSH tunnel."
)
_X11 = (
    "X11 is the classic Linux and Unix graphical display system. A listening X server "
    "lets programs on other machines draw windows here, and read keystrokes too, so it is "
    "normally closed to the network. Each display has its own port from 6000 upwards."
)
_ELASTICSEARCH = (
    "Elasticsearch is a search engine and database used for logs and site search. Its "
    "web interface on 9200 (and cluster traffic on 9300) has leaked many databases when "
    "it was left open without a password."
)
_AMQP = (
    "AMQP is the language of message brokers such as RabbitMQ: programs drop messages in "
    "queues for other programs to pick up later. 5671 is the encrypted variant."
)
_MQTT = (
    "MQTT is a small messaging protocol for sensors and smart-home devices: they publish "
    "readings to a central broker, and other devices subscribe to them. 8883 is the "
    "encrypted variant; plain 1883 without a password lets anyone read and send messages."
)
_DOCKER = (
    "This is the Docker daemon's remote control. Whoever can talk to it can start "
    "containers with full access to the machine, so it is as powerful as the root "
    "password. 2375 is unencrypted and should never be reachable from a network; 2376 "
    "uses TLS with client certificates."
)
_SIP = (
    "SIP sets up internet phone calls (VoIP): desk phones and phone systems use it to "
    "ring each other, then send the voice separately. 5061 is the encrypted variant. Open "
    "SIP ports attract scanners looking for free calls."
)

# Notes for the usual service on a port, whatever the protocol; see _NOTES_BY_PROTOCOL.
_NOTES: Mapping[int, str] = MappingProxyType(
    {
        20: (
            "FTP uses this port for the data of a file transfer in 'active' mode; the "
            "commands travel on port 21."
        ),
        21: (
            "FTP (File Transfer Protocol) is an old way to upload and download files. It "
            "sends the password and the files unencrypted, so SFTP (over SSH) or HTTPS "
            "has replaced it in most places."
        ),
        22: (
            "SSH (Secure Shell) is used for remote login: a person types commands on this "
            "computer from another one, over an encrypted connection. It also copies files "
            "(scp, sftp) and builds tunnels. Administrators rely on it; attackers try "
            "passwords on it all day."
        ),
        23: (
            "Telnet is the ancestor of SSH: remote login to a command line, but with "
            "everything, passwords included, sent in plain text. Today it is mostly found "
            "on old routers and cheap devices, and is a favourite target of botnets."
        ),
        25: (
            "SMTP is how mail servers hand e-mail to each other. A mail server listens "
            "here; on an ordinary computer this port usually means a local mail program."
        ),
        53: (
            "DNS is the internet's phone book: it turns names such as example.org into "
            "addresses. A DNS server or a local resolver (often in a router) listens here."
        ),
        67: (
            "DHCP hands out addresses: a device joining a network asks, and a DHCP server "
            "(usually the router) answers on this port with an address to use."
        ),
        68: "DHCP clients, the devices asking for an address, receive the server's answers here.",
        69: (
            "TFTP is a tiny file transfer protocol with no passwords at all. Network "
            "devices use it to load their software or settings at start-up."
        ),
        80: (
            "HTTP is the web: browsers ask web servers for pages here. Plain HTTP is not "
            "encrypted; most sites only use it to send visitors on to HTTPS (port 443). "
            "Routers and printers often show their settings page here."
        ),
        88: (
            "Kerberos checks who you are on company networks, most famously in Windows "
            "domains (Active Directory): you log in once and receive tickets for other "
            "services. Domain controllers listen here."
        ),
        110: (
            "POP3 lets a mail program download messages from a mailbox. Plain POP3 sends "
            "the password unencrypted; 995 is the encrypted variant."
        ),
        111: (
            "rpcbind (the portmapper) is a directory for older Unix network services such "
            "as NFS: programs ask it which port a service currently uses. It reveals a "
            "lot about a machine and should stay on the local network."
        ),
        119: "NNTP carries Usenet newsgroups, the discussion forums of the early internet.",
        123: (
            "NTP keeps clocks right: computers ask a time server here and adjust their own "
            "clock, which matters for logs, certificates and logins."
        ),
        135: (
            "Microsoft RPC is the directory of Windows' remote procedure calls: other "
            "Windows machines ask it where to find services for remote management. It "
            "belongs inside a company network only."
        ),
        137: _NETBIOS,
        138: _NETBIOS,
        139: _NETBIOS,
        143: (
            "IMAP lets a mail program read a mailbox that stays on the server, so several "
            "devices see the same mail. 993 is the encrypted variant."
        ),
        161: _SNMP,
        162: _SNMP,
        179: (
            "BGP is how the large networks that make up the internet tell each other which "
            "addresses they can reach. Only routers of internet providers speak it."
        ),
        389: (
            "LDAP is a directory of people, computers and groups, such as a company's "
            "address book and accounts (Active Directory or OpenLDAP). Programs ask it who "
            "someone is and what they may do. 636 is the encrypted variant."
        ),
        443: (
            "HTTPS is the web with encryption (TLS): the padlock in the browser. Almost "
            "every website, and many apps and devices, use this port."
        ),
        445: (
            "SMB (Microsoft-DS) is Windows file and printer sharing: shared folders, "
            "network drives and remote administration. It is widely used inside offices "
            "and homes, and famous worms such as WannaCry spread through it, so it must "
            "never face the internet."
        ),
        465: (
            "This is encrypted mail submission (SMTP over TLS): mail programs send "
            "outgoing messages to their provider here, after logging in."
        ),
        500: (
            "IKE sets up IPsec VPN connections: two ends agree on keys here before the "
            "protected traffic flows."
        ),
        515: (
            "LPD is an old printing protocol from Unix: computers send print jobs to a "
            "printer or a print server here."
        ),
        548: (
            "AFP is Apple's older file sharing protocol, used by Macs and Time Machine "
            "backup drives before SMB took over."
        ),
        554: (
            "RTSP controls video streams, the play and pause buttons of network cameras "
            "and media servers. Open cameras on the internet are often found on it."
        ),
        587: (
            "This is mail submission: mail programs send outgoing messages to their "
            "provider's server here after logging in, usually upgrading to encryption."
        ),
        631: (
            "IPP (Internet Printing Protocol) is how computers send documents to printers "
            "today; CUPS, the print system of Linux and macOS, listens here and often has "
            "a web page for its settings."
        ),
        636: "LDAPS is LDAP, the directory of users and computers, over an encrypted connection.",
        873: (
            "rsync copies and synchronises folders between computers, sending only what "
            "changed. Its daemon here may share folders without any password."
        ),
        993: "IMAPS is IMAP, reading mail that stays on the server, over an encrypted connection.",
        995: "POP3S is POP3, downloading mail, over an encrypted connection.",
        1080: (
            "SOCKS is a proxy: programs send their connections through it to reach other "
            "machines. An open SOCKS proxy lets strangers hide behind this address."
        ),
        1194: "OpenVPN is a popular VPN: it builds an encrypted tunnel into a private network.",
        1433: (
            "Microsoft SQL Server, a database, takes queries from programs here. Databases "
            "hold the valuable data, so this port should only be reachable by the "
            "applications that need it."
        ),
        1521: (
            "The Oracle database's listener takes connections from programs here and "
            "passes them to the database."
        ),
        1723: "PPTP is an old VPN protocol; its encryption is broken and it should be retired.",
        1883: _MQTT,
        1900: (
            "SSDP is part of UPnP: devices such as TVs, speakers and routers announce "
            "themselves on the local network and find each other."
        ),
        2049: (
            "NFS shares folders between Linux and Unix machines, so that a remote folder "
            "looks like a local one. It trusts the client machine about who the user is, "
            "so it belongs on a trusted network only."
        ),
        2375: _DOCKER,
        2376: _DOCKER,
        2379: (
            "etcd is a small, reliable database that clusters (Kubernetes, for one) use "
            "to store their configuration and secrets."
        ),
        3128: (
            "Squid and other web proxies often listen here: browsers send their web "
            "requests through the proxy, which fetches the pages for them."
        ),
        3306: (
            "MySQL (or MariaDB), a very common database, takes queries from programs here. "
            "Websites often use it; it should only be reachable by the applications that "
            "need it."
        ),
        3389: (
            "RDP (Remote Desktop, registered as ms-wbt-server) shows a Windows desktop on "
            "another computer. It is handy for administrators and constantly attacked, so "
            "it belongs behind a VPN."
        ),
        4500: (
            "IPsec VPNs use this port to carry their encrypted traffic through home routers (NAT)."
        ),
        5060: _SIP,
        5061: _SIP,
        5353: (
            "mDNS lets devices on a local network find each other by name without a DNS "
            "server: printers, Chromecasts, Macs ('Bonjour') and Linux ('Avahi')."
        ),
        5432: (
            "PostgreSQL, a popular open-source database, takes queries from programs here. "
            "It should only be reachable by the applications that need it."
        ),
        5671: _AMQP,
        5672: _AMQP,
        5984: "CouchDB is a database that programs talk to over HTTP.",
        6379: (
            "Redis is a very fast in-memory database and cache. It was designed for "
            "trusted networks, and an open Redis server with no password can be taken over "
            "completely."
        ),
        6443: (
            "This is usually the Kubernetes API server, the control centre of a container "
            "cluster: every command to the cluster goes through it."
        ),
        6667: "IRC is internet chat in channels, one of the oldest chat systems still in use.",
        8000: _WEB,
        8080: _WEB,
        8443: (
            "An alternative HTTPS port: encrypted web pages, often the admin page of an "
            "application, an appliance or a proxy."
        ),
        8883: _MQTT,
        8888: _WEB,
        9090: (
            "Prometheus, a monitoring system, usually serves its web page and query "
            "interface here; other programs (Cockpit, for one) use this port too."
        ),
        9092: (
            "Kafka is a system for streams of messages between programs, used in large "
            "data pipelines."
        ),
        9100: (
            "Raw printing (JetDirect): many network printers print whatever arrives on "
            "this port, with no questions asked. Prometheus's node exporter also uses it "
            "for machine statistics."
        ),
        9200: _ELASTICSEARCH,
        9300: _ELASTICSEARCH,
        10250: (
            "This is the kubelet, the agent on each Kubernetes node that runs containers. "
            "Without proper authentication it lets anyone run commands in them."
        ),
        11211: (
            "Memcached is a cache that keeps data in memory for websites. It has no "
            "passwords; open ones on the internet have been abused to flood others with "
            "traffic."
        ),
        25565: "Minecraft Java Edition servers wait for players here.",
        27017: (
            "MongoDB, a document database, takes queries from programs here. Many "
            "databases have leaked because this port was open without a password."
        ),
        51820: "WireGuard, a modern, fast VPN, often uses this port for its encrypted tunnel.",
    }
    | {port: _VNC for port in range(5900, 5910)}
    | {port: _X11 for port in range(6000, 6010)}
)

# Ports whose usual service depends on the protocol.
_NOTES_BY_PROTOCOL: Mapping[tuple[int, Protocol], str] = MappingProxyType(
    {
        (514, Protocol.TCP): (
            "rsh (remote shell) is an ancient way to run commands on another machine with "
            "no encryption and trust based on the address alone. SSH replaced it."
        ),
        (514, Protocol.UDP): (
            "Syslog collects log messages: devices and servers send what happens to them "
            "to a central log server here."
        ),
    }
)

_CLASS_NOTES: Mapping[PortClass, str] = MappingProxyType(
    {
        PortClass.WELL_KNOWN: (
            "Port {port} is a well-known port (0-1023): these numbers are set aside for "
            "common system services, and on most systems only an administrator may open "
            "them."
        ),
        PortClass.REGISTERED: (
            "Port {port} is a registered port (1024-49151): projects and companies "
            "register these numbers with IANA for their programs, but any program may use "
            "them."
        ),
        PortClass.DYNAMIC: (
            "Port {port} is a dynamic port (49152-65535): nobody registers these; the "
            "operating system hands them out for short-lived connections, so a program "
            "listening here usually just picked a free number."
        ),
    }
)

_STATE_NOTES: Mapping[PortState | None, str] = MappingProxyType(
    {
        PortState.OPEN: (
            "This door is open: a program is listening and accepted a connection. If "
            "nobody needs this service, close the door: stop the service or block the "
            "port in the firewall."
        ),
        PortState.CLOSED: "The door is shut: the host answered, but no program listens here.",
        PortState.FILTERED: (
            "No answer came: a firewall probably drops the knock, so we cannot tell "
            "whether anything is behind it."
        ),
        PortState.OPEN_FILTERED: (
            "No answer came back. For UDP that is normal for many services that only "
            "answer correct requests, or a firewall dropped the knock: the door may be "
            "open or barred."
        ),
        None: "Not probed yet.",
    }
)
# UDP has no connection to accept: an open UDP door is one whose program answered.
_UDP_OPEN_NOTE = (
    "This door is open: a program answered the knock. If nobody needs this service, "
    "close the door: stop the service or block the port in the firewall."
)


def explain(port: int, protocol: Protocol, state: PortState | None) -> str:
    """A few short paragraphs for a student: the service, the port's range, the state."""
    if not 0 <= port <= 65535:
        raise ValueError(f"port {port} is out of range 0-65535")
    return "\n\n".join(
        (
            service_note(port, protocol),
            _CLASS_NOTES[PortClass.of(port)].format(port=port),
            state_note(state, protocol),
        )
    )


def service_note(port: int, protocol: Protocol) -> str:
    """What usually listens on ``port``, in plain words (or what IANA calls it)."""
    note = _NOTES_BY_PROTOCOL.get((port, protocol)) or _NOTES.get(port)
    if note is not None:
        return note
    info = default_registry().lookup(port, protocol)
    if not info.name:
        return "No service is registered for this port with IANA, so any program can use it."
    if info.description and info.description.casefold() != info.name.casefold():
        return f"IANA lists this port as: {info.description} ({info.name})."
    return f"IANA lists this port as: {info.description or info.name}."


def state_note(state: PortState | None, protocol: Protocol = Protocol.TCP) -> str:
    """What the door's state means; ``None`` for a door not probed yet."""
    if state is PortState.OPEN and protocol is Protocol.UDP:
        return _UDP_OPEN_NOTE
    return _STATE_NOTES[state]
