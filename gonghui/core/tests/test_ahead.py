import threading

import pytest

from gonghui.core.ahead import ahead


def test_the_items_arrive_in_order_made_in_another_thread():
    makers: set[str] = set()

    def items():
        for n in range(50):
            makers.add(threading.current_thread().name)
            yield n

    assert list(ahead(items(), depth=3)) == list(range(50))
    assert makers == {"ahead"}


def test_an_error_of_the_producer_is_raised_where_it_happened():
    def items():
        yield 1
        yield 2
        raise KeyError("the stage is damaged")

    got = []
    with pytest.raises(KeyError, match="damaged"):
        for item in ahead(items()):
            got.append(item)
    assert got == [1, 2]


def test_a_consumer_that_stops_early_stops_the_producer_and_closes_its_source():
    closed = threading.Event()

    def items():
        try:
            n = 0
            while True:
                yield n
                n += 1
        finally:
            closed.set()

    stream = ahead(items())
    assert next(stream) == 0
    stream.close()
    assert closed.is_set()
    assert not any(t.name == "ahead" and t.is_alive() for t in threading.enumerate())
