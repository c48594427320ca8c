from gonghui.core.management.rotation_command import RotationCommand


class Command(RotationCommand):
    help = ("Recompute every blind-index column under the first key of GONGHUI_INDEX_KEY, in batches, "
            "resuming an interrupted run. See README \"Rotating keys\".")
    kind = "index"
