"""Baselines read from a ufw status, an nft ruleset and a compose file."""

import pytest

from portwindow.engine.audit.baselines import read_baseline
from portwindow.engine.audit.doors import format_doors
from portwindow.engine.core.errors import InputError

UFW = """Status: active

To                         Action      From
--                         ------      ----
22/tcp                     LIMIT       Anywhere
80,443/tcp                 ALLOW       Anywhere
60000:60010/udp            ALLOW IN    Anywhere
53                         ALLOW       192.0.2.0/24
OpenSSH                    ALLOW       Anywhere
3306/tcp                   DENY        Anywhere
203.0.113.5 8080/tcp       ALLOW       Anywhere
25/tcp                     ALLOW OUT   Anywhere
22/tcp (v6)                LIMIT       Anywhere (v6)
"""

NFT = """table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		tcp dport 22 accept
		tcp dport { 80, 443 } accept
		meta l4proto { tcp, udp } th dport 53 accept
		udp dport 5000-5002 counter packets 0 bytes 0 accept
		tcp dport 3306 drop
		jump services
	}
	chain services {
		tcp dport 9100 ip saddr 192.0.2.0/24 accept
	}
	chain output {
		type filter hook output priority filter; policy accept;
		tcp dport 25 accept
	}
}
"""

COMPOSE = """services:
  web:
    image: nginx
    ports:
      - "8080:80"
      - "127.0.0.1:8443:443/tcp"
      - 9000-9001:9000-9001
      - "3000"
    environment:
      - PORTS=1:2
  dns:
    ports:
      - target: 53
        published: 5353
        protocol: udp
      - target: 9999
  db:
    expose:
      - "5432"
"""


@pytest.mark.parametrize(
    ("name", "text", "doors"),
    [
        ("ufw.txt", UFW, "22/tcp, 53/tcp, 80/tcp, 443/tcp, 8080/tcp, 53/udp, 60000-60010/udp"),
        ("ruleset.nft", NFT, "22/tcp, 53/tcp, 80/tcp, 443/tcp, 9100/tcp, 53/udp, 5000-5002/udp"),
        ("docker-compose.yml", COMPOSE, "8080/tcp, 8443/tcp, 9000-9001/tcp, 5353/udp"),
    ],
)
def test_the_doors_a_configuration_opens(tmp_path, name, text, doors):
    path = tmp_path / name
    path.write_text(text)
    baseline = read_baseline(path)
    assert format_doors(baseline.doors) == doors


def test_what_is_not_read_is_noted(tmp_path):
    path = tmp_path / "docker-compose.yml"
    path.write_text(COMPOSE)
    notes = read_baseline(path).notes
    assert len(notes) == 2
    assert "3000" in notes[0]
    assert "random port" in notes[0]
    assert "9999" in notes[1]
    path = tmp_path / "ufw.txt"
    path.write_text(UFW)
    assert [n for n in read_baseline(path).notes if "OpenSSH" in n]


def test_a_file_of_no_known_kind_says_so(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    with pytest.raises(InputError, match="--kind"):
        read_baseline(path)
