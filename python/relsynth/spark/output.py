"""The Spark job's destination: a folder of one folder of Parquet part files per table, staged
beside it and renamed into place when every task has succeeded (docs/SPARK.md).

Paths go through pyarrow's file systems, so DEST may be a local or shared path (renames), or a
URI pyarrow reaches (file://, s3://, gs://, hdfs://, abfs://; there tasks upload their files and
the commit is a copy where the store has no rename)."""

from __future__ import annotations

import os
import posixpath
import secrets
from dataclasses import dataclass

import pyarrow.fs as pafs

from .. import _core

MANIFEST = ".relsynth-output"  # as the CLI's folders: --overwrite replaces only what it lists


@dataclass(frozen=True)
class Place:
    """A path on a file system: `uri` as the user gave it, `fs` and `path` as pyarrow reaches it.
    `local` is True for a plain path (every task renames its files into place there)."""

    uri: str
    path: str
    local: bool

    @property
    def fs(self) -> pafs.FileSystem:
        if self.local:
            return pafs.LocalFileSystem()
        return pafs.FileSystem.from_uri(self.uri)[0]

    def child(self, name: str) -> "Place":
        uri = self.uri.rstrip("/") + "/" + name
        return Place(uri=os.path.join(self.path, name) if self.local else uri,
                     path=posixpath.join(self.path, name), local=self.local)


def place(dest: str) -> Place:
    """DEST as a Place: a plain path is made absolute; a URI is taken by pyarrow."""
    if "://" not in dest:
        path = os.path.abspath(os.path.expanduser(dest))
        return Place(uri=path, path=path, local=True)
    try:
        _, path = pafs.FileSystem.from_uri(dest)
    except Exception as error:  # pyarrow's message names the scheme or the missing support
        raise _core.UsageError(f"destination {dest!r}: {error}") from None
    return Place(uri=dest.rstrip("/"), path=path.rstrip("/"), local=False)


def kind(p: Place) -> pafs.FileType:
    return p.fs.get_file_info(p.path).type


def listing(p: Place) -> list[pafs.FileInfo]:
    return p.fs.get_file_info(pafs.FileSelector(p.path, recursive=False))


def read_manifest(p: Place) -> set[str]:
    try:
        with p.fs.open_input_stream(posixpath.join(p.path, MANIFEST)) as f:
            text = f.read().decode("utf-8", "replace")
    except (FileNotFoundError, OSError):
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")}


def foreign_entries(p: Place) -> list[str]:
    """What in the folder relsynth did not write: not in its manifest (folders listed as
    `name/`, the CLI's files as `name`)."""
    ours = read_manifest(p)
    foreign = []
    for info in listing(p):
        is_dir = info.type == pafs.FileType.Directory
        entry = info.base_name + ("/" if is_dir else "")
        if info.base_name == MANIFEST or entry in ours:
            continue
        foreign.append(entry)
    return sorted(foreign)


def check_target(target: Place, overwrite: bool) -> None:
    """As the CLI's folders: an existing destination is refused unless empty, or with overwrite
    when it holds nothing but relsynth's earlier output."""
    found = kind(target)
    if found == pafs.FileType.NotFound:
        return
    if found != pafs.FileType.Directory:
        raise _core.UsageError(f"destination {target.uri!r} is a file, not a folder")
    if not listing(target):
        return
    if not overwrite:
        raise _core.UsageError(f"destination {target.uri!r} exists; pass --overwrite")
    foreign = foreign_entries(target)
    if foreign:
        names = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise _core.UsageError(
            f"destination {target.uri!r} holds {names}, which relsynth did not write there; "
            f"--overwrite only replaces a folder of relsynth's own output (listed in its {MANIFEST} "
            "file): move those out or choose another folder")


def sibling(target: Place, role: str) -> Place:
    """A fresh hidden folder beside the target (`.DEST.relsynth-spark-staging-<hex>`), on the
    same file system so that the commit is a rename."""
    parent_path = posixpath.dirname(target.path)
    name = f".{posixpath.basename(target.path)}.relsynth-spark-{role}-{secrets.token_hex(4)}"
    uri = target.uri.rsplit("/", 1)[0] + "/" + name if not target.local else os.path.join(parent_path, name)
    return Place(uri=uri, path=posixpath.join(parent_path, name), local=target.local)


def remove(p: Place) -> None:
    try:
        if kind(p) == pafs.FileType.Directory:
            p.fs.delete_dir(p.path)
    except (FileNotFoundError, OSError):
        pass


def remove_hidden_files(p: Place) -> None:
    for info in listing(p):
        if info.base_name.startswith(".") and info.type == pafs.FileType.File:
            p.fs.delete_file(info.path)


def write_manifest(staging: Place, tables: list[str]) -> None:
    text = "# written by relsynth-spark: --overwrite may replace this folder while it holds only these\n"
    text += "".join(f"{t}/\n" for t in sorted(tables))
    with staging.fs.open_output_stream(posixpath.join(staging.path, MANIFEST)) as f:
        f.write(text.encode())


def commit(staging: Place, target: Place, overwrite: bool) -> None:
    """Moves the staging folder onto the target: the target is checked again (files put there
    meanwhile are left alone), an earlier output is moved aside and removed only once the new
    one is in place."""
    check_target(target, overwrite)
    fs = target.fs
    previous = None
    if kind(target) == pafs.FileType.Directory:
        previous = sibling(target, "previous")
        fs.move(target.path, previous.path)
    try:
        fs.move(staging.path, target.path)
    except BaseException:
        if previous is not None:
            fs.move(previous.path, target.path)
        raise
    if previous is not None:
        remove(previous)
