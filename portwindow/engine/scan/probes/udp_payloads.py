"""What a UDP probe sends: a request the service on that port answers, where one is known.

A UDP service says nothing to a datagram it does not understand, and silence reads as
``open|filtered``; a well-formed request makes it answer, so the port reads ``open``.
:func:`payload_for` gives the datagram for a port (an empty one where no request is
known). ``udp.py`` sends it; nothing here touches the network.

Every payload is a harmless read-only question, written out here from the protocols'
specifications (nmap's payload file is not used):

- DNS (53): a query for ``version.bind`` TXT in class CHAOS, recursion not desired, so
  a resolver answers from itself and never asks anyone else (RFC 1035).
- mDNS (5353): a one-shot query for ``_services._dns-sd._udp.local`` PTR, which a
  responder answers by unicast to the asking port (RFC 6762 sections 5.1 and 6.7; RFC
  6763 section 9).
- NTP (123): a 48-byte version 4 client request (RFC 5905).
- SNMP (161): a v2c GetRequest for ``sysDescr.0`` with community ``public``, BER
  encoded (RFC 3416, RFC 1157's message frame).
- NetBIOS name service (137): a node status (NBSTAT) query for ``*`` (RFC 1002 4.2.17).
- SSDP (1900): an M-SEARCH for every device and service (UPnP Device Architecture 1.1).
- memcached (11211): the UDP frame header and ``version`` (memcached's protocol.txt).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

# A fixed query ID: answers are matched by the connected socket, not by the ID.
_QUERY_ID = 0x7077

DNS_CLASS_IN = 1
DNS_CLASS_CH = 3
DNS_TYPE_TXT = 16
DNS_TYPE_PTR = 12
NETBIOS_TYPE_NBSTAT = 0x21


def dns_name(name: str) -> bytes:
    """A domain name in DNS wire format: length-prefixed labels, then the root's 0."""
    out = bytearray()
    for label in name.rstrip(".").split("."):
        raw = label.encode("ascii")
        if not 0 < len(raw) < 64:
            raise ValueError(f"bad DNS label {label!r} in {name!r}")
        out += bytes((len(raw),)) + raw
    return bytes(out) + b"\x00"


def dns_query(name: str, qtype: int, qclass: int, *, recursion: bool = False) -> bytes:
    """A standard query (opcode 0) with one question and no other records."""
    flags = 0x0100 if recursion else 0x0000
    header = struct.pack("!HHHHHH", _QUERY_ID, flags, 1, 0, 0, 0)
    return header + dns_name(name) + struct.pack("!HH", qtype, qclass)


def ntp_request() -> bytes:
    """An NTPv4 client request: LI 3 (clock unsynchronised), VN 4, mode 3 (client)."""
    first = (3 << 6) | (4 << 3) | 3  # 0xe3
    poll, precision = 4, -6
    # The transmit timestamp is what the server copies into its answer's origin field;
    # any value will do, but some servers ignore a request whose timestamp is zero.
    transmit = 0xE8B1_4C00_0000_0000
    return struct.pack("!BBbb", first, 0, poll, precision) + bytes(36) + struct.pack("!Q", transmit)


# BER (X.690), as much of it as SNMP needs.

BER_INTEGER = 0x02
BER_OCTET_STRING = 0x04
BER_NULL = 0x05
BER_OID = 0x06
BER_SEQUENCE = 0x30
SNMP_GET_REQUEST = 0xA0  # context-specific, constructed, tag 0


def ber_length(length: int) -> bytes:
    if length < 0x80:
        return bytes((length,))
    raw = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(raw),)) + raw


def ber_tlv(tag: int, content: bytes) -> bytes:
    return bytes((tag,)) + ber_length(len(content)) + content


def ber_integer(value: int) -> bytes:
    magnitude = value if value >= 0 else ~value
    size = (magnitude.bit_length() + 8) // 8  # minimal two's complement, sign bit included
    return ber_tlv(BER_INTEGER, value.to_bytes(size, "big", signed=True))


def ber_oid(dotted: str) -> bytes:
    arcs = [int(arc) for arc in dotted.split(".")]
    if len(arcs) < 2 or arcs[0] > 2 or (arcs[0] < 2 and arcs[1] > 39):
        raise ValueError(f"bad object identifier {dotted!r}")
    out = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        rest = arc >> 7
        while rest:
            chunk.append(0x80 | (rest & 0x7F))
            rest >>= 7
        out += bytes(reversed(chunk))
    return ber_tlv(BER_OID, bytes(out))


SNMP_VERSION_2C = 1
SYS_DESCR_0 = "1.3.6.1.2.1.1.1.0"


def snmp_get(
    oids: Iterable[str], community: bytes = b"public", request_id: int = _QUERY_ID
) -> bytes:
    """An SNMPv2c GetRequest message for ``oids``."""
    bindings = b"".join(
        ber_tlv(BER_SEQUENCE, ber_oid(oid) + ber_tlv(BER_NULL, b"")) for oid in oids
    )
    pdu = ber_tlv(
        SNMP_GET_REQUEST,
        ber_integer(request_id)
        + ber_integer(0)  # error-status
        + ber_integer(0)  # error-index
        + ber_tlv(BER_SEQUENCE, bindings),
    )
    return ber_tlv(
        BER_SEQUENCE,
        ber_integer(SNMP_VERSION_2C) + ber_tlv(BER_OCTET_STRING, community) + pdu,
    )


def netbios_name(name: bytes) -> bytes:
    """A NetBIOS name in first-level encoding (RFC 1001 14.1), as a one-label DNS name:
    padded to 16 bytes, each nibble as a letter from 'A'."""
    padded = name.ljust(16, b"\x00")
    if len(padded) != 16:
        raise ValueError("a NetBIOS name has at most 16 bytes")
    encoded = bytes(b for byte in padded for b in (0x41 + (byte >> 4), 0x41 + (byte & 0x0F)))
    return bytes((len(encoded),)) + encoded + b"\x00"


def netbios_nbstat() -> bytes:
    header = struct.pack("!HHHHHH", _QUERY_ID, 0x0000, 1, 0, 0, 0)
    return header + netbios_name(b"*") + struct.pack("!HH", NETBIOS_TYPE_NBSTAT, DNS_CLASS_IN)


def ssdp_msearch() -> bytes:
    return (
        b"M-SEARCH * HTTP/1.1\r\n"
        b"HOST: 239.255.255.250:1900\r\n"
        b'MAN: "ssdp:discover"\r\n'
        b"MX: 1\r\n"
        b"ST: ssdp:all\r\n"
        b"\r\n"
    )


def memcached_version() -> bytes:
    # Request ID, sequence number, datagrams in this message, reserved.
    return struct.pack("!HHHH", _QUERY_ID, 0, 1, 0) + b"version\r\n"


PAYLOADS: dict[int, bytes] = {
    53: dns_query("version.bind", DNS_TYPE_TXT, DNS_CLASS_CH),
    123: ntp_request(),
    137: netbios_nbstat(),
    161: snmp_get([SYS_DESCR_0]),
    1900: ssdp_msearch(),
    5353: dns_query("_services._dns-sd._udp.local", DNS_TYPE_PTR, DNS_CLASS_IN),
    11211: memcached_version(),
}
"""The request sent to each port with a known service; other ports get an empty datagram."""

EMPTY = b""


def payload_for(port: int) -> bytes:
    return PAYLOADS.get(port, EMPTY)
