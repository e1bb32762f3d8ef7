"""The hostile cases: add a line to extend the suite (harness.py says what each must show).

Every case runs in its own folder (the current directory), so file names here are
relative. Scans reach only 127.0.0.1 port 1 inside the test's network namespace (nothing
listens there); documentation addresses appear only where parsing fails first.
"""

# ruff: noqa: E501 - one case a line, however long
from __future__ import annotations

from tests.hostile.harness import DIR, FIFO, Case, Link

OK, USAGE, FAILED = 0, 2, 1
SCAN = "scan 127.0.0.1 -p 1 --no-banners -q"  # a scan that works, for options and files
ESC = "\x1b]0;pwned\x07"  # sets a terminal's title
BIDI = "\u202e"  # right-to-left override
HEADER = "host,address,protocol,port,state,reason,rtt_ms,banner,scanned_at\r\n"
ROW = "h,127.0.0.1,tcp,22,open,syn-ack,,,2026-01-01T00:00:00Z\r\n"
JSON_ROW = (
    '{"host": "h", "address": "127.0.0.1", "protocol": "tcp", "port": 22, "state": "open", '
    '"reason": "syn-ack", "rtt_ms": null, "banner": "", "scanned_at": "2026-01-01T00:00:00Z"}\n'
)
GOOD = {"good.csv": HEADER + ROW}


def row(**changes: str) -> str:
    cells = dict(zip(HEADER.strip().split(","), ROW.strip().split(","), strict=True))
    cells.update(changes)
    return HEADER + ",".join(cells.values()) + "\r\n"


def diff(name: str, content, code: int = USAGE, says: str = "", **kw) -> Case:
    """A case of ``diff`` with a hostile report as the newer side."""
    return Case(f"report-{name}", "diff good.csv r", code, says, {"r": content, **GOOD}, **kw)


def targets_file(name: str, content, code: int = USAGE, says: str = "", **kw) -> Case:
    return Case(
        f"targets-file-{name}", "scan -iL t -p 1 -q --no-banners", code, says, {"t": content}, **kw
    )


def doors_file(name: str, file: str, content, code: int = USAGE, says: str = "", **kw) -> Case:
    return Case(f"doors-{name}", f"{SCAN} --expect-file {file}", code, says, {file: content}, **kw)


def toml(body: str) -> str:
    return "[expected]\n" + body + "\n"


