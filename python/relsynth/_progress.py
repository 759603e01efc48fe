"""Progress of a core call: a tqdm bar per step (a notebook widget in Jupyter), warnings as
Python warnings; nothing at all with quiet=True."""

from __future__ import annotations

import sys
import warnings


class RelsynthWarning(UserWarning):
    """What relsynth warns about: orphans, dropped rules, a transcoded file, ..."""


class ProgressPrinter:
    """The callback the core calls with (kind, done, total, text) for every event."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.messages: list[str] = []
        self._bar = None
        self._step = ""

    def __call__(self, kind: str, done: int, total: int, text: str) -> None:
        if kind == "message":
            self.messages.append(text)
            if not self.quiet:
                if text.startswith("warning: "):
                    warnings.warn(text[len("warning: "):], RelsynthWarning, stacklevel=3)
                else:
                    print(text, file=sys.stderr)
            return
        if self.quiet:
            return
        if kind == "step":
            self._close()
            self._step = text
            self._bar = _new_bar(text)
        elif kind == "update" and self._bar is not None:
            if total and self._bar.total != total:
                self._bar.total = total
            self._bar.n = done
            if text:
                self._bar.set_postfix_str(text, refresh=False)
            self._bar.refresh()
        elif kind == "done":
            if self._bar is not None and text:
                self._bar.set_postfix_str(text, refresh=False)
            self._close()

    def _close(self) -> None:
        if self._bar is not None:
            if self._bar.total:
                self._bar.n = self._bar.total
            self._bar.close()
            self._bar = None

    def close(self) -> None:
        self._close()


def _new_bar(name: str):
    try:
        from tqdm.auto import tqdm
    except ImportError:  # no tqdm: the step's name on a line of its own
        print(name + " ...", file=sys.stderr)
        return None
    return tqdm(desc=name, total=None, leave=True, dynamic_ncols=True, file=sys.stderr)
