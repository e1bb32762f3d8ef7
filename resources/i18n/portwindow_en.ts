<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BandWords</name>
    <message>
        <source>%1 not probed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not probed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>well-known port (0-1023)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered port (1024-49151)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dynamic port (49152-65535)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no service registered with IANA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not probed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no RTT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>banner: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answers as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This door is registered for %1 but the program behind it speaks %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (IANA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not registered with IANA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BehindBox</name>
    <message>
        <source>Who is behind this door</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Changes between the scans</source>
        <extracomment>The table&apos;s columns, in order, and their headings.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes as doors or as a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the changes as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doors that changed; new open doors are ringed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoorView</name>
    <message>
        <source>Doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every port as a door, grouped per host: open, closed, filtered, open or filtered (UDP), or not probed yet. Asterisk opens every host, slash collapses every host to its overview row</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineBox</name>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the scans run: this machine, or the workers of a Dask cluster (each runs portwindow&apos;s own engine on its share of the doors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster scheduler address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tcp://scheduler:8786</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vantage points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any worker (or lan,wan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the same targets from each of these vantage points (workers started with --resources vantage-NAME=1), and see which doors are reachable from where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scheduler:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Vantage points:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong. portwindow keeps running; your results are kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExpectedDialog</name>
    <message>
        <source>Expected doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doors meant to be open, per target (an address, range, network, host name, or * for every host), e.g. 22/tcp, 443/tcp. After each scan, open doors no rule expects and expected doors found shut are marked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected doors by target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <extracomment>What Add fills a new row with: (target, doors), the host shown and its open doors (the window sets it); None: a blank row.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import expected doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export expected doors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExposureDialog</name>
    <message>
        <source>Exposure by vantage point</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>FindFeatures</name>
    <message>
        <source>Search: 22, 8000-9000, 53/udp, ssh…</source>
        <extracomment>The table&apos;s columns the user reads first, in this order, then the rest; and widths.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port numbers exactly (3306 is not 33060), ranges (8000-9000), a protocol (53/udp), or a service by IANA&apos;s name or by what its banner says (ssh); separate several with commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next open door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the next open door (N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;vious open door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the previous open door (Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next &amp;finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the next unexpected or missing door (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous fi&amp;nding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the previous unexpected or missing door (Shift+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show fin&amp;dings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the doors the expected-doors audit marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpect what is open now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the doors open now the expected doors of each host shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in the results shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 of %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expected doors were not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Findings summary</source>
        <extracomment>The parts, in order: what needs a look first. Their headings are findings_words&apos;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the summary (it comes back after the next scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the findings summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsWords</name>
    <message>
        <source>Open doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unconfirmed doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected but not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silent hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected: no rule expects %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing: %1 is expected open%2, found %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unconfirmed: %1 is expected open%2, found %3: no answer, so it may be open or filtered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: %1 is expected open%2, but this scan did not probe it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (rule %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (rules %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not probed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, answers as %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unregistered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no door answered (every door filtered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrozenColumn</name>
    <message>
        <source>Port (kept in sight)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Headings</name>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listens on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open and filtered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open|filtered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not probed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings (unexpected, missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC / vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every door is as expected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open doors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not confirmed or not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>well-known (0-1023)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered (1024-49151)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dynamic (49152-65535)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>Reopening the scan…</source>
        <extracomment>The results shown were audited (after a scan, a reopening, new rules): the findings summary follows.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history holds fewer than two scans of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>these targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected doors: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Scans that saw open… (e.g. 3306/tcp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search scans by a door seen open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this scan&apos;s results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two selected scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with &amp;previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the newest scan of the current targets with the one before</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostList</name>
    <message>
        <source>Filter hosts by name, address, MAC, vendor or door…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show hosts that did not answer (greyed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 that did not answer hidden)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostListModel</name>
    <message>
        <source>not scanned</source>
        <extracomment>The host list&apos;s columns, in order (STATE is 0). A host whose doors answered is there even without discovery (a reset is an answer). Hosts re-sorted as their doors change (more: when a header is clicked).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not looked at by discovery: up when a door answered (open or closed)</source>
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
    <name>MainWindow</name>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A port scanner: every port a door.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service names from IANA&apos;s registry (CC0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message>
        <source>rsh (remote shell) is an ancient way to run commands on another machine with no encryption and trust based on the address alone. SSH replaced it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syslog collects log messages: devices and servers send what happens to them to a central log server here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTP uses this port for the data of a file transfer in &apos;active&apos; mode; the commands travel on port 21.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTP (File Transfer Protocol) is an old way to upload and download files. It sends the password and the files unencrypted, so SFTP (over SSH) or HTTPS has replaced it in most places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH (Secure Shell) is used for remote login: a person types commands on this computer from another one, over an encrypted connection. It also copies files (scp, sftp) and builds tunnels. Administrators rely on it; attackers try passwords on it all day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telnet is the ancestor of SSH: remote login to a command line, but with everything, passwords included, sent in plain text. Today it is mostly found on old routers and cheap devices, and is a favourite target of botnets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP is how mail servers hand e-mail to each other. A mail server listens here; on an ordinary computer this port usually means a local mail program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS is the internet&apos;s phone book: it turns names such as example.org into addresses. A DNS server or a local resolver (often in a router) listens here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DHCP hands out addresses: a device joining a network asks, and a DHCP server (usually the router) answers on this port with an address to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DHCP clients, the devices asking for an address, receive the server&apos;s answers here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TFTP is a tiny file transfer protocol with no passwords at all. Network devices use it to load their software or settings at start-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP is the web: browsers ask web servers for pages here. Plain HTTP is not encrypted; most sites only use it to send visitors on to HTTPS (port 443). Routers and printers often show their settings page here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kerberos checks who you are on company networks, most famously in Windows domains (Active Directory): you log in once and receive tickets for other services. Domain controllers listen here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3 lets a mail program download messages from a mailbox. Plain POP3 sends the password unencrypted; 995 is the encrypted variant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rpcbind (the portmapper) is a directory for older Unix network services such as NFS: programs ask it which port a service currently uses. It reveals a lot about a machine and should stay on the local network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NNTP carries Usenet newsgroups, the discussion forums of the early internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NTP keeps clocks right: computers ask a time server here and adjust their own clock, which matters for logs, certificates and logins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft RPC is the directory of Windows&apos; remote procedure calls: other Windows machines ask it where to find services for remote management. It belongs inside a company network only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetBIOS is an old Windows networking layer for finding computers by name and sharing files and printers on a local network. Modern Windows still answers on it for compatibility; it should never be reachable from the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP lets a mail program read a mailbox that stays on the server, so several devices see the same mail. 993 is the encrypted variant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SNMP lets monitoring tools read (and sometimes change) the settings and counters of routers, switches, printers and servers. Old versions protect it only with a shared word called a community string, often left as &apos;public&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BGP is how the large networks that make up the internet tell each other which addresses they can reach. Only routers of internet providers speak it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LDAP is a directory of people, computers and groups, such as a company&apos;s address book and accounts (Active Directory or OpenLDAP). Programs ask it who someone is and what they may do. 636 is the encrypted variant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS is the web with encryption (TLS): the padlock in the browser. Almost every website, and many apps and devices, use this port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMB (Microsoft-DS) is Windows file and printer sharing: shared folders, network drives and remote administration. It is widely used inside offices and homes, and famous worms such as WannaCry spread through it, so it must never face the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is encrypted mail submission (SMTP over TLS): mail programs send outgoing messages to their provider here, after logging in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IKE sets up IPsec VPN connections: two ends agree on keys here before the protected traffic flows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LPD is an old printing protocol from Unix: computers send print jobs to a printer or a print server here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AFP is Apple&apos;s older file sharing protocol, used by Macs and Time Machine backup drives before SMB took over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTSP controls video streams, the play and pause buttons of network cameras and media servers. Open cameras on the internet are often found on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is mail submission: mail programs send outgoing messages to their provider&apos;s server here after logging in, usually upgrading to encryption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPP (Internet Printing Protocol) is how computers send documents to printers today; CUPS, the print system of Linux and macOS, listens here and often has a web page for its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LDAPS is LDAP, the directory of users and computers, over an encrypted connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rsync copies and synchronises folders between computers, sending only what changed. Its daemon here may share folders without any password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAPS is IMAP, reading mail that stays on the server, over an encrypted connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3S is POP3, downloading mail, over an encrypted connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOCKS is a proxy: programs send their connections through it to reach other machines. An open SOCKS proxy lets strangers hide behind this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenVPN is a popular VPN: it builds an encrypted tunnel into a private network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft SQL Server, a database, takes queries from programs here. Databases hold the valuable data, so this port should only be reachable by the applications that need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Oracle database&apos;s listener takes connections from programs here and passes them to the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PPTP is an old VPN protocol; its encryption is broken and it should be retired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT is a small messaging protocol for sensors and smart-home devices: they publish readings to a central broker, and other devices subscribe to them. 8883 is the encrypted variant; plain 1883 without a password lets anyone read and send messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSDP is part of UPnP: devices such as TVs, speakers and routers announce themselves on the local network and find each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NFS shares folders between Linux and Unix machines, so that a remote folder looks like a local one. It trusts the client machine about who the user is, so it belongs on a trusted network only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the Docker daemon&apos;s remote control. Whoever can talk to it can start containers with full access to the machine, so it is as powerful as the root password. 2375 is unencrypted and should never be reachable from a network; 2376 uses TLS with client certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>etcd is a small, reliable database that clusters (Kubernetes, for one) use to store their configuration and secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squid and other web proxies often listen here: browsers send their web requests through the proxy, which fetches the pages for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MySQL (or MariaDB), a very common database, takes queries from programs here. Websites often use it; it should only be reachable by the applications that need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RDP (Remote Desktop, registered as ms-wbt-server) shows a Windows desktop on another computer. It is handy for administrators and constantly attacked, so it belongs behind a VPN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPsec VPNs use this port to carry their encrypted traffic through home routers (NAT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP sets up internet phone calls (VoIP): desk phones and phone systems use it to ring each other, then send the voice separately. 5061 is the encrypted variant. Open SIP ports attract scanners looking for free calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mDNS lets devices on a local network find each other by name without a DNS server: printers, Chromecasts, Macs (&apos;Bonjour&apos;) and Linux (&apos;Avahi&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL, a popular open-source database, takes queries from programs here. It should only be reachable by the applications that need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMQP is the language of message brokers such as RabbitMQ: programs drop messages in queues for other programs to pick up later. 5671 is the encrypted variant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CouchDB is a database that programs talk to over HTTP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis is a very fast in-memory database and cache. It was designed for trusted networks, and an open Redis server with no password can be taken over completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is usually the Kubernetes API server, the control centre of a container cluster: every command to the cluster goes through it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IRC is internet chat in channels, one of the oldest chat systems still in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web servers often use this port as an alternative to 80, typically for a second website, a development server, a proxy or the admin page of an application or a device. What you get depends entirely on the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An alternative HTTPS port: encrypted web pages, often the admin page of an application, an appliance or a proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prometheus, a monitoring system, usually serves its web page and query interface here; other programs (Cockpit, for one) use this port too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka is a system for streams of messages between programs, used in large data pipelines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw printing (JetDirect): many network printers print whatever arrives on this port, with no questions asked. Prometheus&apos;s node exporter also uses it for machine statistics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elasticsearch is a search engine and database used for logs and site search. Its web interface on 9200 (and cluster traffic on 9300) has leaked many databases when it was left open without a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the kubelet, the agent on each Kubernetes node that runs containers. Without proper authentication it lets anyone run commands in them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memcached is a cache that keeps data in memory for websites. It has no passwords; open ones on the internet have been abused to flood others with traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minecraft Java Edition servers wait for players here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MongoDB, a document database, takes queries from programs here. Many databases have leaked because this port was open without a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WireGuard, a modern, fast VPN, often uses this port for its encrypted tunnel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VNC shares a computer&apos;s screen: someone elsewhere sees the desktop and controls the mouse and keyboard. Each display has its own port from 5900 upwards. Many setups use weak passwords and no encryption, so it belongs behind a VPN or an SSH tunnel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X11 is the classic Linux and Unix graphical display system. A listening X server lets programs on other machines draw windows here, and read keystrokes too, so it is normally closed to the network. Each display has its own port from 6000 upwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port {port} is a well-known port (0-1023): these numbers are set aside for common system services, and on most systems only an administrator may open them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port {port} is a registered port (1024-49151): projects and companies register these numbers with IANA for their programs, but any program may use them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port {port} is a dynamic port (49152-65535): nobody registers these; the operating system hands them out for short-lived connections, so a program listening here usually just picked a free number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This door is open: a program is listening and accepted a connection. If nobody needs this service, close the door: stop the service or block the port in the firewall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The door is shut: the host answered, but no program listens here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer came: a firewall probably drops the knock, so we cannot tell whether anything is behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer came back. For UDP that is normal for many services that only answer correct requests, or a firewall dropped the knock: the door may be open or barred.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not probed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This door is open: a program answered the knock. If nobody needs this service, close the door: stop the service or block the port in the firewall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IANA lists this port as: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>portwindow watches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenerDialog</name>
    <message>
        <source>Openers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How a door is opened, by its service (IANA&apos;s name, or what its banner said). A command is started as it is split here, never by a shell; {host}, {port} and {name} are filled in per door. Kinds: url (the desktop opens it), command, copy (to the clipboard). Openers are offered for open doors only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Openers</name>
    <message>
        <source>&amp;Openers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How a door is opened: the browser, ssh, RDP, VNC…</source>
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
        <source>%1 of %Ln host(s)</source>
        <translation>
            <numerusform>%1 of %Ln host</numerusform>
            <numerusform>%1 of %Ln hosts</numerusform>
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
    <message numerus="yes">
        <source>Delete %Ln scan(s) from the history?</source>
        <translation>
            <numerusform>Delete this scan from the history?</numerusform>
            <numerusform>Delete these %Ln scans from the history?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln door(s) as nmap XML to %1</source>
        <translation>
            <numerusform>Exported %Ln door as nmap XML to %1</numerusform>
            <numerusform>Exported %Ln doors as nmap XML to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open door(s)</source>
        <translation>
            <numerusform>%Ln open door</numerusform>
            <numerusform>%Ln open doors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open door(s) on %1</source>
        <translation>
            <numerusform>%Ln open door on %1</numerusform>
            <numerusform>%Ln open doors on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln silent host(s)</source>
        <translation>
            <numerusform>%Ln silent host</numerusform>
            <numerusform>%Ln silent hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln door(s): %1</source>
        <translation>
            <numerusform>%Ln door: %1</numerusform>
            <numerusform>%Ln doors: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln finding(s)</source>
        <translation>
            <numerusform>%Ln finding</numerusform>
            <numerusform>%Ln findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expected doors on %Ln host(s): %1</source>
        <translation>
            <numerusform>Expected doors on %Ln host: %1</numerusform>
            <numerusform>Expected doors on %Ln hosts: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln closed door(s) not pictured.</source>
        <translation>
            <numerusform>%Ln closed door not pictured.</numerusform>
            <numerusform>%Ln closed doors not pictured.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportWords</name>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (stopped early: partial results)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 probed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 rules not checked: the scan probed no %1 port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected open doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open, but no rule expects them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected open, found closed or filtered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made by %1 %2. Service names from IANA&apos;s Service Name and Transport Protocol Port Number Registry (CC0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not probed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultViews</name>
    <message>
        <source>Doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doors or table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show doors by state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search port or service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by port or service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Door size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zoom:</source>
        <translation type="unfinished"></translation>
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
        <source>Targets error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports error</source>
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
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanStatus</name>
    <message>
        <source>Expected doors audit</source>
        <extracomment>The progress and the counts change at most this often (seconds) during a scan.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts of doors by state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ports/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · ETA %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected doors: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Scanning</name>
    <message>
        <source>; %1 of %2 hosts did not answer discovery and were not scanned</source>
        <extracomment>Hosts whose (not yet probed) doors are shown as soon as a scan starts. A batch every 50 ms: the engine&apos;s thread collects it (ScanSession.collect), so the Qt thread&apos;s share is small; each batch wakes the Qt thread, which then takes the GIL from the engine (at 25 ms the window&apos;s scans took 10-15 % longer and its timers&apos; worst gaps were longer).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; expected doors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The targets hold %1 addresses, more than %2. Scanning them can take very long. Scan anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchStatus</name>
    <message>
        <source>Doors shown</source>
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
        <source>Connect again to each open TCP door and read what the program says first (its banner), to tell which program answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find which &amp;hosts are there first</source>
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
<context>
    <name>StatusWords</name>
    <message>
        <source>%1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 filtered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open|filtered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unexpected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unconfirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1 of %2 ports in %3 s; %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: %1 of %2 ports in %3 s; %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewNotice</name>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Watches</name>
    <message>
        <source>Watch %1 did not run: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch %1 has not run twice yet: nothing to compare.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchesPanel</name>
    <message>
        <source>Watches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No watches yet: portwindow watch add NAME TARGET --every 15</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and keep the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every result as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;shown as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export only what the filter shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved CSV or JSON report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Doors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About portwindow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the door pictures, rings, badges, states and reasons mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every key of the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpected doors…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which doors are meant to be open on which targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a printable report (PDF or HTML)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with &amp;previous scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed since the scan of these targets before the last one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as &amp;nmap XML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every result as nmap&apos;s XML (for ndiff, Zenmap …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xposure by vantage point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which doors are reachable from which vantage point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>exposure_view</name>
    <message>
        <source>%1 doors are open from some vantage points and not from others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No exposure to show: scan from two vantage points first (Scan settings → Engine)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>watches</name>
    <message>
        <source>Watches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xml_export</name>
    <message>
        <source>Nothing to export yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
