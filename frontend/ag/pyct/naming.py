"""Fresh symbol names that cannot clash with the user's."""


class Namer:
    def __init__(self, used=()):
        self._used = set(used)

    def new_symbol(self, base):
        name = base
        i = 1
        while name in self._used:
            name = f"{base}_{i}"
            i += 1
        self._used.add(name)
        return name
