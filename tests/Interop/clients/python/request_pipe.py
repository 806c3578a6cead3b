"""A request iterator fed one message at a time, for streaming calls with grpcio."""

import queue


class Pipe:
    """Yields what add() puts in, until close(); grpcio reads it on its own thread."""

    _CLOSE = object()

    def __init__(self):
        self._q = queue.Queue()

    def add(self, item):
        self._q.put(item)

    def close(self):
        self._q.put(self._CLOSE)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._q.get()
        if item is self._CLOSE:
            raise StopIteration
        return item
