<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>FileActions</name>
    <message>
        <source>Open report</source>
        <translation>レポートを開く</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>レポートを書き出す</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>書き出すものはまだありません</translation>
    </message>
    <message>
        <source>Export shown results as CSV</source>
        <translation>表示中の結果を CSV に書き出す</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV に書き出す</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>書き出しに失敗しました</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 を開いています…</translation>
    </message>
    <message>
        <source>Cannot open report</source>
        <translation>レポートを開けません</translation>
    </message>
    <message>
        <source>Exported the report to %1</source>
        <translation>レポートを %1 に書き出しました</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Open</source>
        <translation>開いている</translation>
    </message>
    <message>
        <source>A program answers at this door: something listens there.</source>
        <translation>このドアではプログラムが応答しています。何かが待ち受けています。</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>閉じている</translation>
    </message>
    <message>
        <source>The host answered that nothing listens here.</source>
        <translation>ホストは、ここでは何も待ち受けていないと応答しました。</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>フィルタされている</translation>
    </message>
    <message>
        <source>No answer, or a refusal from a firewall: nobody can see behind it.</source>
        <translation>応答がないか、ファイアウォールが拒否しました。その奥は誰にも見えません。</translation>
    </message>
    <message>
        <source>Open|filtered</source>
        <translation>開いている|フィルタ</translation>
    </message>
    <message>
        <source>UDP: no answer. A program may listen quietly, or a firewall drops it.</source>
        <translation>UDP: 応答なし。プログラムが黙って待ち受けているか、ファイアウォールが破棄しています。</translation>
    </message>
    <message>
        <source>Not probed yet</source>
        <translation>未調査</translation>
    </message>
    <message>
        <source>The scan has not knocked on this door yet.</source>
        <translation>スキャンはまだこのドアをノックしていません。</translation>
    </message>
    <message>
        <source>Red ring</source>
        <translation>赤い輪</translation>
    </message>
    <message>
        <source>The expected doors disagree: open but no rule expects it (unexpected), or expected open and found closed or filtered (missing).</source>
        <translation>想定ドアと食い違っています。開いているがどのルールも想定していない (想定外)、または開いているはずが閉じているかフィルタされている (欠落) です。</translation>
    </message>
    <message>
        <source>UDP tag</source>
        <translation>UDP タグ</translation>
    </message>
    <message>
        <source>The door was knocked on over UDP (without it: TCP).</source>
        <translation>このドアは UDP でノックされました (タグがなければ TCP)。</translation>
    </message>
    <message>
        <source>Warning badge</source>
        <translation>警告バッジ</translation>
    </message>
    <message>
        <source>The program at this door speaks another service than the one registered for its port (its banner says so).</source>
        <translation>このドアのプログラムは、ポートに登録されたものとは別のサービスを話しています (バナーからわかります)。</translation>
    </message>
    <message>
        <source>The host accepted the connection (open).</source>
        <translation>ホストが接続を受け入れました (開いている)。</translation>
    </message>
    <message>
        <source>The host refused the connection at once (closed).</source>
        <translation>ホストがすぐに接続を拒否しました (閉じている)。</translation>
    </message>
    <message>
        <source>A program answered over UDP (open).</source>
        <translation>プログラムが UDP で応答しました (開いている)。</translation>
    </message>
    <message>
        <source>The host said the UDP port is unreachable (closed).</source>
        <translation>ホストが UDP ポートに到達できないと応答しました (閉じている)。</translation>
    </message>
    <message>
        <source>Nothing came back before the timeout, after every retry.</source>
        <translation>すべての再試行の後も、タイムアウトまでに何も返ってきませんでした。</translation>
    </message>
    <message>
        <source>A router said the host cannot be reached (filtered).</source>
        <translation>ルーターがホストに到達できないと応答しました (フィルタ)。</translation>
    </message>
    <message>
        <source>A router said the network cannot be reached (filtered).</source>
        <translation>ルーターがネットワークに到達できないと応答しました (フィルタ)。</translation>
    </message>
    <message>
        <source>A firewall said it is not allowed (filtered).</source>
        <translation>ファイアウォールが許可されていないと応答しました (フィルタ)。</translation>
    </message>
    <message>
        <source>The host does not speak the protocol (filtered).</source>
        <translation>ホストはそのプロトコルに対応していません (フィルタ)。</translation>
    </message>
    <message>
        <source>The knock failed on this machine (its message says why).</source>
        <translation>このマシンでノックに失敗しました (理由はメッセージにあります)。</translation>
    </message>
    <message>
        <source>Read from another scanner&apos;s report: the host reset the connection.</source>
        <translation>他のスキャナのレポートから: ホストが接続をリセットしました。</translation>
    </message>
    <message>
        <source>Read from another scanner&apos;s report: a reason portwindow has no word for.</source>
        <translation>他のスキャナのレポートから: portwindow に該当する言葉のない理由です。</translation>
    </message>
    <message>
        <source>Move between doors</source>
        <translation>ドア間を移動</translation>
    </message>
    <message>
        <source>First and last door</source>
        <translation>最初と最後のドア</translation>
    </message>
    <message>
        <source>A screen of doors up or down</source>
        <translation>1 画面分上下に移動</translation>
    </message>
    <message>
        <source>Select several doors, or all</source>
        <translation>複数のドア、またはすべてを選択</translation>
    </message>
    <message>
        <source>Open every host</source>
        <translation>すべてのホストを開く</translation>
    </message>
    <message>
        <source>Collapse every host to its overview row</source>
        <translation>すべてのホストを概要の行にたたむ</translation>
    </message>
    <message>
        <source>In Targets or Ports: the recent entries</source>
        <translation>ターゲットやポート欄で: 最近の入力</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>凡例</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>図</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>意味</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Doors and marks</source>
        <translation>ドアと印</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>動作</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>Copied %Ln result(s)</source>
        <translation>
            <numerusform>%Ln 件の結果をコピーしました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %Ln result(s) to %1…</source>
        <translation>
            <numerusform>%Ln 件の結果を %1 に書き出しています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln result(s) to %1</source>
        <translation>
            <numerusform>%Ln 件の結果を %1 に書き出しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened %Ln result(s) from %1</source>
        <translation>
            <numerusform>%1 から %Ln 件の結果を開きました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s)</source>
        <translation>
            <numerusform>%Ln 件のスキャン</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln host(s)</source>
        <translation>
            <numerusform>%Ln 台のホスト</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln result(s)</source>
        <translation>
            <numerusform>%Ln 件の結果</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) saw %1 open.</source>
        <translation>
            <numerusform>%Ln 件のスキャンで %1 が開いていました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln scan(s) from the history</source>
        <translation>
            <numerusform>履歴から %Ln 件のスキャンを削除しました</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanForm</name>
    <message>
        <source>Top 100</source>
        <translation>上位 100</translation>
    </message>
    <message>
        <source>Top 1000</source>
        <translation>上位 1000</translation>
    </message>
    <message>
        <source>Well-known 1-1023</source>
        <translation>ウェルノウン 1-1023</translation>
    </message>
    <message>
        <source>All 1-65535</source>
        <translation>すべて 1-65535</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>TCP and UDP</source>
        <translation>TCP と UDP</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Hosts to scan: addresses, networks in CIDR notation, ranges or host names</source>
        <translation>スキャンするホスト: アドレス、CIDR 表記のネットワーク、範囲、ホスト名</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Ports to knock on: numbers, ranges, service names, top100, top1000, all; T: or U: in front of ports picks TCP or UDP for them</source>
        <translation>ノックするポート: 番号、範囲、サービス名、top100、top1000、all。ポートの前の T: または U: で TCP か UDP を選びます</translation>
    </message>
    <message>
        <source>Port presets</source>
        <translation>ポートのプリセット</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>How to knock on the ports without a T: or U: prefix: TCP, UDP, or both</source>
        <translation>T: や U: の付かないポートのノック方法: TCP、UDP、またはその両方</translation>
    </message>
    <message>
        <source>How to knock on the ports: TCP, UDP, or both on each port.
