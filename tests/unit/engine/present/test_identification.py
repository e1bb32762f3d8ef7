"""A banner read against the registry's name for the port."""

from portwindow.engine.present.identification import BannerReading, read_banner

SSH_BANNER = "SSH-2.0-OpenSSH_9.2p1"


def test_a_banner_on_its_registered_port_agrees(stub_identify):
    reading = read_banner(SSH_BANNER, "ssh")
    assert reading.identification == stub_identify.identify(SSH_BANNER)
    assert not reading.disagrees
    assert reading.answers_as() == "answers as ssh (OpenSSH 9.2p1)"
    assert reading.service_line() == "ssh (IANA) — answers as ssh (OpenSSH 9.2p1)"
    assert reading.warning() == ""


def test_ssh_on_http_alt_disagrees(stub_identify):
    reading = read_banner(SSH_BANNER, "http-alt")
    assert reading.disagrees
    assert reading.service_line() == "http-alt (IANA) — answers as ssh (OpenSSH 9.2p1)"
    assert reading.warning() == (
        "This door is registered for http-alt but the program behind it speaks ssh."
    )


def test_an_unregistered_port_cannot_disagree(stub_identify):
    reading = read_banner(SSH_BANNER, "")
    assert not reading.disagrees
    assert reading.service_line() == "not registered with IANA — answers as ssh (OpenSSH 9.2p1)"


def test_a_banner_that_names_nothing(stub_identify):
    reading = read_banner("220 welcome", "smtp")
    assert reading == BannerReading("smtp", None, disagrees=False)
    assert reading.answers_as() == ""
    assert reading.service_line() == "smtp (IANA)"


def test_no_banner_is_not_identified(stub_identify):
    assert read_banner("", "http-alt") == BannerReading("http-alt", None, disagrees=False)


def test_the_engine_s_identification_reads_openssh_on_8080(real_identify):
    reading = read_banner(SSH_BANNER, "http-alt")
    assert reading.identification is not None
    assert reading.identification.service == "ssh"
    assert reading.disagrees
    assert "ssh" in reading.answers_as()
    assert "registered for http-alt" in reading.warning()
