"""Openers: the defaults per service, templates filled argument by argument, hostile
names refused, and only open doors offered."""

import pytest

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.present.openers import (
    DEFAULT_OPENERS,
    Opener,
    OpenerKind,
    expand,
    openers_for,
)


def door(state=PortState.OPEN, protocol=Protocol.TCP, port=22):
    return PortResult(
        "198.51.100.7", "198.51.100.7", protocol, port, state, Reason.SYN_ACK, 0.001, 0.0
    )


def test_an_ssh_door_offers_a_login_first_and_copies():
    labels = [opener.label for opener in openers_for(door(), "ssh")]
    assert labels[0] == "Log in with ssh"
    assert "Copy host:port" in labels


@pytest.mark.parametrize("state", [PortState.CLOSED, PortState.FILTERED, PortState.OPEN_FILTERED])
def test_only_open_doors_have_openers(state):
    assert openers_for(door(state), "ssh") == []


def test_a_udp_door_has_only_its_services_openers():
    assert openers_for(door(protocol=Protocol.UDP, port=53), "domain") == []


def test_commands_are_split_first_then_filled_so_a_value_stays_one_argument():
    (login, _copy) = DEFAULT_OPENERS["ssh"]
    action = expand(login, "198.51.100.7", 2222)
    assert action.argv == ("x-terminal-emulator", "-e", "ssh", "-p", "2222", "198.51.100.7")
    assert action.text == "x-terminal-emulator -e ssh -p 2222 198.51.100.7"


def test_urls_bracket_ipv6_and_copies_do_not():
    (http,) = DEFAULT_OPENERS["http"]
    assert expand(http, "2001:db8::5", 8080).text == "http://[2001:db8::5]:8080/"
    copy = Opener("Copy", OpenerKind.COPY, "{host}:{port}")
    assert expand(copy, "2001:db8::5", 22).text == "2001:db8::5:22"


@pytest.mark.parametrize(
    "host", ["-oProxyCommand=touch /tmp/x", "a b", "host;rm -rf", "", "x" * 300, "evil\x1b]0;"]
)
def test_a_host_that_could_be_an_option_or_a_second_argument_is_refused(host):
    with pytest.raises(InputError, match="not opened"):
        expand(DEFAULT_OPENERS["ssh"][0], host, 22)


def test_a_hostile_service_name_is_left_out():
    opener = Opener("Say", OpenerKind.COMMAND, "echo {name}")
    assert expand(opener, "web.example", 80, "$(reboot)").argv == ("echo", "")
    assert expand(opener, "web.example", 80, "http-alt").argv == ("echo", "http-alt")


@pytest.mark.parametrize(
    ("template", "kind", "message"),
    [
        ("", OpenerKind.URL, "needs a template"),
        ("http://{hots}/", OpenerKind.URL, "unknown placeholder {hots}"),
        ("ssh 'unclosed", OpenerKind.COMMAND, "cannot split"),
        ("{host} --flag", OpenerKind.COMMAND, "must start with a program"),
        ("x" * 1001, OpenerKind.COPY, "at most 1000"),
    ],
)
def test_bad_templates_are_named(template, kind, message):
    with pytest.raises(InputError, match=message.replace("{", r"\{").replace("}", r"\}")):
        Opener("bad", kind, template)


def test_custom_openers_replace_the_defaults():
    mine = {"ssh": (Opener("Mosh", OpenerKind.COMMAND, "mosh --ssh='ssh -p {port}' {host}"),)}
    (first, *_rest) = openers_for(door(), "ssh", mine)
    assert first.label == "Mosh"
    assert expand(first, "web.example", 2200).argv == ("mosh", "--ssh=ssh -p 2200", "web.example")
