"""make_result makes the PortResult the class makes: equal, hashable alike, frozen."""

import dataclasses
import pickle

import pytest

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.result_maker import make_result

ARGS = ("web", "198.51.100.7", Protocol.TCP, 443, PortState.OPEN, Reason.SYN_ACK, 0.0012, 1.5e9)


def test_it_is_the_classs_own_result():
    made, plain = make_result(*ARGS), PortResult(*ARGS)
    assert make_result is not PortResult  # the fast path is in use for today's PortResult
    assert type(made) is PortResult
    assert made == plain
    assert hash(made) == hash(plain)
    assert made.banner == ""
    assert make_result(*ARGS, banner="SSH-2.0") == PortResult(*ARGS, banner="SSH-2.0")
    assert dataclasses.replace(made, rtt=None) == PortResult(*ARGS[:6], None, ARGS[7])
    assert pickle.loads(pickle.dumps(made)) == plain


def test_it_stays_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        make_result(*ARGS).port = 80
