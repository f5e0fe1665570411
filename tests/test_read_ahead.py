"""Items read ahead by a thread of their own: same items in order, errors raised in the caller, no thread left."""

import threading
from collections.abc import Iterator

import pytest

from app.bulk import read_ahead


def readers() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == "clausier-read-ahead")


def test_every_item_comes_in_order() -> None:
    with read_ahead(iter(range(10_001)), chunk=7) as items:
        assert list(items) == list(range(10_001))
    nothing: list[int] = []
    with read_ahead(nothing, chunk=3) as empty:
        assert list(empty) == []
    assert readers() == 0


def test_an_error_of_the_reader_is_raised_in_the_caller_after_the_items_before_it() -> None:
    def failing() -> Iterator[int]:
        yield from range(5)
        raise ValueError("JSON mal formé")

    seen: list[int] = []
    with pytest.raises(ValueError, match="JSON mal formé"), read_ahead(failing(), chunk=2) as items:
        seen.extend(items)
    assert seen == [0, 1, 2, 3, 4]
    assert readers() == 0


def test_a_caller_that_stops_early_stops_the_reader() -> None:
    """A write that fails leaves the import: the thread must not go on reading a national file."""
    read: list[int] = []

    def endless() -> Iterator[int]:
        n = 0
        while True:
            read.append(n)
            yield n
            n += 1

    with pytest.raises(RuntimeError), read_ahead(endless(), chunk=10) as items:
        for item in items:
            if item == 15:
                raise RuntimeError("écriture refusée")
    assert readers() == 0
    assert len(read) <= 10 * 5  # the chunk being read and the few ahead, never the whole file
