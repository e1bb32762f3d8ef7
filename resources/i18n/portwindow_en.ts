<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>FileActions</name>
    <message>
        <source>Open report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export shown results as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the report to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A program answers at this door: something listens there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host answered that nothing listens here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer, or a refusal from a firewall: nobody can see behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open|filtered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP: no answer. A program may listen quietly, or a firewall drops it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not probed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan has not knocked on this door yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expected doors disagree: open but no rule expects it (unexpected), or expected open and found closed or filtered (missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The door was knocked on over UDP (without it: TCP).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program at this door speaks another service than the one registered for its port (its banner says so).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host accepted the connection (open).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host refused the connection at once (closed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A program answered over UDP (open).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host said the UDP port is unreachable (closed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing came back before the timeout, after every retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A router said the host cannot be reached (filtered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A router said the network cannot be reached (filtered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A firewall said it is not allowed (filtered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host does not speak the protocol (filtered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The knock failed on this machine (its message says why).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from another scanner&apos;s report: the host reset the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from another scanner&apos;s report: a reason portwindow has no word for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move between doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First and last door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A screen of doors up or down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select several doors, or all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open every host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse every host to its overview row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Targets or Ports: the recent entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doors and marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>Copied %Ln result(s)</source>
        <translation>
            <numerusform>Copied %Ln result</numerusform>
            <numerusform>Copied %Ln results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %Ln result(s) to %1…</source>
        <translation>
            <numerusform>Exporting %Ln result to %1…</numerusform>
            <numerusform>Exporting %Ln results to %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln result(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln result to %1</numerusform>
            <numerusform>Exported %Ln results to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened %Ln result(s) from %1</source>
        <translation>
            <numerusform>Opened %Ln result from %1</numerusform>
            <numerusform>Opened %Ln results from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s)</source>
        <translation>
            <numerusform>%Ln scan</numerusform>
            <numerusform>%Ln scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln host(s)</source>
        <translation>
            <numerusform>%Ln host</numerusform>
            <numerusform>%Ln hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln result(s)</source>
        <translation>
            <numerusform>%Ln result</numerusform>
            <numerusform>%Ln results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) saw %1 open.</source>
        <translation>
            <numerusform>%Ln scan saw %1 open.</numerusform>
            <numerusform>%Ln scans saw %1 open.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln scan(s) from the history</source>
        <translation>
            <numerusform>Deleted %Ln scan from the history</numerusform>
            <numerusform>Deleted %Ln scans from the history</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanForm</name>
    <message>
        <source>Top 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Well-known 1-1023</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All 1-65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP and UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts to scan: addresses, networks in CIDR notation, ranges or host names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports to knock on: numbers, ranges, service names, top100, top1000, all; T: or U: in front of ports picks TCP or UDP for them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to knock on the ports without a T: or U: prefix: TCP, UDP, or both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to knock on the ports: TCP, UDP, or both on each port.
T: or U: written in front of ports wins for those ports (22,U:53).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start scanning (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop scanning and keep what was found (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Targets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;orts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proto&amp;col:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project&apos;s curated list of 100 TCP ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project&apos;s curated lists of 100 ports (UDP&apos;s own)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanStatus</name>
    <message>
        <source>%1 / %2 ports</source>
        <extracomment>The progress and the counts change at most this often (seconds) during a scan.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Paranoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggressive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How hard the scan knocks. Normal learns the path and is exact; paranoid and polite go slowly; aggressive waits less and retries once. The settings below left at their defaults follow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest wait for an answer. The wait adapts to measured round-trip times below this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often to knock again on a door that gave no answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections waiting for an answer at once (0: automatic).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit in probes per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> probes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read &amp;banners of open TCP doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read banners of open TCP doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect again to each open TCP door and read what the program says first (its banner), to tell which program answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find which &amp;hosts are there first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find which hosts are there first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before probing ports, ask every address whether it is there (TCP, UDP, ICMP echo, ARP) and probe only the hosts that answer. A single target is always probed. Off: every address is probed (nmap&apos;s -Pn).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window&apos;s language, from the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;iming:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connections in flight:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate &amp;limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
