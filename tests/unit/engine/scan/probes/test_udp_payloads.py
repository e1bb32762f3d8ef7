"""The UDP payloads, decoded back field by field with parsers written here from the
specifications (DNS header and names, BER TLVs, NetBIOS first-level encoding...)."""

import struct

import pytest

from portwindow.engine.scan.probes.udp_payloads import (
    BER_INTEGER,
    BER_NULL,
    BER_OCTET_STRING,
    BER_OID,
    BER_SEQUENCE,
    PAYLOADS,
    SNMP_GET_REQUEST,
    ber_integer,
    ber_length,
    ber_oid,
    ber_tlv,
    dns_name,
    dns_query,
    netbios_name,
    payload_for,
    snmp_get,
)


def parse_dns_name(data: bytes, offset: int) -> tuple[list[bytes], int]:
    labels = []
    while True:
        length = data[offset]
        offset += 1
        if length == 0:
            return labels, offset
        assert length < 64, "compression pointers have no place in a query"
        labels.append(data[offset : offset + length])
        offset += length


def parse_dns_query(data: bytes) -> dict:
    ident, flags, qd, an, ns, ar = struct.unpack_from("!HHHHHH", data)
    labels, offset = parse_dns_name(data, 12)
    qtype, qclass = struct.unpack_from("!HH", data, offset)
    assert offset + 4 == len(data), "trailing bytes after the question"
    return {
        "id": ident,
        "qr": flags >> 15,
        "opcode": (flags >> 11) & 0xF,
        "rd": (flags >> 8) & 1,
        "flags": flags,
        "counts": (qd, an, ns, ar),
        "labels": labels,
        "qtype": qtype,
        "qclass": qclass,
    }


def test_dns_version_bind_query_on_53():
    q = parse_dns_query(payload_for(53))
    assert q["qr"] == 0
    assert q["opcode"] == 0  # a standard query
    assert q["rd"] == 0  # no recursion: a resolver answers from itself
    assert q["flags"] == 0
    assert q["counts"] == (1, 0, 0, 0)
    assert q["labels"] == [b"version", b"bind"]
    assert (q["qtype"], q["qclass"]) == (16, 3)  # TXT, CHAOS


def test_mdns_service_enumeration_query_on_5353():
    q = parse_dns_query(payload_for(5353))
    assert q["id"] != 0  # RFC 6762 6.7: a legacy unicast query carries an ID
    assert q["counts"] == (1, 0, 0, 0)
    assert q["labels"] == [b"_services", b"_dns-sd", b"_udp", b"local"]
    assert (q["qtype"], q["qclass"]) == (12, 1)  # PTR, IN


def test_dns_name_rejects_bad_labels():
    assert dns_name("a.b.") == b"\x01a\x01b\x00"
    with pytest.raises(ValueError, match="label"):
        dns_name("a..b")
    with pytest.raises(ValueError, match="label"):
        dns_name("x" * 64 + ".com")


def test_recursive_query_sets_rd():
    assert parse_dns_query(dns_query("example.org", 2, 1, recursion=True))["rd"] == 1


def test_ntp_client_request_on_123():
    data = payload_for(123)
    assert len(data) == 48
    first = data[0]
    assert first == 0xE3
    assert (first >> 6, (first >> 3) & 7, first & 7) == (3, 4, 3)  # LI, VN, mode client
    assert data[1] == 0  # stratum: unspecified
    transmit = struct.unpack_from("!Q", data, 40)[0]
    assert transmit != 0
    assert data[4:40] == bytes(36)  # delays, dispersion, reference and other timestamps


def parse_ber(data: bytes, offset: int = 0) -> tuple[tuple[int, object], int]:
    """One TLV: (tag, value) where constructed values are lists of TLVs; checks that
    every length is exact."""
    tag = data[offset]
    first = data[offset + 1]
    offset += 2
    if first & 0x80:
        size = first & 0x7F
        assert 0 < size <= 4
        length = int.from_bytes(data[offset : offset + size], "big")
        assert length >= 0x80, "long form used for a short length"
        offset += size
    else:
        length = first
    end = offset + length
    assert end <= len(data), "length runs past the end"
    if tag & 0x20:  # constructed
        children = []
        while offset < end:
            child, offset = parse_ber(data, offset)
            children.append(child)
        assert offset == end, "children overrun their parent"
        return (tag, children), end
    return (tag, data[offset:end]), end


def decode_oid(content: bytes) -> str:
    arcs, value = [], 0
    for byte in content:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(value)
            value = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(map(str, [first, arcs[0] - 40 * first, *arcs[1:]]))


def decode_int(content: bytes) -> int:
    return int.from_bytes(content, "big", signed=True)


