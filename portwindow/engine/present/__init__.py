"""What the faces say about results, Qt-free: the words of a door's tooltip and of a
table's cells, plain-language notes about ports, a banner read against the registry,
report files and clipboard text with errors a person can act on, and the status line of
a scan. The window shows them; nothing here draws.
"""
