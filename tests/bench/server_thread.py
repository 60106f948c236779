"""Timing requests as a server runs them: in a thread of their own, not deep inside pytest's call stack.

CPython 3.11 keeps a thread's Python frames in 16 KiB chunks, mapped when the stack grows past a chunk and
unmapped as soon as it shrinks back. Called from pytest's test function, ~60 frames deep, the test client's
requests sat on such a boundary: about a thousand mmap/munmap pairs per request, 7-9 ms of kernel time per
list page that no gunicorn worker pays (``os.times()`` showed it as system time, ``strace -c`` as mmap and
munmap, ``strace -k`` from ``_PyThreadState_BumpFramePointerSlow``). The same requests in a new thread,
whose stack starts empty, spent 0.2 ms in the kernel instead of 7.4.

A thread has its own database connection, in autocommit: it sees what the fixtures committed (the
dataset), not what the test wrote in its own transaction, and it is closed when the work is done.
"""

from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def in_a_server_thread(function, *args, **kwargs):
    """``function(*args, **kwargs)`` run in a new thread; its result, or its exception raised here."""

    def run():
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