# fmt: off
CASES: list[Case] = [
    # --- targets typed on the command line --------------------------------------------
    Case("target-octet-300", "scan 127.0.0.300 -p 1", USAGE, "octet 300 is out of range", sub=True),
    Case("target-999", "scan 999.1.1.1 -p 1", USAGE, "octet 999"),
    Case("target-three-octets", "scan 1.2.3 -p 1", USAGE, "3 octets, not 4"),
    Case("target-five-octets", "scan 1.2.3.4.5 -p 1", USAGE, "5 octets"),
    Case("target-leading-zero", "scan 127.0.0.01 -p 1", USAGE, "leading zero"),
    Case("target-hex", "scan 0x7f000001 -p 1", USAGE, "not an address"),
    Case("target-number", "scan 12345 -p 1", USAGE, "not an address"),
    Case("target-empty", ("scan", "", "-p", "1"), USAGE, "no targets given"),
    Case("target-spaces", ("scan", "   ", "-p", "1"), USAGE, "no targets given"),
    Case("target-none", "scan -p 1", USAGE, "no targets given"),
    Case("target-prefix-33", "scan 127.0.0.0/33 -p 1", USAGE, "prefix length 33"),
    Case("target-prefix-129", "scan ::/129 -p 1", USAGE, "prefix length 129"),
    Case("target-prefix-huge", "scan 127.0.0.0/" + "9" * 5000 + " -p 1", USAGE, "is out of range 0-32"),
    Case("target-zone", "scan fe80::1%eth0 -p 1", USAGE, "zone ids"),
    Case("target-bracket", "scan [::1 -p 1", USAGE, "brackets do not match"),
    Case("target-bad-v6", "scan 1::2::3 -p 1", USAGE, "not a valid IPv6 address"),
    Case("target-reversed", "scan 127.0.0.9-127.0.0.1 -p 1", USAGE, "range is reversed"),
    Case("target-mixed", "scan 127.0.0.1-::5 -p 1", USAGE, "mixes IPv4 and IPv6"),
    Case("target-too-many-blocks", "scan *.*.*.1 -p 1", USAGE, "over the limit of 65,536"),
    Case("target-total-blocks", ("scan", *(f"127.1-255.1-255.{i}" for i in range(1, 41)), "-p", "1"), USAGE, "more than 2,097,152 separate blocks"),
    Case("target-large", "scan 127.0.0.0/8 -p 1", USAGE, "--allow-large", sub=True),
    Case("target-v6-large", "scan 2001:db8::/32 -p 1", USAGE, "--allow-large"),
    Case("target-underscore", "scan a_b.example -p 1", USAGE, "not an address"),
    Case("target-unicode", "scan bücher.example -p 1", USAGE, "bücher.example"),
    Case("target-long-label", "scan " + "a" * 64 + ".example -p 1", USAGE, "longer than 63"),
    Case("target-long-name", "scan " + "a." * 200 + "b -p 1", USAGE, "at most 253"),
    Case("target-slash-name", "scan localhost/24 -p 1", USAGE, "needs an address"),
    Case("target-dots", "scan a..b -p 1", USAGE, "empty label"),
    Case("target-hyphen", "scan -p 1 -- -host", USAGE, "hyphen"),
    Case("target-escape", ("scan", ESC + "x", "-p", "1"), USAGE, "\\x1b]0;pwned\\x07x", sub=True),
    Case("target-bidi", ("scan", "evil" + BIDI + "txt.exe", "-p", "1"), USAGE, "\\u202e", sub=True),
    Case("target-nul", ("scan", "127.0.0.1\0", "-p", "1"), USAGE, "\\x00"),
    Case("target-c1", ("scan", "\x9b31m", "-p", "1"), USAGE, "\\x9b31m"),
    Case("target-del", ("scan", "a\x7fb", "-p", "1"), USAGE, "\\x7f"),
    Case("target-newline", ("scan", "127.0.0.1\n" + ESC, "-p", "1"), USAGE, "\\x1b]0;"),
    Case("target-surrogate", ("scan", "\udcff", "-p", "1"), USAGE, "\\udcff"),
    Case("target-100k", ("scan", "\x1b" * 100_000, "-p", "1"), USAGE, "..."),
    Case("target-exclude-all", "scan 127.0.0.1 --exclude 127.0.0.1 -p 1", USAGE, "remove every target"),
    Case("target-exclude-bad", "scan 127.0.0.1 --exclude 1.2.3 -p 1", USAGE, "exclusion 1.2.3"),
    Case("target-exclude-escape", ("scan", "127.0.0.1", "--exclude", ESC, "-p", "1"), USAGE, "\\x1b" ),
    # --- ports ----------------------------------------------------------------------------
    Case("ports-70000", "scan 127.0.0.1 -p 70000", USAGE, "port 70000 is out of range", sub=True),
    Case("ports-0", "scan 127.0.0.1 -p 0", USAGE, "port 0 is reserved"),
    Case("ports-65536", "scan 127.0.0.1 -p 65536", USAGE, "65536"),
    Case("ports-huge", "scan 127.0.0.1 -p " + "9" * 5000, USAGE, "out of range 1-65535"),
    Case("ports-reversed", "scan 127.0.0.1 -p 80-22", USAGE, "range is reversed"),
    Case("ports-double-range", "scan 127.0.0.1 -p 1-2-3", USAGE, "not a port or a range"),
    Case("ports-typo", "scan 127.0.0.1 -p htp", USAGE, "did you mean"),
    Case("ports-prefix", "scan 127.0.0.1 -p X:53", USAGE, '"X:" is not a protocol prefix'),
    Case("ports-bare-prefix", "scan 127.0.0.1 -p U:", USAGE, "U: is not followed"),
    Case("ports-two-prefixes", "scan 127.0.0.1 -p T:U:53", USAGE, "only one protocol prefix"),
    Case("ports-leading-comma", "scan 127.0.0.1 -p ,22", USAGE, "nothing before the comma"),
    Case("ports-trailing-comma", "scan 127.0.0.1 -p 22,", USAGE, "nothing after the comma"),
    Case("ports-double-comma", "scan 127.0.0.1 -p 22,,80", USAGE, "nothing between the commas"),
    Case("ports-top-udp", "scan 127.0.0.1 -p U:top1000", USAGE, "no UDP top1000 list"),
    Case("ports-udp-top", "scan 127.0.0.1 --udp -p top1000", USAGE, "top1000"),
    Case("ports-udp-needs", "scan 127.0.0.1 --udp", USAGE, "--udp needs -p"),
    Case("ports-superscript", "scan 127.0.0.1 -p ²", USAGE, "²"),
    Case("ports-arabic", "scan 127.0.0.1 -p ٢٢", USAGE, "٢٢"),
    Case("ports-fullwidth", "scan 127.0.0.1 -p ２２", USAGE, "２２"),
    Case("ports-escape", ("scan", "127.0.0.1", "-p", ESC), USAGE, "\\x1b]0;pwned\\x07"),
    Case("ports-bidi", ("scan", "127.0.0.1", "-p", "22" + BIDI), USAGE, "\\u202e"),
    Case("ports-long-name", "scan 127.0.0.1 -p " + "a" * 100_000, USAGE, "unknown service"),
    Case("ports-colon-name", "scan 127.0.0.1 -p ssh:22", USAGE, '"ssh:" is not a protocol prefix'),
    Case("ports-spaces", ("scan", "127.0.0.1", "-p", "   "), USAGE, "the value is empty"),
    # --- options --------------------------------------------------------------------------
    Case("timeout-61", f"{SCAN} --timeout 61", USAGE, "61 is out of range 0.01-60", sub=True),
    Case("timeout-inf", f"{SCAN} --timeout inf", USAGE, '"inf" is not a number', sub=True),
    Case("timeout-nan", f"{SCAN} --timeout nan", USAGE, '"nan" is not a number'),
    Case("timeout-minus-inf", f"{SCAN} --timeout -inf", USAGE, "expected one argument"),
    Case("timeout-0", f"{SCAN} --timeout 0", USAGE, "0 is out of range"),
    Case("timeout-tiny", f"{SCAN} --timeout 1e-300", USAGE, "out of range"),
    Case("timeout-1e400", f"{SCAN} --timeout 1e400", USAGE, "out of range"),
    Case("timeout-underscore", f"{SCAN} --timeout 1_0", USAGE, "not a number"),
    Case("timeout-arabic", f"{SCAN} --timeout ١", USAGE, "not a number"),
    Case("timeout-hex", f"{SCAN} --timeout 0x10", USAGE, "not a number"),
    Case("timeout-escape", (*SCAN.split(), "--timeout", ESC), USAGE, '"\\x1b]0;pwned\\x07"'),
    Case("timeout-long", f"{SCAN} --timeout " + "1" * 5000, USAGE, "not a number"),
    Case("rate-tiny", f"{SCAN} --rate 1e-300", USAGE, "out of range 0.1-1e+07", sub=True),
    Case("rate-0", f"{SCAN} --rate 0", USAGE, "out of range"),
    Case("rate-huge", f"{SCAN} --rate 1e10", USAGE, "out of range"),
    Case("rate-nan", f"{SCAN} --rate nan", USAGE, "not a number"),
    Case("udp-pace-tiny", "scan 127.0.0.1 -p U:1 --udp-pace 1e-300", USAGE, "out of range 1-1e+06", sub=True),
    Case("udp-pace-0", "scan 127.0.0.1 -p U:1 --udp-pace 0", USAGE, "out of range"),
    Case("udp-pace-huge", "scan 127.0.0.1 -p U:1 --udp-pace 1e300", USAGE, "out of range"),
    Case("retries-21", f"{SCAN} --retries 21", USAGE, "21 is out of range 0-20"),
    Case("retries-negative", f"{SCAN} --retries -1", USAGE, "-1 is out of range"),
    Case("retries-fraction", f"{SCAN} --retries 1.5", USAGE, "not a whole number"),
    Case("retries-5000-digits", f"{SCAN} --retries " + "9" * 5000, USAGE, "out of range 0-20"),
    Case("retries-superscript", f"{SCAN} --retries ²", USAGE, "not a whole number"),
    Case("concurrency-0", f"{SCAN} --concurrency 0", USAGE, "out of range 1-65535"),
    Case("concurrency-huge", f"{SCAN} --concurrency 65536", USAGE, "out of range 1-65535"),
    Case("per-host-0", f"{SCAN} --per-host 0", USAGE, "out of range 1-65535"),
    Case("expect-empty", f"{SCAN} --expect ''", USAGE, "argument --expect: the value is empty", sub=True),
    Case("csv-empty", f"{SCAN} --csv ''", USAGE, "argument --csv: the value is empty", sub=True),
    Case("json-empty", f"{SCAN} --json ' '", USAGE, "argument --json: the value is empty"),
    Case("exclude-empty", f"{SCAN} --exclude ''", USAGE, "argument --exclude"),
    Case("input-list-empty", "scan -iL '' -p 1", USAGE, "argument -iL"),
    Case("expect-file-empty", f"{SCAN} --expect-file ''", USAGE, "argument --expect-file"),
    Case("history-empty", f"{SCAN} --history ''", USAGE, "argument --history"),
    Case("ports-empty", "scan 127.0.0.1 -p ''", USAGE, "argument -p/--ports"),
    Case("both-stdout", f"{SCAN} --csv - --json -", USAGE, "cannot all write to stdout"),
    Case("xml-and-csv-stdout", f"{SCAN} --csv - --xml -", USAGE, "cannot all write to stdout"),
    Case("unknown-option", f"{SCAN} --frobnicate", USAGE, "--frobnicate"),
    Case("unknown-huge", ("scan", "127.0.0.1", "--frob", "x" * 100_000), USAGE, "unrecognized"),
    Case("unknown-escape", ("scan", "127.0.0.1", "--" + ESC), USAGE, "\\x1b]0;"),
    Case("unknown-command", "bogus", USAGE, "invalid choice"),
    Case("missing-value", "scan 127.0.0.1 -p", USAGE, "expected one argument"),
    Case("nul-in-name", (*SCAN.split(), "--csv", "a\0b"), USAGE, "NUL character"),
    Case("csv-into-folder", f"{SCAN} --csv sub", USAGE, "is a folder", {"sub": DIR}),
    Case("csv-missing-folder", f"{SCAN} --csv nowhere/r.csv", USAGE, "nowhere does not exist"),
    Case("csv-long-name", f"{SCAN} --csv " + "n" * 5000, USAGE, "longer than 255 bytes", sub=True),
    Case("json-through-a-file", f"{SCAN} --json f/r.json", USAGE, "Not a directory", {"f": b"x"}),
    # --- expected doors on the command line -------------------------------------------------
    Case("expect-comma", f"{SCAN} --expect ,", USAGE, "--expect"),
    Case("expect-70000", f"{SCAN} --expect 70000/tcp", USAGE, "70000"),
    Case("expect-sctp", f"{SCAN} --expect 22/sctp", USAGE, "22/sctp"),
    Case("expect-escape", (*SCAN.split(), "--expect", ESC), USAGE, "\\x1b]0;"),
    Case("expect-not-probed", f"{SCAN} --expect 2/tcp", OK, lines=0, shows="1 not checked"),
    # --- target files (-iL) -----------------------------------------------------------------
    targets_file("dev-zero", Link("/dev/zero"), USAGE, "larger than the limit of 16 MiB", sub=True),
    targets_file("dev-null", Link("/dev/null"), USAGE, "no targets given"),
    targets_file("fifo", FIFO, USAGE, "no targets given", sub=True),
    targets_file("folder", DIR, USAGE, "is a directory"),
    Case("targets-file-missing", "scan -iL nothing.txt -p 1", USAGE, "nothing.txt: no such file"),
    targets_file("binary", bytes(range(256)) * 4, USAGE, "not UTF-8 text"),
    targets_file("nul", b"127.0.0.1\0\0\0\n", USAGE, "\\x00"),
    targets_file("latin1", b"127.0.0.1 # caf\xe9\n", USAGE, "bad byte at offset 15"),
    targets_file("escape", f"# lab\n127.0.0.1\n{ESC}\n", USAGE, "line 3: \\x1b]0;pwned\\x07"),
    targets_file("bidi", f"127.0.0.1\nx{BIDI}y\n", USAGE, "line 2: x\\u202ey"),
    targets_file("overlong", "1" * 2_000_000 + "\n", USAGE, "line 1: 1111"),
    targets_file("only-comments", "# nothing\n\n", USAGE, "no targets given"),
    targets_file("too-big", lambda: b"#" * (17 << 20), USAGE, "16 MiB"),
    targets_file("large", lambda: "\n".join(f"127.{i >> 16}.{i >> 8 & 255}.{i & 255}" for i in range(70_000)).encode(), USAGE, "70,000 addresses"),
    targets_file("valid-bom-crlf", b"\xef\xbb\xbf127.0.0.1\r\n", OK, lines=0, shows="1 of 1 ports probed" ),
    targets_file("comment-escape", f"127.0.0.1 # {ESC}\n", OK, lines=0, shows="1 of 1 ports"),
    targets_file("octal", "127.0.0.1\n010.0.0.1\n", USAGE, "line 2: 010.0.0.1"),
    Case("targets-file-exclude-all", "scan -iL t --exclude 127.0.0.1 -p 1", USAGE, "remove every", {"t": "127.0.0.1\n"}),
    # --- expected-doors files ---------------------------------------------------------------
    doors_file("toml-invalid", "d.toml", "[expected\n", USAGE, "not valid TOML", sub=True),
    doors_file("toml-no-table", "d.toml", "x = 1\n", USAGE, "needs an [expected] table"),
    doors_file("toml-numbers", "d.toml", toml('"127.0.0.1" = [22]'), USAGE, "list of strings"),
    doors_file("toml-table", "d.toml", toml('"127.0.0.1" = {a = 1}'), USAGE, "list of strings"),
    doors_file("toml-bad-door", "d.toml", toml('"127.0.0.1" = ["99999/tcp"]'), USAGE, "99999"),
    doors_file("toml-bad-target", "d.toml", toml('"127.0.0.300" = ["22/tcp"]'), USAGE, "127.0.0.300" ),
    doors_file("toml-nested", "d.toml", toml('"127.0.0.1" = ' + "[" * 50_000 + "]" * 50_000), USAGE, "nested too deeply", sub=True),
    doors_file("toml-nested-tables", "d.toml", "a = " + "{b = " * 50_000 + "1" + "}" * 50_000, USAGE, "nested too deeply"),
    doors_file("toml-escape-key", "d.toml", toml(f'"{ESC}" = ["22/tcp"]'.replace("\x1b", "\\u001b").replace("\x07", "\\u0007")), USAGE, "\\x1b]0;pwned\\x07"),
    doors_file("toml-bidi-key", "d.toml", toml(f'"a{BIDI}b" = ["22/tcp"]'), USAGE, "\\u202e"),
    doors_file("toml-huge-key", "d.toml", toml('"' + "a" * 200_000 + '" = ["22/tcp"]'), USAGE, "at most 253"),
    doors_file("toml-dev-zero", "d.toml", Link("/dev/zero"), USAGE, "larger than the limit of 4 MiB", sub=True),
    doors_file("toml-folder", "d.toml", DIR, USAGE, "is a directory"),
    doors_file("toml-fifo", "d.toml", FIFO, USAGE, "needs an [expected] table"),
    doors_file("toml-binary", "d.toml", bytes(range(256)), USAGE, "not UTF-8"),
    doors_file("toml-nul", "d.toml", b"[expected]\n\0\n", USAGE, "not valid TOML"),
    doors_file("toml-empty", "d.toml", b"", USAGE, "needs an [expected] table"),
    doors_file("toml-no-rules", "d.toml", toml(""), USAGE, "names no targets"),
    doors_file("toml-too-big", "d.toml", lambda: b"#" * (5 << 20), USAGE, "4 MiB"),
    Case("doors-missing", f"{SCAN} --expect-file none.toml", USAGE, "none.toml: no such file"),
    doors_file("csv-header", "d.csv", "target,port\n127.0.0.1,22\n", USAGE, "target,port,protocol"),
    doors_file("csv-empty-target", "d.csv", "target,port,protocol\n,22,tcp\n", USAGE, "line 2: the target is empty"),
    doors_file("csv-protocol", "d.csv", "target,port,protocol\n127.0.0.1,22,sctp\n", USAGE, "line 2" ),
    doors_file("csv-128k-field", "d.csv", 'target,port,protocol\n"' + "a" * 131_073 + '",22,tcp\n', USAGE, "field larger than field limit", sub=True),
    doors_file("csv-unterminated", "d.csv", 'target,port,protocol\n"127.0.0.1,22,tcp\n', USAGE, "unexpected end of data"),
    doors_file("csv-nul", "d.csv", b"target,port,protocol\n127.0.0.1\0,22,tcp\n", USAGE, "line 2"),
    doors_file("csv-port", "d.csv", "target,port,protocol\n127.0.0.1,70000,tcp\n", USAGE, "70000"),
    doors_file("csv-escape", "d.csv", f"target,port,protocol\n{ESC},22,tcp\n", USAGE, "\\x1b]0;pwned\\x07" ),
    doors_file("csv-only-header", "d.csv", "target,port,protocol\n", USAGE, "names no targets"),
    doors_file("csv-binary", "d.csv", b"\xff\xfe\x00\x01", USAGE, "not UTF-8"),
    doors_file("csv-audit-fails", "d.csv", "target,port,protocol\n127.0.0.1,1,tcp\n", 3, lines=0, shows="1 missing"),
    doors_file("toml-full-range", "d.toml", toml('"*" = ["1-65535/tcp"]'), 3, lines=0, shows="65,534 not checked"),
    # --- reports in other formats, shards, workers ----------------------------------
    Case("xml-empty", f"{SCAN} --xml ''", USAGE, "argument --xml: the value is empty", sub=True),
    Case("xml-and-csv-to-stdout", f"{SCAN} --xml - --csv -", USAGE, "stdout"),
    Case("xml-into-folder", f"{SCAN} --xml sub", USAGE, "is a folder", {"sub": DIR}),
    Case("shard-empty", f"{SCAN} --shard ''", USAGE, "argument --shard: the value is empty"),
    Case("shard-reversed", f"{SCAN} --shard 5/3", USAGE, "I must be between 1 and N"),
    Case("shard-superscript", f"{SCAN} --shard ²/3", USAGE, "not of the form I/N"),
    Case("shard-5000-digits", f"{SCAN} --shard 1/" + "9" * 5000, USAGE, "is not of the form I/N"),
    Case("shard-escape", (*SCAN.split(), "--shard", ESC), USAGE, "\\x1b]0;pwned\\x07"),
    Case("seed-5000-digits", f"{SCAN} --shard 1/2 --seed " + "9" * 5000, USAGE, "out of range 0-18446744073709551615"),
    Case("seed-arabic", f"{SCAN} --shard 1/2 --seed ١٢", USAGE, "is not a whole number"),
    Case("seed-without-shard", f"{SCAN} --seed 7", USAGE, "--seed needs --shard"),
    Case("workers-negative", f"{SCAN} --workers -1", USAGE, "-1 is out of range 0-"),
    Case("workers-huge", f"{SCAN} --workers " + "9" * 5000, USAGE, "is out of range 0-"),
    Case("import-empty-name", ("import", ""), USAGE, "argument FILE: the value is empty"),
    Case("import-history-empty", "import good.csv --history ''", USAGE, "argument --history", GOOD),
    Case("import-dev-zero", "import /dev/zero", USAGE, "line 1: longer than the limit of 1 MiB", sub=True),
    Case("import-folder", "import .", USAGE, "is a directory"),
    Case("import-missing", "import none.csv", USAGE, "none.csv: no such file"),
    Case("import-binary", "import r", USAGE, "not UTF-8", {"r": bytes(range(255, -1, -1))}),
    Case("import-escape", "import r", USAGE, "state '\\x1b]0;pwned\\x07'", {"r": row(state=ESC)}),
    Case("import-nmap-entity", "import r.xml", USAGE, "r.xml", {"r.xml": '<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY a "aaaa">]><nmaprun>&a;</nmaprun>'}),
    Case("import-nmap-truncated", "import r.xml", USAGE, "r.xml", {"r.xml": '<?xml version="1.0"?><nmaprun scanner="nmap"><host>'}),
    # --- portwindow hosts (only cases refused before any discovery probe) ------------
    Case("hosts-bad-target", "hosts 127.0.0.300", USAGE, "octet 300"),
    Case("hosts-escape", ("hosts", ESC), USAGE, "\\x1b]0;pwned\\x07"),
    Case("hosts-wait-0", "hosts 127.0.0.1 --wait 0", USAGE, "0 is out of range"),
    Case("hosts-wait-nan", "hosts 127.0.0.1 --wait nan", USAGE, '"nan" is not a number'),
    Case("hosts-retries", "hosts 127.0.0.1 --retries " + "9" * 5000, USAGE, "out of range 0-10"),
    Case("hosts-dev-zero", "hosts -iL /dev/zero", USAGE, "larger than the limit of 16 MiB"),
    Case("hosts-large", "hosts 2001:db8::/32", USAGE, "--allow-large"),
    # --- reports for diff -------------------------------------------------------------------
    diff("dev-zero", Link("/dev/zero"), USAGE, "line 1: longer than the limit of 1 MiB", sub=True),
    diff("dev-null", Link("/dev/null"), OK, lines=0, shows="0 unchanged"),
    diff("fifo", FIFO, OK, lines=0, shows="0 unchanged", sub=True),
    diff("folder", DIR, USAGE, "is a directory"),
    Case("report-missing", "diff none.csv good.csv", USAGE, "none.csv: no such file", files=GOOD),
    diff("binary", bytes(range(255, -1, -1)) * 8, USAGE, "line 1: not UTF-8", sub=True),
    diff("nul", HEADER + "h\0," + ROW, USAGE, "line 2"),
    diff("latin1", (HEADER + ROW.replace("h,", "caf\xe9,")).encode("latin-1"), USAGE, "line 2: not UTF-8"),
    diff("escape-host", row(host=ESC + "evil", state="closed"), OK, lines=0, shows="\\x1b]0;pwned\\x07evil (127.0.0.1)", sub=True),
    diff("bidi-host", row(host="a" + BIDI + "b", state="closed"), OK, lines=0, shows="a\\u202eb"),
    diff("c1-host", row(host="\x9b2J", state="closed"), OK, lines=0, shows="\\x9b2J"),
    diff("escaped-host", row(host="\\x1b]0;x\\x07", state="closed"), OK, lines=0, shows="\\x1b]0;x\\x07"),
    diff("overlong-line", HEADER + "a" * 2_000_000 + "\r\n", USAGE, "line 2: longer than the limit of 1 MiB"),
    diff("128k-field", HEADER + '"' + "a" * 131_073 + '",' + ROW[2:], USAGE, "field larger than field limit"),
    diff("bad-header", "host,address\r\n", USAGE, "missing column(s)"),
    diff("unknown-column", HEADER.replace("banner", ESC), USAGE, "unknown column(s) '\\x1b]0;pwned\\x07'"),
    diff("repeated-column", HEADER.strip() + ",port\r\n", USAGE, "repeated column(s) 'port'"),
    diff("field-count", HEADER + ROW.strip() + ",x\r\n", USAGE, "expected 9 fields, found 10"),
    diff("bad-state", row(state="shut"), USAGE, "state 'shut'"),
    diff("escape-state", row(state=ESC), USAGE, "state '\\x1b]0;pwned\\x07'"),
    diff("port-70000", row(port="70000"), USAGE, "port '70000' is not a port number"),
    diff("port-digits", row(port="9" * 5000), USAGE, "is not a port number"),
    diff("bad-address", row(address="127.0.0.300"), USAGE, "is not an IP address"),
    diff("bad-time", row(scanned_at="yesterday"), USAGE, "is not an ISO 8601 time"),
    diff("no-zone", row(scanned_at="2026-01-01T00:00:00"), USAGE, "has no time zone"),
    diff("far-time", row(scanned_at="0001-01-01T00:00:00+01:00"), USAGE, "is out of range"),
    diff("rtt-inf", row(rtt_ms="1e999"), USAGE, "rtt_ms"),
    diff("unterminated", HEADER + '"h,127.0.0.1', USAGE, "line 2"),
    diff("no-header", '""\r\n', USAGE, "no header line"),
    diff("json-array", JSON_ROW + "[1, 2]\n", USAGE, "line 2: expected a JSON object, found [1, 2]" ),
    diff("json-duplicate", '{"a": 1, "a": 2}\n', USAGE, "duplicate key 'a'"),
    diff("json-deep", '{"a": ' + "[" * 100_000 + "\n", USAGE, "not valid JSON"),
    diff("json-huge-number", '{"port": ' + "9" * 5000 + "}\n", USAGE, "not valid JSON"),
    diff("json-invalid", "{nope\n", USAGE, "not valid JSON"),
    diff("json-escape-key", '{"\\u001b]0;x": 1}\n', USAGE, "'\\x1b]0;x'"),
    diff("json-types", JSON_ROW.replace('"port": 22', '"port": true'), USAGE, "port True"),
    diff("bom-valid", "\ufeff" + HEADER + ROW, OK, lines=0, shows="1 unchanged"),
    diff("json-valid", JSON_ROW, OK, lines=0, shows="1 unchanged"),
    diff("blank", "\n\n\n", OK, lines=0, shows="0 opened, 1 closed"),  # all of good.csv went
    Case("report-same", "diff good.csv good.csv", OK, lines=0, files=GOOD, shows="1 unchanged"),
    Case("report-superscript-id", "diff ² good.csv", USAGE, "²: no such file", files=GOOD, sub=True ),
    Case("report-5000-digit-id", "diff " + "9" * 5000 + " good.csv", USAGE, "there is no scan 9999", files=GOOD, sub=True),
    Case("report-int64-id", "diff 99999999999999999999 good.csv", USAGE, "there is no scan", files=GOOD),
    Case("report-id-0", "diff 0 good.csv", USAGE, "there is no scan 0", files=GOOD),
    Case("report-empty-side", "diff '' good.csv", USAGE, "the value is empty", files=GOOD),
    Case("report-one-side", "diff good.csv", USAGE, "the following arguments are required", files=GOOD),
    Case("report-three-sides", "diff good.csv good.csv good.csv", USAGE, "unrecognized", files=GOOD ),
    Case("report-csv-missing-folder", "diff good.csv good.csv --csv no/c.csv", USAGE, "does not exist", files=GOOD, sub=True),
    Case("report-csv-folder", "diff good.csv good.csv --csv .", USAGE, "is a folder", files=GOOD, sub=True),
    Case("report-csv-long", "diff good.csv good.csv --csv " + "n" * 5000, USAGE, "longer than 255 bytes", files=GOOD),
    Case("report-csv-stdout", "diff good.csv r --csv -", OK, "From good.csv to r", {"r": row(host=ESC, state="closed"), **GOOD}, lines=3, shows="closed,\\x1b]0;pwned\\x07,127.0.0.1"),
]
# fmt: on
