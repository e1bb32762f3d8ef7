<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>BandWords</name>
    <message>
        <source>%1 not probed yet</source>
        <translation>未調査 %1</translation>
    </message>
    <message>
        <source>%1 not probed</source>
        <translation>未調査 %1</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>ほか %1 個</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>well-known port (0-1023)</source>
        <translation>ウェルノウンポート (0-1023)</translation>
    </message>
    <message>
        <source>registered port (1024-49151)</source>
        <translation>登録済みポート (1024-49151)</translation>
    </message>
    <message>
        <source>dynamic port (49152-65535)</source>
        <translation>動的ポート (49152-65535)</translation>
    </message>
    <message>
        <source>no service registered with IANA</source>
        <translation>IANA に登録されたサービスはありません</translation>
    </message>
    <message>
        <source>not probed yet</source>
        <translation>未調査</translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation>往復時間 %1 ms</translation>
    </message>
    <message>
        <source>no RTT</source>
        <translation>往復時間なし</translation>
    </message>
    <message>
        <source>banner: %1</source>
        <translation>バナー: %1</translation>
    </message>
    <message>
        <source>answers as %1</source>
        <translation>%1 として応答</translation>
    </message>
    <message>
        <source>This door is registered for %1 but the program behind it speaks %2.</source>
        <translation>このドアは %1 用に登録されていますが、その向こうのプログラムは %2 で応答しています。</translation>
    </message>
    <message>
        <source>%1 (IANA)</source>
        <translation>%1 (IANA)</translation>
    </message>
    <message>
        <source>not registered with IANA</source>
        <translation>IANA に未登録</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>ポート %1</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告: %1</translation>
    </message>
