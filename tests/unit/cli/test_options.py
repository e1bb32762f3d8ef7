"""The command line's options (cli/options.py): every value range-checked as it is parsed,
one line naming the option, exit 2, and nothing scanned. Each test is named after a defect
of issue 10."""

import pytest

from portwindow.cli.commands import EXIT_USAGE, build_parser, main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_usage_error(capsys, *argv) -> str:
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--timeout", "61", "61 is out of range 0.01-60 seconds"),
        ("--timeout", "inf", '"inf" is not a number'),
        ("--timeout", "nan", '"nan" is not a number'),
        ("--timeout", "1e400", "out of range"),
        ("--timeout", "0", "0 is out of range"),
        ("--timeout", "-1", "-1 is out of range"),
        ("--timeout", "1_0", '"1_0" is not a number'),
        ("--timeout", "١", "is not a number"),  # an Arabic-Indic one: float() takes it
        ("--rate", "1e-300", "1e-300 is out of range 0.1-1e+07 probes/s"),
        ("--rate", "0", "out of range"),
        ("--udp-pace", "1e-300", "1e-300 is out of range 1-1e+06 probes/s"),
        ("--udp-pace", "1e300", "out of range"),
        ("--retries", "21", "21 is out of range 0-20"),
        ("--retries", "9" * 5000, "is out of range 0-20"),
        ("--retries", "²", '"²" is not a whole number'),
        ("--retries", "1.5", "is not a whole number"),
        ("--concurrency", "0", "0 is out of range 1-65535"),
        ("--concurrency", "65536", "out of range 1-65535"),
        ("--per-host", "0", "0 is out of range 1-65535"),
    ],
)
def test_every_number_is_range_checked_at_parse_time(capsys, option, value, says):
    err = one_line_usage_error(capsys, "scan", "127.0.0.1", "-p", "1", option, value)
    assert f"argument {option}: " in err
    assert says in err
    assert len(err) < 200


def test_timeout_61_inf_and_nan_are_one_line_not_a_traceback(capsys):
    for value in ("61", "inf", "nan"):
        assert "--timeout" in one_line_usage_error(capsys, "scan", "127.0.0.1", "--timeout", value)


def test_rate_and_udp_pace_of_1e_300_are_refused_rather_than_never_ending(capsys):
    for option in ("--rate", "--udp-pace"):
        err = one_line_usage_error(capsys, "scan", "127.0.0.1", "-p", "U:1", option, "1e-300")
        assert option in err


@pytest.mark.parametrize(
    "option",
    ["--expect", "--csv", "--json", "--exclude", "-iL", "--expect-file", "--history", "-p"],
)
def test_an_empty_value_is_an_error_not_a_silent_skip(capsys, option):
    err = one_line_usage_error(capsys, "scan", "127.0.0.1", option, "")
    assert f"argument {option}" in err
    assert "empty" in err


def test_expect_empty_is_exit_2_not_a_passed_audit(capsys):
    """A CI gate on an unset variable (--expect "$DOORS") must fail, not pass."""
    err = one_line_usage_error(capsys, "scan", "127.0.0.1", "-p", "1", "--expect", "")
    assert "--expect" in err


def test_csv_empty_is_an_error_not_silently_nothing(capsys):
    err = one_line_usage_error(capsys, "scan", "127.0.0.1", "-p", "1", "--csv", " ")
    assert "--csv" in err


def test_both_reports_to_stdout_are_refused(capsys):
    err = one_line_usage_error(capsys, "scan", "127.0.0.1", "-p", "1", "--csv", "-", "--json", "-")
    assert "stdout" in err


def test_a_nul_in_a_file_name_is_named(capsys):
    err = one_line_usage_error(capsys, "scan", "127.0.0.1", "-iL", "a\0b")
    assert "NUL" in err


def test_unknown_arguments_are_quoted_short(capsys):
    err = one_line_usage_error(capsys, "scan", "127.0.0.1", "--frob", "x" * 100_000)
    assert "unrecognized arguments" in err
    assert len(err) < 400


def test_the_defaults_are_in_range():
    args = build_parser().parse_args(["scan", "127.0.0.1"])
    assert args.timeout is None  # the timing preset decides
    assert args.exclude is None
    assert args.expect is None
