"""Watches: a saved scan (targets, ports, settings, expected doors) run on a schedule, so
that "is any door open that should not be" stays answered after every deploy.

- ``model``: a :class:`Watch` and its :class:`Schedule` (every N minutes, or at times);
- ``store``: the watches, kept in a TOML file in the user's config folder, and what the
  last run of each found (a small state file);
- ``runner``: one run of a watch, a normal scan saved in the history, and what changed
  since the watch's previous run;
- ``alerts``: one alert per change, said in one sentence, to a log, a command and a URL;
- ``scheduler``: which watches are due, on an injectable clock;
- ``evidence``: the SHA-256 chain over a watch's saved scans, and its verification;
- ``install``: a systemd user timer, or a crontab line, that runs a watch headless.
"""