</context>
<context>
    <name>BehindBox</name>
    <message>
        <source>Who is behind this door</source>
        <translation>このドアの向こうにいるもの</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Changes between the scans</source>
        <extracomment>The table&apos;s columns, in order, and their headings.</extracomment>
        <translation>スキャン間の変化</translation>
    </message>
    <message>
        <source>Changes as doors or as a table</source>
        <translation>変化をドアまたは表で</translation>
    </message>
    <message>
        <source>&amp;Doors</source>
        <translation>ドア(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>表(&amp;T)</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>CSV に書き出す(&amp;C)…</translation>
    </message>
    <message>
        <source>Export the changes as CSV</source>
        <translation>変化を CSV に書き出す</translation>
    </message>
    <message>
        <source>Doors that changed; new open doors are ringed</source>
        <translation>変化したドア。新たに開いたドアは輪で囲まれます</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>書き出しに失敗しました</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Details hint</source>
        <translation>詳細の案内</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未計測</translation>
    </message>
</context>
<context>
    <name>DoorView</name>
    <message>
        <source>Doors</source>
        <translation>ドア</translation>
    </message>
    <message>
        <source>Every port as a door, grouped per host: open, closed, filtered, open or filtered (UDP), or not probed yet. Asterisk opens every host, slash collapses every host to its overview row</source>
        <translation>ホストごとにまとめた、ドアとしてのすべてのポート: 開いている、閉じている、フィルタ、開いているかフィルタ (UDP)、未調査。アスタリスクですべてのホストを開き、スラッシュですべてのホストを概要の行にたたみます</translation>
    </message>
</context>
<context>
    <name>EngineBox</name>
    <message>
        <source>Engine</source>
        <translation>エンジン</translation>
    </message>
    <message>
        <source>Where the scans run: this machine, or the workers of a Dask cluster (each runs portwindow&apos;s own engine on its share of the doors)</source>
        <translation>スキャンを実行する場所: このマシン、または Dask クラスターのワーカー (それぞれが担当するドアに portwindow 自身のエンジンを走らせます)</translation>
    </message>
    <message>
        <source>Cluster scheduler address</source>
        <translation>クラスターのスケジューラーのアドレス</translation>
    </message>
    <message>
        <source>tcp://scheduler:8786</source>
        <translation>tcp://scheduler:8786</translation>
    </message>
    <message>
        <source>Vantage points</source>
        <translation>観測地点</translation>
    </message>
    <message>
        <source>any worker (or lan,wan)</source>
        <translation>任意のワーカー (または lan,wan)</translation>
    </message>
    <message>
        <source>Scan the same targets from each of these vantage points (workers started with --resources vantage-NAME=1), and see which doors are reachable from where</source>
        <translation>これらの観測地点 (--resources vantage-NAME=1 で起動したワーカー) のそれぞれから同じターゲットをスキャンし、どのドアにどこから到達できるかを見ます</translation>
    </message>
    <message>
        <source>&amp;Run on:</source>
        <translation>実行場所(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Scheduler:</source>
        <translation>スケジューラー(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Vantage points:</source>
        <translation>観測地点(&amp;V):</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong. portwindow keeps running; your results are kept.</source>
        <translation>問題が発生しました。portwindow は動作を続けており、結果は保持されています。</translation>
    </message>
</context>
<context>
    <name>ExpectedDialog</name>
    <message>
        <source>Expected doors</source>
        <translation>想定ドア</translation>
    </message>
    <message>
        <source>Doors meant to be open, per target (an address, range, network, host name, or * for every host), e.g. 22/tcp, 443/tcp. After each scan, open doors no rule expects and expected doors found shut are marked.</source>
        <translation>ターゲット (アドレス、範囲、ネットワーク、ホスト名、またはすべてのホストを表す *) ごとに開いているはずのドア。例: 22/tcp, 443/tcp。スキャンのたびに、どのルールも想定していない開いたドアと、閉じていた想定ドアに印が付きます。</translation>
    </message>
    <message>
        <source>Expected doors by target</source>
        <translation>ターゲットごとの想定ドア</translation>
    </message>
    <message>
        <source>OK</source>
        <extracomment>What Add fills a new row with: (target, doors), the host shown and its open doors (the window sets it); None: a blank row.</extracomment>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cannot import expected doors</source>
        <translation>想定ドアを読み込めません</translation>
    </message>
    <message>
        <source>Cannot export expected doors</source>
        <translation>想定ドアを書き出せません</translation>
    </message>
</context>
<context>
    <name>ExposureDialog</name>
    <message>
        <source>Exposure by vantage point</source>
        <translation>観測地点ごとの露出</translation>
    </message>
</context>
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
    <name>FindFeatures</name>
    <message>
        <source>Search: 22, 8000-9000, 53/udp, ssh…</source>
        <extracomment>The table&apos;s columns the user reads first, in this order, then the rest; and widths.</extracomment>
        <translation>検索: 22, 8000-9000, 53/udp, ssh…</translation>
    </message>
    <message>
        <source>Port numbers exactly (3306 is not 33060), ranges (8000-9000), a protocol (53/udp), or a service by IANA&apos;s name or by what its banner says (ssh); separate several with commas</source>
        <translation>ポート番号は完全一致 (3306 は 33060 に一致しません)、範囲 (8000-9000)、プロトコル (53/udp)、または IANA の名前やバナーの内容によるサービス (ssh)。複数はカンマで区切ります</translation>
    </message>
    <message>
        <source>&amp;Next open door</source>
        <translation>次の開いているドア(&amp;N)</translation>
    </message>
    <message>
        <source>Go to the next open door (N)</source>
        <translation>次の開いているドアへ (N)</translation>
    </message>
    <message>
        <source>Pre&amp;vious open door</source>
        <translation>前の開いているドア(&amp;V)</translation>
    </message>
    <message>
        <source>Go to the previous open door (Shift+N)</source>
        <translation>前の開いているドアへ (Shift+N)</translation>
    </message>
    <message>
        <source>Next &amp;finding</source>
        <translation>次の所見(&amp;F)</translation>
    </message>
    <message>
        <source>Go to the next unexpected or missing door (F)</source>
        <translation>次の想定外または欠落のドアへ (F)</translation>
    </message>
    <message>
        <source>Previous fi&amp;nding</source>
        <translation>前の所見(&amp;N)</translation>
    </message>
    <message>
        <source>Go to the previous unexpected or missing door (Shift+F)</source>
        <translation>前の想定外または欠落のドアへ (Shift+F)</translation>
    </message>
    <message>
        <source>Show fin&amp;dings</source>
        <translation>所見を表示(&amp;D)</translation>
    </message>
    <message>
        <source>Show only the doors the expected-doors audit marked</source>
        <translation>想定ドアの監査で印が付いたドアだけを表示</translation>
    </message>
    <message>
        <source>E&amp;xpect what is open now</source>
        <translation>今開いているものを想定にする(&amp;X)</translation>
    </message>
    <message>
        <source>Make the doors open now the expected doors of each host shown</source>
        <translation>表示中の各ホストで今開いているドアを想定ドアにする</translation>
    </message>
    <message>
        <source>%1 in the results shown</source>
        <translation>表示中の結果に %1</translation>
    </message>
    <message>
        <source>%1 %2 of %3: %4</source>
        <translation>%1 %2 / %3: %4</translation>
    </message>
    <message>
        <source>The expected doors were not saved: %1</source>
        <translation>想定ドアは保存されませんでした: %1</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Findings summary</source>
        <extracomment>The parts, in order: what needs a look first. Their headings are findings_words&apos;.</extracomment>
        <translation>所見のまとめ</translation>
    </message>
    <message>
        <source>Hide the summary (it comes back after the next scan)</source>
        <translation>まとめを隠す (次のスキャンの後にまた表示されます)</translation>
    </message>
    <message>
        <source>Hide the findings summary</source>
        <translation>所見のまとめを隠す</translation>
    </message>
</context>
<context>
    <name>FindingsWords</name>
    <message>
        <source>Open doors</source>
        <translation>開いているドア</translation>
    </message>
    <message>
        <source>Unexpected doors</source>
        <translation>想定外のドア</translation>
    </message>
    <message>
        <source>Missing doors</source>
        <translation>欠落しているドア</translation>
    </message>
    <message>
        <source>Unconfirmed doors</source>
        <translation>未確認のドア</translation>
    </message>
    <message>
        <source>Expected but not checked</source>
        <translation>想定されているが未検査</translation>
    </message>
    <message>
        <source>Silent hosts</source>
        <translation>応答のないホスト</translation>
    </message>
    <message>
        <source>Unexpected: no rule expects %1 on %2</source>
        <translation>想定外: %2 の %1 を想定するルールはありません</translation>
    </message>
    <message>
        <source>Missing: %1 is expected open%2, found %3</source>
        <translation>欠落: %1%2 は開いているはずですが、%3 でした</translation>
    </message>
    <message>
        <source>Unconfirmed: %1 is expected open%2, found %3: no answer, so it may be open or filtered</source>
        <translation>未確認: %1%2 は開いているはずですが、%3 でした: 応答がないため、開いているのかフィルタされているのかわかりません</translation>
    </message>
    <message>
        <source>Not checked: %1 is expected open%2, but this scan did not probe it</source>
        <translation>未検査: %1%2 は開いているはずですが、このスキャンでは調べていません</translation>
    </message>
    <message>
        <source> (rule %1)</source>
        <translation> (ルール %1)</translation>
    </message>
    <message>
        <source> (rules %1)</source>
        <translation> (ルール %1)</translation>
    </message>
    <message>
        <source>not probed</source>
        <translation>未調査</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2, answers as %3</source>
        <translation>%1 %2、%3 として応答</translation>
    </message>
    <message>
        <source>unregistered</source>
        <translation>未登録</translation>
    </message>
    <message>
        <source>%1: no door answered (every door filtered)</source>
        <translation>%1: どのドアも応答しませんでした (すべてフィルタ)</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>ほか %1 件</translation>
    </message>
    <message>
        <source>; </source>
        <translation> / </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>FrozenColumn</name>
    <message>
        <source>Port (kept in sight)</source>
        <translation>ポート (常に表示)</translation>
    </message>
</context>
<context>
    <name>Headings</name>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>RTT (ms)</source>
        <translation>往復時間 (ms)</translation>
    </message>
    <message>
        <source>Banner</source>
        <translation>バナー</translation>
    </message>
    <message>
        <source>Scanned at</source>
        <translation>調査時刻</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>検出</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>所見</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>プロセス</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Listens on</source>
        <translation>待ち受けアドレス</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変化</translation>
    </message>
    <message>
        <source>Door</source>
        <translation>ドア</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>後</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>監視</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>前回の実行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>次回の実行</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>変化したもの</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開いている</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>閉じている</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>フィルタされている</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>途中まで</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>往復時間</translation>
    </message>
    <message>
        <source>All doors</source>
        <translation>すべてのドア</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>開いているものだけ</translation>
    </message>
    <message>
        <source>Open and filtered</source>
        <translation>開いているものとフィルタ</translation>
    </message>
    <message>
        <source>Open|filtered</source>
        <translation>開いている|フィルタ</translation>
    </message>
    <message>
        <source>Not probed yet</source>
        <translation>未調査</translation>
    </message>
    <message>
        <source>Findings (unexpected, missing)</source>
        <translation>所見 (想定外、欠落)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>MAC / vendor</source>
        <translation>MAC / ベンダー</translation>
    </message>
    <message>
        <source>Open doors</source>
        <translation>開いているドア</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>数</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>所見</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>調査期間</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>ドア</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Who is behind</source>
        <translation>向こうにいるもの</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>証拠</translation>
    </message>
    <message>
        <source>Expected doors</source>
        <translation>想定ドア</translation>
    </message>
    <message>
        <source>Every door is as expected.</source>
        <translation>すべてのドアが想定どおりです。</translation>
    </message>
    <message>
        <source>No open doors.</source>
        <translation>開いているドアはありません。</translation>
    </message>
    <message>
        <source>Not confirmed or not checked</source>
        <translation>未確認または未検査</translation>
    </message>
    <message>
        <source>well-known (0-1023)</source>
        <translation>ウェルノウン (0-1023)</translation>
    </message>
    <message>
        <source>registered (1024-49151)</source>
        <translation>登録済み (1024-49151)</translation>
    </message>
    <message>
        <source>dynamic (49152-65535)</source>
        <translation>動的 (49152-65535)</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>Reopening the scan…</source>
        <extracomment>The results shown were audited (after a scan, a reopening, new rules): the findings summary follows.</extracomment>
        <translation>スキャンを開き直しています…</translation>
    </message>
    <message>
        <source>Delete scans</source>
        <translation>スキャンを削除</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>比較しています…</translation>
    </message>
    <message>
        <source>The history holds fewer than two scans of %1</source>
        <translation>履歴には %1 のスキャンが 2 件未満しかありません</translation>
    </message>
    <message>
        <source>these targets</source>
        <translation>これらのターゲット</translation>
    </message>
    <message>
        <source>Expected doors: %1</source>
        <translation>想定ドア: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Scans that saw open… (e.g. 3306/tcp)</source>
        <translation>開いているのを見たスキャン… (例: 3306/tcp)</translation>
    </message>
    <message>
        <source>Search scans by a door seen open</source>
        <translation>開いていたドアでスキャンを検索</translation>
    </message>
    <message>
        <source>Past scans</source>
        <translation>過去のスキャン</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>開き直す(&amp;R)</translation>
    </message>
    <message>
        <source>Show this scan&apos;s results</source>
        <translation>このスキャンの結果を表示</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected scans</source>
        <translation>選択したスキャンを削除</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比較(&amp;C)</translation>
    </message>
    <message>
        <source>Compare two selected scans</source>
        <translation>選択した 2 つのスキャンを比較</translation>
    </message>
    <message>
        <source>Compare with &amp;previous</source>
        <translation>前回と比較(&amp;P)</translation>
    </message>
    <message>
        <source>Compare the newest scan of the current targets with the one before</source>
        <translation>現在のターゲットの最新のスキャンを一つ前と比較</translation>
    </message>
</context>
<context>
    <name>HostList</name>
    <message>
        <source>Filter hosts by name, address, MAC, vendor or door…</source>
        <translation>名前、アドレス、MAC、ベンダー、ドアでホストを絞り込む…</translation>
    </message>
    <message>
        <source>Filter hosts</source>
        <translation>ホストを絞り込む</translation>
    </message>
    <message>
        <source>Show hosts that did not answer (greyed)</source>
        <translation>応答しなかったホストも表示する (灰色)</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source> (%1 that did not answer hidden)</source>
        <translation> (応答しなかった %1 台は非表示)</translation>
    </message>
</context>
<context>
    <name>HostListModel</name>
    <message>
        <source>not scanned</source>
        <extracomment>The host list&apos;s columns, in order (STATE is 0). A host whose doors answered is there even without discovery (a reset is an answer). Hosts re-sorted as their doors change (more: when a header is clicked).</extracomment>
        <translation>未スキャン</translation>
    </message>
    <message>
        <source>Not looked at by discovery: up when a door answered (open or closed)</source>
        <translation>ホスト発見では調べていません: いずれかのドアが応答すれば (開または閉) 稼働中です</translation>
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
    <name>MainWindow</name>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>スキャン</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>%1 について</translation>
    </message>
    <message>
        <source>A port scanner: every port a door.</source>
        <translation>ポートスキャナー: すべてのポートが一つのドア。</translation>
    </message>
    <message>
        <source>Service names from IANA&apos;s registry (CC0).</source>
        <translation>サービス名は IANA のレジストリ (CC0) によります。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message>
        <source>rsh (remote shell) is an ancient way to run commands on another machine with no encryption and trust based on the address alone. SSH replaced it.</source>
        <translation>rsh (リモートシェル) は、暗号化なしで、アドレスだけを頼りに他のマシンでコマンドを実行する古い方法です。SSH に置き換えられました。</translation>
    </message>
    <message>
        <source>Syslog collects log messages: devices and servers send what happens to them to a central log server here.</source>
        <translation>Syslog はログメッセージを集めます。機器やサーバーは、起きた出来事をここで中央のログサーバーに送ります。</translation>
    </message>
    <message>
        <source>FTP uses this port for the data of a file transfer in &apos;active&apos; mode; the commands travel on port 21.</source>
        <translation>FTP は「アクティブ」モードのファイル転送のデータにこのポートを使います。コマンドはポート 21 を通ります。</translation>
    </message>
    <message>
        <source>FTP (File Transfer Protocol) is an old way to upload and download files. It sends the password and the files unencrypted, so SFTP (over SSH) or HTTPS has replaced it in most places.</source>
        <translation>FTP (ファイル転送プロトコル) は、ファイルをアップロード・ダウンロードする古い方法です。パスワードもファイルも暗号化せずに送るため、ほとんどの場所で SFTP (SSH 経由) や HTTPS に置き換えられました。</translation>
    </message>
    <message>
        <source>SSH (Secure Shell) is used for remote login: a person types commands on this computer from another one, over an encrypted connection. It also copies files (scp, sftp) and builds tunnels. Administrators rely on it; attackers try passwords on it all day.</source>
        <translation>SSH (セキュアシェル) はリモートログインに使われます。別のコンピューターから暗号化された接続を通して、このコンピューターでコマンドを入力します。ファイルのコピー (scp、sftp) やトンネルの構築もできます。管理者が頼りにする一方、攻撃者は一日中ここでパスワードを試しています。</translation>
    </message>
    <message>
        <source>Telnet is the ancestor of SSH: remote login to a command line, but with everything, passwords included, sent in plain text. Today it is mostly found on old routers and cheap devices, and is a favourite target of botnets.</source>
        <translation>Telnet は SSH の祖先で、コマンドラインへのリモートログインですが、パスワードを含めすべてを平文で送ります。今では主に古いルーターや安価な機器に見られ、ボットネットの格好の標的です。</translation>
    </message>
    <message>
        <source>SMTP is how mail servers hand e-mail to each other. A mail server listens here; on an ordinary computer this port usually means a local mail program.</source>
        <translation>SMTP はメールサーバー同士がメールを受け渡す仕組みです。メールサーバーがここで待ち受けます。普通のコンピューターでは、たいていローカルのメールプログラムです。</translation>
    </message>
    <message>
        <source>DNS is the internet&apos;s phone book: it turns names such as example.org into addresses. A DNS server or a local resolver (often in a router) listens here.</source>
        <translation>DNS はインターネットの電話帳で、example.org のような名前をアドレスに変換します。DNS サーバーやローカルのリゾルバー (多くはルーター内) がここで待ち受けます。</translation>
    </message>
    <message>
        <source>DHCP hands out addresses: a device joining a network asks, and a DHCP server (usually the router) answers on this port with an address to use.</source>
        <translation>DHCP はアドレスを配ります。ネットワークに加わる機器が問い合わせると、DHCP サーバー (たいていはルーター) がこのポートで使うべきアドレスを返します。</translation>
    </message>
    <message>
        <source>DHCP clients, the devices asking for an address, receive the server&apos;s answers here.</source>
        <translation>アドレスを求める機器である DHCP クライアントは、ここでサーバーの応答を受け取ります。</translation>
    </message>
    <message>
        <source>TFTP is a tiny file transfer protocol with no passwords at all. Network devices use it to load their software or settings at start-up.</source>
        <translation>TFTP はパスワードの一切ない小さなファイル転送プロトコルです。ネットワーク機器が起動時にソフトウェアや設定を読み込むのに使います。</translation>
    </message>
    <message>
        <source>HTTP is the web: browsers ask web servers for pages here. Plain HTTP is not encrypted; most sites only use it to send visitors on to HTTPS (port 443). Routers and printers often show their settings page here.</source>
        <translation>HTTP はウェブです。ブラウザーはここでウェブサーバーにページを求めます。素の HTTP は暗号化されておらず、ほとんどのサイトは訪問者を HTTPS (ポート 443) に転送するためだけに使います。ルーターやプリンターはよくここに設定ページを出しています。</translation>
    </message>
    <message>
        <source>Kerberos checks who you are on company networks, most famously in Windows domains (Active Directory): you log in once and receive tickets for other services. Domain controllers listen here.</source>
        <translation>Kerberos は社内ネットワークで本人確認を行います。最も有名なのは Windows ドメイン (Active Directory) で、一度ログインすると他のサービス用のチケットを受け取ります。ドメインコントローラーがここで待ち受けます。</translation>
    </message>
    <message>
        <source>POP3 lets a mail program download messages from a mailbox. Plain POP3 sends the password unencrypted; 995 is the encrypted variant.</source>
        <translation>POP3 はメールプログラムがメールボックスからメッセージをダウンロードするためのものです。素の POP3 はパスワードを暗号化せずに送ります。995 は暗号化版です。</translation>
    </message>
    <message>
        <source>rpcbind (the portmapper) is a directory for older Unix network services such as NFS: programs ask it which port a service currently uses. It reveals a lot about a machine and should stay on the local network.</source>
        <translation>rpcbind (ポートマッパー) は NFS など古い Unix のネットワークサービスの案内役で、プログラムはサービスが今どのポートを使っているかをここに尋ねます。マシンについて多くを明かすので、ローカルネットワーク内にとどめるべきです。</translation>
    </message>
    <message>
        <source>NNTP carries Usenet newsgroups, the discussion forums of the early internet.</source>
        <translation>NNTP は初期のインターネットの掲示板である Usenet のニュースグループを運びます。</translation>
    </message>
    <message>
        <source>NTP keeps clocks right: computers ask a time server here and adjust their own clock, which matters for logs, certificates and logins.</source>
        <translation>NTP は時計を正しく保ちます。コンピューターはここで時刻サーバーに問い合わせて自分の時計を合わせます。ログや証明書、ログインにとって重要です。</translation>
    </message>
    <message>
        <source>Microsoft RPC is the directory of Windows&apos; remote procedure calls: other Windows machines ask it where to find services for remote management. It belongs inside a company network only.</source>
        <translation>Microsoft RPC は Windows のリモートプロシージャコールの案内役で、他の Windows マシンはリモート管理のためのサービスの場所をここに尋ねます。社内ネットワークの中だけで使うものです。</translation>
    </message>
    <message>
        <source>NetBIOS is an old Windows networking layer for finding computers by name and sharing files and printers on a local network. Modern Windows still answers on it for compatibility; it should never be reachable from the internet.</source>
        <translation>NetBIOS は、ローカルネットワークで名前からコンピューターを探し、ファイルやプリンターを共有するための古い Windows のネットワーク層です。今の Windows も互換性のために応答しますが、インターネットから到達できてはいけません。</translation>
    </message>
    <message>
        <source>IMAP lets a mail program read a mailbox that stays on the server, so several devices see the same mail. 993 is the encrypted variant.</source>
        <translation>IMAP はメールプログラムがサーバー上に置いたままのメールボックスを読むためのもので、複数の機器で同じメールを見られます。993 は暗号化版です。</translation>
    </message>
    <message>
        <source>SNMP lets monitoring tools read (and sometimes change) the settings and counters of routers, switches, printers and servers. Old versions protect it only with a shared word called a community string, often left as &apos;public&apos;.</source>
        <translation>SNMP は監視ツールがルーター、スイッチ、プリンター、サーバーの設定やカウンターを読み取る (ときには変更する) ためのものです。古いバージョンはコミュニティ文字列という共有の合言葉だけで守られ、それはしばしば「public」のままです。</translation>
    </message>
    <message>
        <source>BGP is how the large networks that make up the internet tell each other which addresses they can reach. Only routers of internet providers speak it.</source>
        <translation>BGP は、インターネットを構成する大きなネットワーク同士が、どのアドレスに到達できるかを伝え合う仕組みです。インターネットプロバイダーのルーターだけが話します。</translation>
    </message>
    <message>
        <source>LDAP is a directory of people, computers and groups, such as a company&apos;s address book and accounts (Active Directory or OpenLDAP). Programs ask it who someone is and what they may do. 636 is the encrypted variant.</source>
        <translation>LDAP は人、コンピューター、グループのディレクトリで、会社のアドレス帳やアカウント (Active Directory や OpenLDAP) などです。プログラムは誰が誰で何をしてよいかをここに尋ねます。636 は暗号化版です。</translation>
    </message>
    <message>
        <source>HTTPS is the web with encryption (TLS): the padlock in the browser. Almost every website, and many apps and devices, use this port.</source>
        <translation>HTTPS は暗号化 (TLS) されたウェブで、ブラウザーの鍵マークです。ほぼすべてのウェブサイトと、多くのアプリや機器がこのポートを使います。</translation>
    </message>
    <message>
        <source>SMB (Microsoft-DS) is Windows file and printer sharing: shared folders, network drives and remote administration. It is widely used inside offices and homes, and famous worms such as WannaCry spread through it, so it must never face the internet.</source>
        <translation>SMB (Microsoft-DS) は Windows のファイルとプリンターの共有で、共有フォルダー、ネットワークドライブ、リモート管理に使われます。オフィスや家庭で広く使われ、WannaCry のような有名なワームがこれを通じて広がったため、決してインターネットに向けてはいけません。</translation>
    </message>
    <message>
        <source>This is encrypted mail submission (SMTP over TLS): mail programs send outgoing messages to their provider here, after logging in.</source>
        <translation>これは暗号化されたメール送信 (TLS 上の SMTP) です。メールプログラムはログインした後、送信するメッセージをここでプロバイダーに渡します。</translation>
    </message>
    <message>
        <source>IKE sets up IPsec VPN connections: two ends agree on keys here before the protected traffic flows.</source>
        <translation>IKE は IPsec VPN の接続を確立します。保護された通信が流れる前に、両端がここで鍵を取り決めます。</translation>
    </message>
    <message>
        <source>LPD is an old printing protocol from Unix: computers send print jobs to a printer or a print server here.</source>
        <translation>LPD は Unix 由来の古い印刷プロトコルで、コンピューターはここでプリンターやプリントサーバーに印刷ジョブを送ります。</translation>
    </message>
    <message>
        <source>AFP is Apple&apos;s older file sharing protocol, used by Macs and Time Machine backup drives before SMB took over.</source>
        <translation>AFP は Apple の古いファイル共有プロトコルで、SMB に代わられる前は Mac や Time Machine のバックアップドライブが使っていました。</translation>
    </message>
    <message>
        <source>RTSP controls video streams, the play and pause buttons of network cameras and media servers. Open cameras on the internet are often found on it.</source>
        <translation>RTSP は映像ストリームを制御します。ネットワークカメラやメディアサーバーの再生・一時停止ボタンにあたります。インターネット上の無防備なカメラがよくここで見つかります。</translation>
    </message>
    <message>
        <source>This is mail submission: mail programs send outgoing messages to their provider&apos;s server here after logging in, usually upgrading to encryption.</source>
        <translation>これはメール送信用のポートです。メールプログラムはログインした後、送信するメッセージをここでプロバイダーのサーバーに渡し、たいていは暗号化に切り替えます。</translation>
    </message>
    <message>
        <source>IPP (Internet Printing Protocol) is how computers send documents to printers today; CUPS, the print system of Linux and macOS, listens here and often has a web page for its settings.</source>
        <translation>IPP (インターネット印刷プロトコル) は、今のコンピューターが文書をプリンターに送る方法です。Linux と macOS の印刷システム CUPS がここで待ち受け、設定用のウェブページを持つこともよくあります。</translation>
    </message>
    <message>
        <source>LDAPS is LDAP, the directory of users and computers, over an encrypted connection.</source>
        <translation>LDAPS は、ユーザーとコンピューターのディレクトリである LDAP を暗号化された接続で使うものです。</translation>
    </message>
    <message>
        <source>rsync copies and synchronises folders between computers, sending only what changed. Its daemon here may share folders without any password.</source>
        <translation>rsync はコンピューター間でフォルダーをコピー・同期し、変わった部分だけを送ります。ここで動くデーモンは、パスワードなしでフォルダーを共有していることがあります。</translation>
    </message>
    <message>
        <source>IMAPS is IMAP, reading mail that stays on the server, over an encrypted connection.</source>
        <translation>IMAPS は、サーバー上のメールを読む IMAP を暗号化された接続で使うものです。</translation>
    </message>
    <message>
        <source>POP3S is POP3, downloading mail, over an encrypted connection.</source>
        <translation>POP3S は、メールをダウンロードする POP3 を暗号化された接続で使うものです。</translation>
    </message>
    <message>
        <source>SOCKS is a proxy: programs send their connections through it to reach other machines. An open SOCKS proxy lets strangers hide behind this address.</source>
        <translation>SOCKS はプロキシで、プログラムはこれを通して他のマシンに接続します。誰でも使える SOCKS プロキシは、見知らぬ人がこのアドレスの陰に隠れることを許してしまいます。</translation>
    </message>
    <message>
        <source>OpenVPN is a popular VPN: it builds an encrypted tunnel into a private network.</source>
        <translation>OpenVPN は広く使われる VPN で、プライベートネットワークへの暗号化されたトンネルを作ります。</translation>
    </message>
    <message>
        <source>Microsoft SQL Server, a database, takes queries from programs here. Databases hold the valuable data, so this port should only be reachable by the applications that need it.</source>
        <translation>データベースの Microsoft SQL Server がここでプログラムからの問い合わせを受け付けます。データベースは大切なデータを保持しているので、このポートには必要なアプリケーションだけが到達できるべきです。</translation>
    </message>
    <message>
        <source>The Oracle database&apos;s listener takes connections from programs here and passes them to the database.</source>
        <translation>Oracle データベースのリスナーがここでプログラムからの接続を受け付け、データベースに引き渡します。</translation>
    </message>
    <message>
        <source>PPTP is an old VPN protocol; its encryption is broken and it should be retired.</source>
        <translation>PPTP は古い VPN プロトコルです。暗号は破られており、使用をやめるべきです。</translation>
    </message>
    <message>
        <source>MQTT is a small messaging protocol for sensors and smart-home devices: they publish readings to a central broker, and other devices subscribe to them. 8883 is the encrypted variant; plain 1883 without a password lets anyone read and send messages.</source>
        <translation>MQTT はセンサーやスマートホーム機器向けの小さなメッセージングプロトコルです。機器は測定値を中央のブローカーに発行し、他の機器がそれを購読します。8883 は暗号化版で、パスワードのない素の 1883 では誰でもメッセージを読み書きできます。</translation>
    </message>
    <message>
        <source>SSDP is part of UPnP: devices such as TVs, speakers and routers announce themselves on the local network and find each other.</source>
        <translation>SSDP は UPnP の一部で、テレビ、スピーカー、ルーターなどの機器がローカルネットワークで自分の存在を知らせ、互いを見つけます。</translation>
    </message>
    <message>
        <source>NFS shares folders between Linux and Unix machines, so that a remote folder looks like a local one. It trusts the client machine about who the user is, so it belongs on a trusted network only.</source>
        <translation>NFS は Linux や Unix のマシン間でフォルダーを共有し、離れたフォルダーをローカルのように見せます。ユーザーが誰かについてクライアントマシンを信用するので、信頼できるネットワークでだけ使うものです。</translation>
    </message>
    <message>
        <source>This is the Docker daemon&apos;s remote control. Whoever can talk to it can start containers with full access to the machine, so it is as powerful as the root password. 2375 is unencrypted and should never be reachable from a network; 2376 uses TLS with client certificates.</source>
        <translation>これは Docker デーモンのリモート操作口です。ここと通信できる人はマシンへの完全なアクセス権を持つコンテナーを起動できるので、root のパスワードと同じくらい強力です。2375 は暗号化されておらず、ネットワークから決して到達できてはいけません。2376 はクライアント証明書付きの TLS を使います。</translation>
    </message>
    <message>
        <source>etcd is a small, reliable database that clusters (Kubernetes, for one) use to store their configuration and secrets.</source>
        <translation>etcd は小さく信頼性の高いデータベースで、クラスター (たとえば Kubernetes) が設定や秘密情報を保存するのに使います。</translation>
    </message>
    <message>
        <source>Squid and other web proxies often listen here: browsers send their web requests through the proxy, which fetches the pages for them.</source>
        <translation>Squid などのウェブプロキシがよくここで待ち受けます。ブラウザーはウェブへの要求をプロキシ経由で送り、プロキシが代わりにページを取ってきます。</translation>
    </message>
    <message>
        <source>MySQL (or MariaDB), a very common database, takes queries from programs here. Websites often use it; it should only be reachable by the applications that need it.</source>
        <translation>とても一般的なデータベースである MySQL (または MariaDB) が、ここでプログラムからの問い合わせを受け付けます。ウェブサイトでよく使われます。必要なアプリケーションだけが到達できるべきです。</translation>
    </message>
    <message>
        <source>RDP (Remote Desktop, registered as ms-wbt-server) shows a Windows desktop on another computer. It is handy for administrators and constantly attacked, so it belongs behind a VPN.</source>
        <translation>RDP (リモートデスクトップ、ms-wbt-server として登録) は Windows のデスクトップを別のコンピューターに表示します。管理者には便利ですが絶えず攻撃されているので、VPN の内側に置くべきです。</translation>
    </message>
    <message>
        <source>IPsec VPNs use this port to carry their encrypted traffic through home routers (NAT).</source>
        <translation>IPsec VPN は、家庭用ルーター (NAT) を越えて暗号化された通信を運ぶのにこのポートを使います。</translation>
    </message>
    <message>
        <source>SIP sets up internet phone calls (VoIP): desk phones and phone systems use it to ring each other, then send the voice separately. 5061 is the encrypted variant. Open SIP ports attract scanners looking for free calls.</source>
        <translation>SIP はインターネット電話 (VoIP) の通話を確立します。卓上電話や電話システムはこれで互いを呼び出し、音声は別に送ります。5061 は暗号化版です。開いた SIP ポートには、ただで電話をかけようとするスキャナーが集まります。</translation>
    </message>
    <message>
        <source>mDNS lets devices on a local network find each other by name without a DNS server: printers, Chromecasts, Macs (&apos;Bonjour&apos;) and Linux (&apos;Avahi&apos;).</source>
        <translation>mDNS はローカルネットワーク上の機器が DNS サーバーなしで名前から互いを見つけられるようにします。プリンター、Chromecast、Mac (「Bonjour」)、Linux (「Avahi」) などです。</translation>
    </message>
    <message>
        <source>PostgreSQL, a popular open-source database, takes queries from programs here. It should only be reachable by the applications that need it.</source>
        <translation>人気のあるオープンソースのデータベース PostgreSQL が、ここでプログラムからの問い合わせを受け付けます。必要なアプリケーションだけが到達できるべきです。</translation>
    </message>
    <message>
        <source>AMQP is the language of message brokers such as RabbitMQ: programs drop messages in queues for other programs to pick up later. 5671 is the encrypted variant.</source>
        <translation>AMQP は RabbitMQ などのメッセージブローカーの言葉で、プログラムはメッセージをキューに入れ、他のプログラムが後で受け取ります。5671 は暗号化版です。</translation>
    </message>
    <message>
        <source>CouchDB is a database that programs talk to over HTTP.</source>
        <translation>CouchDB はプログラムが HTTP で話しかけるデータベースです。</translation>
    </message>
    <message>
        <source>Redis is a very fast in-memory database and cache. It was designed for trusted networks, and an open Redis server with no password can be taken over completely.</source>
        <translation>Redis はとても高速なメモリ上のデータベース兼キャッシュです。信頼できるネットワーク向けに作られており、パスワードのない開いた Redis サーバーは完全に乗っ取られかねません。</translation>
    </message>
    <message>
        <source>This is usually the Kubernetes API server, the control centre of a container cluster: every command to the cluster goes through it.</source>
        <translation>これはたいてい Kubernetes の API サーバーで、コンテナークラスターの司令塔です。クラスターへのすべての命令がここを通ります。</translation>
    </message>
    <message>
        <source>IRC is internet chat in channels, one of the oldest chat systems still in use.</source>
        <translation>IRC はチャンネル単位のインターネットチャットで、今も使われている最も古いチャットシステムの一つです。</translation>
    </message>
    <message>
        <source>Web servers often use this port as an alternative to 80, typically for a second website, a development server, a proxy or the admin page of an application or a device. What you get depends entirely on the program.</source>
        <translation>ウェブサーバーは 80 の代わりにこのポートをよく使います。たいていは二つ目のウェブサイト、開発用サーバー、プロキシ、アプリケーションや機器の管理ページです。何が出てくるかはプログラム次第です。</translation>
    </message>
    <message>
        <source>An alternative HTTPS port: encrypted web pages, often the admin page of an application, an appliance or a proxy.</source>
        <translation>HTTPS の代替ポートです。暗号化されたウェブページで、アプリケーションやアプライアンス、プロキシの管理ページであることが多いです。</translation>
    </message>
    <message>
        <source>Prometheus, a monitoring system, usually serves its web page and query interface here; other programs (Cockpit, for one) use this port too.</source>
        <translation>監視システムの Prometheus は、たいていここでウェブページと問い合わせ用のインターフェースを提供します。他のプログラム (たとえば Cockpit) もこのポートを使います。</translation>
    </message>
    <message>
        <source>Kafka is a system for streams of messages between programs, used in large data pipelines.</source>
        <translation>Kafka はプログラム間のメッセージの流れを扱うシステムで、大規模なデータパイプラインで使われます。</translation>
    </message>
    <message>
        <source>Raw printing (JetDirect): many network printers print whatever arrives on this port, with no questions asked. Prometheus&apos;s node exporter also uses it for machine statistics.</source>
        <translation>RAW 印刷 (JetDirect) です。多くのネットワークプリンターは、このポートに届いたものを何でもそのまま印刷します。Prometheus の node exporter もマシンの統計情報にこのポートを使います。</translation>
    </message>
    <message>
        <source>Elasticsearch is a search engine and database used for logs and site search. Its web interface on 9200 (and cluster traffic on 9300) has leaked many databases when it was left open without a password.</source>
        <translation>Elasticsearch はログやサイト内検索に使われる検索エンジン兼データベースです。9200 のウェブインターフェース (と 9300 のクラスター通信) がパスワードなしで開かれたままになり、多くのデータベースが漏えいしました。</translation>
    </message>
    <message>
        <source>This is the kubelet, the agent on each Kubernetes node that runs containers. Without proper authentication it lets anyone run commands in them.</source>
        <translation>これは kubelet で、Kubernetes の各ノードでコンテナーを動かすエージェントです。適切な認証がなければ、誰でもその中でコマンドを実行できてしまいます。</translation>
    </message>
    <message>
        <source>Memcached is a cache that keeps data in memory for websites. It has no passwords; open ones on the internet have been abused to flood others with traffic.</source>
        <translation>Memcached はウェブサイトのためにデータをメモリに保持するキャッシュです。パスワードはなく、インターネット上に開かれたものは他者に大量の通信を浴びせる攻撃に悪用されてきました。</translation>
    </message>
    <message>
        <source>Minecraft Java Edition servers wait for players here.</source>
        <translation>Minecraft Java Edition のサーバーがここでプレイヤーを待っています。</translation>
    </message>
    <message>
        <source>MongoDB, a document database, takes queries from programs here. Many databases have leaked because this port was open without a password.</source>
        <translation>ドキュメントデータベースの MongoDB が、ここでプログラムからの問い合わせを受け付けます。このポートがパスワードなしで開いていたために、多くのデータベースが漏えいしました。</translation>
    </message>
    <message>
        <source>WireGuard, a modern, fast VPN, often uses this port for its encrypted tunnel.</source>
        <translation>新しく高速な VPN である WireGuard が、暗号化されたトンネルによくこのポートを使います。</translation>
    </message>
    <message>
        <source>VNC shares a computer&apos;s screen: someone elsewhere sees the desktop and controls the mouse and keyboard. Each display has its own port from 5900 upwards. Many setups use weak passwords and no encryption, so it belongs behind a VPN or an SSH tunnel.</source>
        <translation>VNC はコンピューターの画面を共有します。離れた場所の人がデスクトップを見て、マウスとキーボードを操作します。ディスプレイごとに 5900 から順にポートを持ちます。弱いパスワードで暗号化なしの設定が多いので、VPN や SSH トンネルの内側に置くべきです。</translation>
    </message>
    <message>
        <source>X11 is the classic Linux and Unix graphical display system. A listening X server lets programs on other machines draw windows here, and read keystrokes too, so it is normally closed to the network. Each display has its own port from 6000 upwards.</source>
        <translation>X11 は Linux と Unix の古典的なグラフィック表示システムです。待ち受けている X サーバーは他のマシンのプログラムにここへウィンドウを描かせ、キー入力まで読ませてしまうので、通常はネットワークに対して閉じています。ディスプレイごとに 6000 から順にポートを持ちます。</translation>
    </message>
    <message>
        <source>Port {port} is a well-known port (0-1023): these numbers are set aside for common system services, and on most systems only an administrator may open them.</source>
        <translation>ポート {port} はウェルノウンポート (0-1023) です。これらの番号は一般的なシステムサービス用に確保されており、ほとんどのシステムでは管理者しか開けません。</translation>
    </message>
    <message>
        <source>Port {port} is a registered port (1024-49151): projects and companies register these numbers with IANA for their programs, but any program may use them.</source>
        <translation>ポート {port} は登録済みポート (1024-49151) です。プロジェクトや企業が自分のプログラムのためにこれらの番号を IANA に登録しますが、どのプログラムも使えます。</translation>
    </message>
    <message>
        <source>Port {port} is a dynamic port (49152-65535): nobody registers these; the operating system hands them out for short-lived connections, so a program listening here usually just picked a free number.</source>
        <translation>ポート {port} は動的ポート (49152-65535) です。誰も登録しない番号で、OS が短い接続のために割り当てます。ここで待ち受けるプログラムは、たいてい空いている番号を選んだだけです。</translation>
    </message>
    <message>
        <source>This door is open: a program is listening and accepted a connection. If nobody needs this service, close the door: stop the service or block the port in the firewall.</source>
        <translation>このドアは開いています。プログラムが待ち受けていて、接続を受け入れました。誰もこのサービスを必要としないなら、ドアを閉じてください。サービスを止めるか、ファイアウォールでポートを塞ぎます。</translation>
    </message>
    <message>
        <source>The door is shut: the host answered, but no program listens here.</source>
        <translation>ドアは閉じています。ホストは応答しましたが、ここで待ち受けるプログラムはありません。</translation>
    </message>
    <message>
        <source>No answer came: a firewall probably drops the knock, so we cannot tell whether anything is behind it.</source>
        <translation>応答がありませんでした。おそらくファイアウォールがノックを破棄しているため、その奥に何かあるかはわかりません。</translation>
    </message>
    <message>
        <source>No answer came back. For UDP that is normal for many services that only answer correct requests, or a firewall dropped the knock: the door may be open or barred.</source>
        <translation>応答が返ってきませんでした。UDP では、正しい要求にしか応答しない多くのサービスにとって普通のことです。あるいはファイアウォールがノックを破棄しました。ドアは開いているかもしれず、塞がれているかもしれません。</translation>
    </message>
    <message>
        <source>Not probed yet.</source>
        <translation>まだ調べていません。</translation>
    </message>
    <message>
        <source>This door is open: a program answered the knock. If nobody needs this service, close the door: stop the service or block the port in the firewall.</source>
        <translation>このドアは開いています。プログラムがノックに応答しました。誰もこのサービスを必要としないなら、ドアを閉じてください。サービスを止めるか、ファイアウォールでポートを塞ぎます。</translation>
    </message>
    <message>
        <source>IANA lists this port as: %1.</source>
        <translation>IANA はこのポートを次のように登録しています: %1。</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>portwindow watches</source>
        <translation>portwindow の監視</translation>
    </message>
</context>
<context>
    <name>OpenerDialog</name>
    <message>
        <source>Openers</source>
        <translation>開く方法</translation>
    </message>
    <message>
        <source>How a door is opened, by its service (IANA&apos;s name, or what its banner said). A command is started as it is split here, never by a shell; {host}, {port} and {name} are filled in per door. Kinds: url (the desktop opens it), command, copy (to the clipboard). Openers are offered for open doors only.</source>
        <translation>サービス (IANA の名前、またはバナーの内容) ごとのドアの開き方。コマンドはここで区切られたとおりに起動され、シェルは使いません。{host}、{port}、{name} はドアごとに埋められます。種類: url (デスクトップが開きます)、command、copy (クリップボードへ)。開く方法は開いているドアにだけ示されます。</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>既定値に戻す(&amp;D)</translation>
    </message>
</context>
<context>
    <name>Openers</name>
    <message>
        <source>&amp;Openers…</source>
        <translation>開く方法(&amp;O)…</translation>
    </message>
    <message>
        <source>How a door is opened: the browser, ssh, RDP, VNC…</source>
        <translation>ドアの開き方: ブラウザー、ssh、RDP、VNC…</translation>
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
        <source>%1 of %Ln host(s)</source>
        <translation>
            <numerusform>%Ln 台中 %1 台のホスト</numerusform>
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
    <message numerus="yes">
        <source>Delete %Ln scan(s) from the history?</source>
        <translation>
            <numerusform>履歴から %Ln 件のスキャンを削除しますか?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln door(s) as nmap XML to %1</source>
        <translation>
            <numerusform>%Ln 個のドアを nmap の XML として %1 に書き出しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open door(s)</source>
        <translation>
            <numerusform>開いているドア %Ln 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open door(s) on %1</source>
        <translation>
            <numerusform>%1で開いているドア %Ln 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln silent host(s)</source>
        <translation>
            <numerusform>応答のないホスト %Ln 台</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln door(s): %1</source>
        <translation>
            <numerusform>%Ln 個のドア: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln finding(s)</source>
        <translation>
            <numerusform>所見 %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expected doors on %Ln host(s): %1</source>
        <translation>
            <numerusform>%Ln 台のホストを検査: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln closed door(s) not pictured.</source>
        <translation>
            <numerusform>閉じているドア %Ln 個は図に含めていません。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportWords</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 から %2 まで</translation>
    </message>
    <message>
        <source> (stopped early: partial results)</source>
        <translation> (途中で停止: 一部の結果)</translation>
    </message>
    <message>
        <source>%1 probed: %2</source>
        <translation>%1 個を調査: %2</translation>
    </message>
    <message>
        <source>%1 waived</source>
        <translation>免除 %1</translation>
    </message>
    <message>
        <source> (%1 rules not checked: the scan probed no %1 port)</source>
        <translation> (%1 のルールは未検査: このスキャンは %1 のポートを調べていません)</translation>
    </message>
    <message>
        <source> and </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <source>Unexpected open doors</source>
        <translation>想定外の開いているドア</translation>
    </message>
    <message>
        <source>open, but no rule expects them.</source>
        <translation>開いていますが、どのルールも想定していません。</translation>
    </message>
    <message>
        <source>Missing doors</source>
        <translation>欠落しているドア</translation>
    </message>
    <message>
        <source>expected open, found closed or filtered.</source>
        <translation>開いているはずですが、閉じているかフィルタされていました。</translation>
    </message>
    <message>
        <source>Made by %1 %2. Service names from IANA&apos;s Service Name and Transport Protocol Port Number Registry (CC0).</source>
        <translation>%1 %2 で作成。サービス名は IANA の Service Name and Transport Protocol Port Number Registry (CC0) によります。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>not probed</source>
        <translation>未調査</translation>
    </message>
</context>
<context>
    <name>ResultViews</name>
    <message>
        <source>Doors</source>
        <translation>ドア</translation>
    </message>
    <message>
        <source>Results table</source>
        <translation>結果の表</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Doors or table</source>
        <translation>ドアまたは表</translation>
    </message>
    <message>
        <source>Show doors by state</source>
        <translation>状態でドアを表示</translation>
    </message>
    <message>
        <source>Search port or service…</source>
        <translation>ポートまたはサービスを検索…</translation>
    </message>
    <message>
        <source>Search by port or service</source>
        <translation>ポートまたはサービスで検索</translation>
    </message>
    <message>
        <source>Door size</source>
        <translation>ドアの大きさ</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>表示(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Zoom:</source>
        <translation>ズーム(&amp;Z):</translation>
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
        <source>Targets error</source>
        <translation>ターゲットのエラー</translation>
    </message>
    <message>
        <source>Ports error</source>
        <translation>ポートのエラー</translation>
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
    <message>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
</context>
<context>
    <name>ScanStatus</name>
    <message>
        <source>Expected doors audit</source>
        <extracomment>The progress and the counts change at most this often (seconds) during a scan.</extracomment>
        <translation>想定ドアの監査</translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation>スキャンの進み具合</translation>
    </message>
    <message>
        <source>Counts of doors by state</source>
        <translation>状態ごとのドアの数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>%1 / %2 ports</source>
        <translation>%1 / %2 ポート</translation>
    </message>
    <message>
        <source>%1 ports/s</source>
        <translation>%1 ポート/秒</translation>
    </message>
    <message>
        <source>%1 · ETA %2</source>
        <translation>%1 · 残り %2</translation>
    </message>
    <message>
        <source>Expected doors: %1</source>
        <translation>想定ドア: %1</translation>
    </message>
</context>
<context>
    <name>Scanning</name>
    <message>
        <source>; %1 of %2 hosts did not answer discovery and were not scanned</source>
        <extracomment>Hosts whose (not yet probed) doors are shown as soon as a scan starts. A batch every 50 ms: the engine&apos;s thread collects it (ScanSession.collect), so the Qt thread&apos;s share is small; each batch wakes the Qt thread, which then takes the GIL from the engine (at 25 ms the window&apos;s scans took 10-15 % longer and its timers&apos; worst gaps were longer).</extracomment>
        <translation>。%2 台中 %1 台のホストが探索に応答せず、スキャンされませんでした</translation>
    </message>
    <message>
        <source>; expected doors: %1</source>
        <translation>。想定ドア: %1</translation>
    </message>
    <message>
        <source>The targets hold %1 addresses, more than %2. Scanning them can take very long. Scan anyway?</source>
        <translation>ターゲットには %1 個のアドレスがあり、%2 を超えています。スキャンにはとても長くかかることがあります。それでもスキャンしますか?</translation>
    </message>
    <message>
        <source>Large scan</source>
        <translation>大きなスキャン</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>スキャンしています…</translation>
    </message>
</context>
<context>
    <name>SearchStatus</name>
    <message>
        <source>Doors shown</source>
        <translation>表示中のドア</translation>
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
        <source>Connect again to each open TCP door and read what the program says first (its banner), to tell which program answers.</source>
        <translation>開いている各 TCP ドアにもう一度接続し、プログラムが最初に送る内容 (バナー) を読んで、どのプログラムが応答しているかを調べます。</translation>
    </message>
    <message>
        <source>Find which &amp;hosts are there first</source>
        <translation>先にどのホストがいるかを調べる(&amp;H)</translation>
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
<context>
    <name>StatusWords</name>
    <message>
        <source>%1 open</source>
        <translation>開 %1</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>閉 %1</translation>
    </message>
    <message>
        <source>%1 filtered</source>
        <translation>フィルタ %1</translation>
    </message>
    <message>
        <source>%1 open|filtered</source>
        <translation>開|フィルタ %1</translation>
    </message>
    <message>
        <source>%1 unexpected</source>
        <translation>想定外 %1</translation>
    </message>
    <message>
        <source>%1 missing</source>
        <translation>欠落 %1</translation>
    </message>
    <message>
        <source>%1 unconfirmed</source>
        <translation>未確認 %1</translation>
    </message>
    <message>
        <source>%1 not checked</source>
        <translation>未検査 %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Stopped: %1 of %2 ports in %3 s; %4</source>
        <translation>停止: %2 ポート中 %1 ポートを %3 秒で調査、%4</translation>
    </message>
    <message>
        <source>Finished: %1 of %2 ports in %3 s; %4</source>
        <translation>完了: %2 ポート中 %1 ポートを %3 秒で調査、%4</translation>
    </message>
</context>
<context>
    <name>ViewNotice</name>
    <message>
        <source>Notice</source>
        <translation>お知らせ</translation>
    </message>
</context>
<context>
    <name>Watches</name>
    <message>
        <source>Watch %1 did not run: %2</source>
        <translation>監視 %1 は実行されませんでした: %2</translation>
    </message>
    <message>
        <source>Watch %1 has not run twice yet: nothing to compare.</source>
        <translation>監視 %1 はまだ 2 回実行されていないので、比較するものがありません。</translation>
    </message>
</context>
<context>
    <name>WatchesPanel</name>
    <message>
        <source>Watches</source>
        <translation>監視</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>今すぐ実行</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>No watches yet: portwindow watch add NAME TARGET --every 15</source>
        <translation>監視はまだありません: portwindow watch add NAME TARGET --every 15</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Scan</source>
        <translation>スキャン(&amp;S)</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>スキャンを開始</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop and keep the results</source>
        <translation>停止して結果を残す</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV に書き出す(&amp;E)…</translation>
    </message>
    <message>
        <source>Export every result as CSV</source>
        <translation>すべての結果を CSV に書き出す</translation>
    </message>
    <message>
        <source>Export &amp;shown as CSV…</source>
        <translation>表示中のものを CSV に書き出す(&amp;S)…</translation>
    </message>
    <message>
        <source>Export only what the filter shows</source>
        <translation>フィルタで表示中のものだけを書き出す</translation>
    </message>
    <message>
        <source>&amp;Open report…</source>
        <translation>レポートを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a saved CSV or JSON report</source>
        <translation>保存した CSV または JSON のレポートを開く</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected results</source>
        <translation>選択した結果をコピー</translation>
    </message>
    <message>
        <source>Scan se&amp;ttings…</source>
        <translation>スキャンの設定(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Doors</source>
        <translation>ドア(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>表(&amp;T)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>検索(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;About portwindow</source>
        <translation>portwindow について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation>凡例(&amp;L)</translation>
    </message>
    <message>
        <source>What the door pictures, rings, badges, states and reasons mean</source>
        <translation>ドアの図、輪、バッジ、状態、理由の意味</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>Every key of the window</source>
        <translation>ウィンドウのすべてのキー</translation>
    </message>
    <message>
        <source>E&amp;xpected doors…</source>
        <translation>想定ドア(&amp;X)…</translation>
    </message>
    <message>
        <source>Which doors are meant to be open on which targets</source>
        <translation>どのターゲットでどのドアが開いているはずか</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>レポートを書き出す(&amp;R)…</translation>
    </message>
    <message>
        <source>Export a printable report (PDF or HTML)</source>
        <translation>印刷用のレポートを書き出す (PDF または HTML)</translation>
    </message>
    <message>
        <source>Compare with &amp;previous scan</source>
        <translation>前回のスキャンと比較(&amp;P)</translation>
    </message>
    <message>
        <source>What changed since the scan of these targets before the last one</source>
        <translation>これらのターゲットの前々回のスキャンから何が変わったか</translation>
    </message>
    <message>
        <source>Export as &amp;nmap XML…</source>
        <translation>nmap の XML として書き出す(&amp;N)…</translation>
    </message>
    <message>
        <source>Export every result as nmap&apos;s XML (for ndiff, Zenmap …)</source>
        <translation>すべての結果を nmap の XML として書き出す (ndiff、Zenmap など向け)</translation>
    </message>
    <message>
        <source>E&amp;xposure by vantage point</source>
        <translation>観測地点ごとの露出(&amp;X)</translation>
    </message>
    <message>
        <source>Which doors are reachable from which vantage point</source>
        <translation>どのドアにどの観測地点から到達できるか</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
</context>
<context>
    <name>exposure_view</name>
    <message>
        <source>%1 doors are open from some vantage points and not from others</source>
        <translation>%1 個のドアが、ある観測地点からは開いていて、他からは開いていません</translation>
    </message>
    <message>
        <source>No exposure to show: scan from two vantage points first (Scan settings → Engine)</source>
        <translation>表示する露出はありません: まず 2 つの観測地点からスキャンしてください (スキャンの設定 → エンジン)</translation>
    </message>
</context>
<context>
    <name>watches</name>
    <message>
        <source>Watches</source>
        <translation>監視</translation>
    </message>
</context>
<context>
    <name>xml_export</name>
    <message>
        <source>Nothing to export yet</source>
        <translation>書き出すものはまだありません</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>書き出しに失敗しました</translation>
    </message>
</context>
</TS>
