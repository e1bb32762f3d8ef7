"""Packaging tests: the scripts under packaging/ are importable, Qt runs offscreen."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT / "packaging", ROOT / "packaging" / "linux", ROOT / "packaging" / "windows"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
