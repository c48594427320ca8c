"""Background work of the core: key rotations (README "Rotating keys"), run by the task worker so a
rotation over millions of rows never holds a request or an operator's terminal."""

from django_tasks import task


@task()
def key_rotation_task(kind: str) -> int:
    """Re-seal every encrypted column (kind "field") or recompute every blind index (kind "index")
    under the current key, resuming the unfinished run towards that key if there is one."""
    from gonghui.core.key_rotation import rotate

    return rotate(kind).pk
