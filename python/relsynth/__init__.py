"""relsynth: synthetic relational databases — every foreign key valid, statistics, rules and
cross-table relationships kept, no real record copied.

    import relsynth as rs
    meta = rs.inspect("shop.sqlite")
    synth = rs.Synthesizer(meta, seed=42).fit("shop.sqlite")
    tables = synth.sample(scale=2.0)           # dict of pandas DataFrames
    rs.report(real="shop.sqlite", synthetic=tables).summary

The same C++ core as the `relsynth` command: the same seed gives the same database.
"""

from ._core import Error, InputError, IoError, UsageError
from ._core import version as __version__
from ._progress import RelsynthWarning
from .metadata import Column, Metadata, Table
from .report import Report, report
from .synthesizer import Synthesizer, inspect, read, settings

__all__ = [
    "Column", "Error", "InputError", "IoError", "Metadata", "RelsynthWarning", "Report",
    "Synthesizer", "Table", "UsageError", "inspect", "read", "report", "settings",
]