def test_snmp_v2c_get_sysdescr_on_161():
    data = payload_for(161)
    (tag, message), end = parse_ber(data)
    assert end == len(data)
    assert tag == BER_SEQUENCE
    version, community, pdu = message
    assert version[0] == BER_INTEGER
    assert decode_int(version[1]) == 1  # v2c
    assert community == (BER_OCTET_STRING, b"public")
    assert pdu[0] == SNMP_GET_REQUEST
    request_id, error_status, error_index, bindings = pdu[1]
    assert request_id[0] == BER_INTEGER
    assert decode_int(error_status[1]) == 0
    assert decode_int(error_index[1]) == 0
    assert bindings[0] == BER_SEQUENCE
    (binding,) = bindings[1]
    assert binding[0] == BER_SEQUENCE
    name, value = binding[1]
    assert name[0] == BER_OID
    assert decode_oid(name[1]) == "1.3.6.1.2.1.1.1.0"
    assert value == (BER_NULL, b"")
    assert data[:2] == bytes((0x30, len(data) - 2))


def test_ber_lengths_integers_and_oids():
    assert ber_length(0x7F) == b"\x7f"
    assert ber_length(0x80) == b"\x81\x80"
    assert ber_length(300) == b"\x82\x01\x2c"
    long = snmp_get(["1.3.6.1.2.1.1.5.0"], community=b"c" * 200)
    (_, message), end = parse_ber(long)
    assert end == len(long)
    assert message[1] == (BER_OCTET_STRING, b"c" * 200)
    for value in (0, 1, 127, 128, 255, 256, -1, -128, -129, 0x7077, 2**31 - 1):
        (tag, content), _ = parse_ber(ber_integer(value))
        assert tag == BER_INTEGER
        assert decode_int(content) == value
        assert (
            len(content) == 1
            or content[0] not in (0, 0xFF)
            or (content[1] & 0x80) != (content[0] & 0x80)
        ), f"{value} is not minimally encoded"
    for oid in ("1.3.6.1.4.1.2021.10.1.3.1", "2.999.3", "1.3.6.1.2.1.1.1.0"):
        (tag, content), _ = parse_ber(ber_oid(oid))
        assert tag == BER_OID
        assert decode_oid(content) == oid
    assert ber_tlv(BER_NULL, b"") == b"\x05\x00"
    with pytest.raises(ValueError, match="object identifier"):
        ber_oid("3.1")


def decode_netbios_name(encoded: bytes) -> bytes:
    pairs = zip(encoded[::2], encoded[1::2], strict=True)
    return bytes(((a - 0x41) << 4) | (b - 0x41) for a, b in pairs)


def test_netbios_node_status_query_on_137():
    data = payload_for(137)
    _ident, flags, qd, an, ns, ar = struct.unpack_from("!HHHHHH", data)
    assert flags == 0  # a query, not broadcast
    assert (qd, an, ns, ar) == (1, 0, 0, 0)
    assert data[12] == 32
    encoded = data[13:45]
    assert all(0x41 <= b <= 0x50 for b in encoded)  # 'A'..'P'
    assert decode_netbios_name(encoded) == b"*" + bytes(15)
    assert data[45] == 0
    assert struct.unpack_from("!HH", data, 46) == (0x21, 1)  # NBSTAT, IN
    assert len(data) == 50
    with pytest.raises(ValueError, match="16 bytes"):
        netbios_name(b"x" * 17)


def test_ssdp_msearch_on_1900():
    text = payload_for(1900).decode("ascii")
    assert text.endswith("\r\n\r\n")
    request, *headers = text[:-4].split("\r\n")
    assert request == "M-SEARCH * HTTP/1.1"
    fields = dict(h.split(": ", 1) for h in headers)
    assert fields["MAN"] == '"ssdp:discover"'
    assert fields["ST"] == "ssdp:all"
    assert 1 <= int(fields["MX"]) <= 5
    assert fields["HOST"] == "239.255.255.250:1900"


def test_memcached_udp_frame_on_11211():
    data = payload_for(11211)
    request_id, sequence, total, reserved = struct.unpack_from("!HHHH", data)
    assert (sequence, total, reserved) == (0, 1, 0)
    assert request_id != 0
    assert data[8:] == b"version\r\n"


def test_other_ports_get_an_empty_datagram():
    assert set(PAYLOADS) == {53, 123, 137, 161, 1900, 5353, 11211}
    for port in (1, 7, 54, 122, 162, 65535):
        assert payload_for(port) == b""
    assert all(len(p) <= 512 for p in PAYLOADS.values())  # fits any path, no fragments
