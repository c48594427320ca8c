"""Materialized paths: every node's path is its parent's path plus one fixed-width step.

A subtree is then one prefix predicate on an indexed column, on SQLite and PostgreSQL alike.
Steps are 4 base-36 characters (1.6 million children per node); paths use only 0-9 and A-Z, so
the successor used for SQLite's range scan is just the last character plus one.
"""

STEP_LEN = 4
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_CHILDREN = len(_ALPHABET) ** STEP_LEN - 1


def step(n: int) -> str:
    if not 1 <= n <= MAX_CHILDREN:
        raise ValueError(f"child number {n} out of range")
    out = ""
    for _ in range(STEP_LEN):
        n, r = divmod(n, len(_ALPHABET))
        out = _ALPHABET[r] + out
    return out


def child_path(parent_path: str, n: int) -> str:
    return parent_path + step(n)


def depth_of(path: str) -> int:
    return len(path) // STEP_LEN


def parent_path_of(path: str) -> str:
    return path[:-STEP_LEN]


def ancestor_paths(path: str) -> list[str]:
    """Paths of every ancestor, root first, excluding the node itself."""
    return [path[:i] for i in range(STEP_LEN, len(path), STEP_LEN)]


def upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (binary order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
