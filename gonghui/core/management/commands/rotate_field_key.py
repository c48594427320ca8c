from gonghui.core.management.rotation_command import RotationCommand


class Command(RotationCommand):
    help = ("Re-seal every encrypted column under the first key of GONGHUI_FIELD_KEYS, in batches, "
            "resuming an interrupted run. See README \"Rotating keys\".")
    kind = "field"
