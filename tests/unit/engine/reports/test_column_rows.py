"""Reports written straight from a ResultSet's columns are, byte for byte, the reports the
row-by-row writer makes of the same results in the same order."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from portwindow.engine.reports import ReportFormat, ReportWriter, write_csv, write_jsonl

TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12
) | st.sampled_from(["=1+1", "-2", "a,b", 'say "hi"', "line\nbreak", "tab\there", "\x1b]0;x"])

TCP, UDP, OPEN_FILTERED = Protocol.TCP, Protocol.UDP, PortState.OPEN_FILTERED

results = st.builds(
    PortResult,
    host=TEXT.filter(bool) | st.just("192.0.2.1"),
    address=st.sampled_from(["192.0.2.1", "192.0.2.10", "198.51.100.7", "2001:db8::1"]),
    protocol=st.sampled_from(list(Protocol)),
    port=st.integers(0, 65535),
    state=st.sampled_from(list(PortState)),
    reason=st.sampled_from(list(Reason)),
    rtt=st.none() | st.floats(0, 60, allow_nan=False),
    scanned_at=st.floats(0, 4_000_000_000, allow_nan=False),
    banner=TEXT,
)


def generic(result_set, fmt, states=None):
    rows = [r for r in result_set.in_address_order() if states is None or r.state in states]
    out = io.StringIO()
    with ReportWriter(out, fmt) as writer:
        writer.write(rows)
    return out.getvalue(), len(rows)


def fast(result_set, fmt, states=None):
    out = io.StringIO()
    with ReportWriter(out, fmt) as writer:
        count = writer.write_set(result_set, states)
    return out.getvalue(), count


@settings(max_examples=200, deadline=None)
@given(st.lists(results, max_size=40), st.sampled_from([None, {PortState.OPEN}]))
def test_the_columns_write_what_the_rows_write(given_results, states):
    result_set = ResultSet.of(given_results)
    for fmt in ReportFormat:
        assert fast(result_set, fmt, states) == generic(result_set, fmt, states)


def test_write_csv_and_write_jsonl_take_a_result_set(tmp_path):
    result_set = ResultSet.of(
        [
            PortResult(
                "b", "192.0.2.2", Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK, 0.001, 1e9
            ),
            PortResult(
                "a",
                "192.0.2.1",
                Protocol.UDP,
                53,
                PortState.OPEN_FILTERED,
                Reason.NO_RESPONSE,
                None,
                1e9,
            ),
        ]
    )
    assert write_csv(result_set, tmp_path / "r.csv") == 2
    assert write_jsonl(result_set, tmp_path / "r.jsonl") == 2
    lines = (tmp_path / "r.csv").read_text().splitlines()
    assert lines[1].startswith("a,192.0.2.1,udp,53,open|filtered,no-response,")
    assert lines[2].startswith("b,192.0.2.2,tcp,22,open,syn-ack,ssh,")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(list(PortState)), min_size=24, max_size=24),
    st.lists(st.none() | st.floats(0, 2), min_size=24, max_size=24),
    st.sampled_from([None, {PortState.OPEN}]),
)
def test_hosts_with_every_door_probed_write_what_the_rows_write(states, rtts, wanted):
    """Whole hosts (every door probed, no banner: most of a scan) are joined at C speed;
    beside them a host with a banner and one with a door not probed yet."""
    given_results = [
        PortResult(
            address,
            address,
            TCP,
            port,
            state,
            Reason.SYN_ACK,
            rtt,
            1_800_000_000 + port / 7 + index,
            "SSH-2.0-x" if address == "192.0.2.3" and port == 5 else "",
        )
        for index, address in enumerate(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"])
        for port, state, rtt in zip(range(1, 25), states, rtts, strict=True)
        if not (address == "192.0.2.4" and port == 9)
    ]
    result_set = ResultSet.of(given_results)
    for fmt in ReportFormat:
        assert fast(result_set, fmt, wanted) == generic(result_set, fmt, wanted)


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False), st.booleans(), st.integers(1, 3))
def test_many_plain_hosts_of_a_small_plan_write_what_the_rows_write(random, in_order, ports):
    """A wide scan of a few ports (joined many hosts at a time, at C speed): hosts met in
    address order (one run of the columns) or in any order, over several /24s."""
    nets = ("192.0.2", "198.51.100", "203.0.113")  # documentation /24s, in address order
    addresses = [f"{net}.{low}" for net in nets for low in range(0, 256, 5)]
    if not in_order:
        random.shuffle(addresses)
    given_results = [
        PortResult(
            address,
            address,
            TCP,
            port,
            random.choice([PortState.OPEN, PortState.CLOSED]),
            Reason.SYN_ACK,
            random.choice([None, 0.0001, 0.25]),
            1_800_000_000 + index / 3,
        )
        for index, address in enumerate(addresses)
        for port in (22, 80, 443)[:ports]
    ]
    result_set = ResultSet.of(given_results)
    for fmt in ReportFormat:
        assert fast(result_set, fmt) == generic(result_set, fmt)
