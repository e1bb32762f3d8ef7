"""A scan on a Dask cluster (``portwindow scan --cluster tcp://SCHEDULER:8786``).

The (host, port) space is split into the engine's deterministic shards (``shards.py``);
each shard is one Dask task that runs portwindow's own :class:`Scan` on the worker's
event loop (``task.py``) and returns its results as columns (``wire.py``). The client
(``client.py``) keeps only as many tasks running as it shares a target's budget
between (``budget.py``), hands each shard's results on as it finishes, and takes each
shard once: a shard whose worker died is run again by the scheduler, whole.

Dask is imported by ``client.py`` only, and only when a cluster scan starts.
"""