T: or U: written in front of ports wins for those ports (22,U:53).</source>
        <translation>ポートのノック方法: 各ポートに TCP、UDP、またはその両方。
ポートの前に書いた T: や U: はそのポートで優先されます (22,U:53)。</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>スキャン(&amp;S)</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>スキャン</translation>
    </message>
    <message>
        <source>Start scanning (Ctrl+Enter)</source>
        <translation>スキャンを開始 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop scanning and keep what was found (Esc)</source>
        <translation>スキャンを停止し、見つかったものは残す (Esc)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>&amp;Targets:</source>
        <translation>ターゲット(&amp;T):</translation>
    </message>
    <message>
        <source>P&amp;orts:</source>
        <translation>ポート(&amp;O):</translation>
    </message>
    <message>
        <source>Proto&amp;col:</source>
        <translation>プロトコル(&amp;C):</translation>
    </message>
    <message>
        <source>The project&apos;s curated list of 100 TCP ports</source>
        <translation>プロジェクトが選んだ 100 個の TCP ポート</translation>
    </message>
    <message>
        <source>The project&apos;s curated lists of 100 ports (UDP&apos;s own)</source>
        <translation>プロジェクトが選んだ 100 個のポート (UDP は UDP 用の一覧)</translation>
    </message>
</context>
<context>
    <name>ScanStatus</name>
    <message>
        <source>%1 / %2 ports</source>
        <extracomment>The progress and the counts change at most this often (seconds) during a scan.</extracomment>
        <translation>%1 / %2 ポート</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Paranoid</source>
        <translation>極めて慎重</translation>
    </message>
    <message>
        <source>Polite</source>
        <translation>控えめ</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>標準</translation>
    </message>
    <message>
        <source>Aggressive</source>
        <translation>積極的</translation>
    </message>
    <message>
        <source>Scan settings</source>
        <translation>スキャンの設定</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>タイミング</translation>
    </message>
    <message>
        <source>How hard the scan knocks. Normal learns the path and is exact; paranoid and polite go slowly; aggressive waits less and retries once. The settings below left at their defaults follow it.</source>
        <translation>スキャンのノックの強さ。標準は経路を学習して正確に測ります。極めて慎重と控えめはゆっくり進み、積極的は待ち時間を短くして再試行を 1 回にします。下の設定のうち既定値のままのものはこれに従います。</translation>
    </message>
    <message>
        <source>Timeout in seconds</source>
        <translation>タイムアウト (秒)</translation>
    </message>
    <message>
        <source>The longest wait for an answer. The wait adapts to measured round-trip times below this.</source>
        <translation>応答を待つ最長の時間。待ち時間はこの範囲内で、測定した往復時間に合わせて調整されます。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>再試行回数</translation>
    </message>
    <message>
        <source>How often to knock again on a door that gave no answer.</source>
        <translation>応答のなかったドアを何回ノックし直すか。</translation>
    </message>
    <message>
        <source>Connections in flight</source>
        <translation>同時接続数</translation>
    </message>
    <message>
        <source>Connections waiting for an answer at once (0: automatic).</source>
        <translation>同時に応答を待つ接続の数 (0: 自動)。</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Rate limit in probes per second</source>
        <translation>毎秒のプローブ数の上限</translation>
    </message>
    <message>
        <source> probes/s</source>
        <translation> プローブ/秒</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>無制限</translation>
    </message>
    <message>
        <source>Read &amp;banners of open TCP doors</source>
        <translation>開いている TCP ドアのバナーを読む(&amp;B)</translation>
    </message>
    <message>
        <source>Read banners of open TCP doors</source>
        <translation>開いている TCP ドアのバナーを読む</translation>
    </message>
    <message>
        <source>Connect again to each open TCP door and read what the program says first (its banner), to tell which program answers.</source>
        <translation>開いている各 TCP ドアにもう一度接続し、プログラムが最初に送る内容 (バナー) を読んで、どのプログラムが応答しているかを調べます。</translation>
    </message>
    <message>
        <source>Find which &amp;hosts are there first</source>
        <translation>先にどのホストがいるかを調べる(&amp;H)</translation>
    </message>
    <message>
        <source>Find which hosts are there first</source>
        <translation>先にどのホストがいるかを調べる</translation>
    </message>
    <message>
        <source>Before probing ports, ask every address whether it is there (TCP, UDP, ICMP echo, ARP) and probe only the hosts that answer. A single target is always probed. Off: every address is probed (nmap&apos;s -Pn).</source>
        <translation>ポートを調べる前に、各アドレスが存在するかを問い合わせ (TCP、UDP、ICMP エコー、ARP)、応答したホストだけを調べます。ターゲットが 1 つのときは常に調べます。オフ: すべてのアドレスを調べます (nmap の -Pn)。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>システムに従う</translation>
    </message>
    <message>
        <source>The window&apos;s language, from the next start</source>
        <translation>ウィンドウの言語 (次回の起動から)</translation>
    </message>
    <message>
        <source>T&amp;iming:</source>
        <translation>タイミング(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>タイムアウト(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Retries:</source>
        <translation>再試行(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Connections in flight:</source>
        <translation>同時接続数(&amp;C):</translation>
    </message>
    <message>
        <source>Rate &amp;limit:</source>
        <translation>レート上限(&amp;L):</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>言語(&amp;A):</translation>
    </message>
</context>
</TS>
