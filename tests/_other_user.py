"""Running footstats as another user of the computer, for the permission tests of issue 26.

Tests run as root in CI, and root ignores file permissions, so a permission test forks and
drops to an unprivileged user id in the child (as ``test_append.in_child`` does). The child
runs Python code that is already imported (the interpreter lives under ``/root`` here, which
other users cannot even open, so nothing new can be imported or executed as them): call
the same command once in the parent first so that its lazy imports are done.

Files the other user must reach go in :func:`open_folder` (a folder of the system's
temporary folder that every user can traverse), never in pytest's ``tmp_path`` (0700).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534  # the user id the child runs as; a second one for two-user tests:
OTHER = 65533
IS_ROOT = os.geteuid() == 0


def needs_root_for_two_users():
    """Skip (with the reason) a test that needs two users other than the current one."""
    if not IS_ROOT:
        pytest.skip("acting as two other users needs root (CI runs as root)")


@contextmanager
def open_folder():
    """A new folder every user can traverse (0o755), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="footstats-issue26-", dir=tempfile.gettempdir()))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def give(path: Path, uid: int) -> Path:
    """``path`` owned by ``uid`` (when root; otherwise it is the current user's already)."""
    if IS_ROOT:
        os.chown(path, uid, NOBODY)
    return path


def as_user(work, uid: int = NOBODY, timeout: float = 60) -> tuple[object, str, str]:
    """``work()`` run in a forked child as ``uid`` (as the current user when not root).

    Returns what it returned (or ``"raised Kind: message"``), its stdout and its stderr.
    The child is waited for with a time limit, killed (by its PID) when it hangs.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: whatever happens it ends here, never back in pytest
        try:
            os.close(read_end)
            out, err = io.StringIO(), io.StringIO()
            sys.stdout, sys.stderr = out, err
            try:
                if IS_ROOT:
                    os.setgroups([])
                    os.setgid(NOBODY)
                    os.setuid(uid)
                result = work()
            except SystemExit as exc:
                result = exc.code
            except BaseException as exc:  # reported to the parent, which asserts on it
                result = f"raised {type(exc).__name__}: {exc}"
            data = json.dumps([repr(result), out.getvalue(), err.getvalue()]).encode()
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view) :]
        finally:
            os._exit(0)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + timeout
    os.set_blocking(read_end, False)
    while True:
        try:
            chunk = os.read(read_end, 1 << 16)
            if chunk:
                chunks.append(chunk)
        except BlockingIOError:
            chunk = None
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("the child hung")
        if not chunk:
            time.sleep(0.005)
    os.set_blocking(read_end, True)
    with os.fdopen(read_end, "rb") as pipe:
        chunks.append(pipe.read())
    result, out, err = json.loads(b"".join(chunks).decode())
    return result, out, err
