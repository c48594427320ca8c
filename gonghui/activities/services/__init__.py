"""Every write of the activities app; interfaces call these and nothing else."""

from gonghui.activities.services.activities import (
    activity_cancel,
    activity_close_due,
    activity_create,
    activity_edit,
    activity_finish,
    activity_publish,
    activity_rotate_checkin,
)
from gonghui.activities.services.signups import (
    AlreadyCheckedIn,
    checkin_token,
    signup_cancel,
    signup_check_in,
    signup_check_in_by_staff,
    signup_create,
    waiting_place,
)

__all__ = ["AlreadyCheckedIn", "activity_cancel", "activity_close_due", "activity_create", "activity_edit",
           "activity_finish", "activity_publish", "activity_rotate_checkin", "checkin_token", "signup_cancel",
           "signup_check_in", "signup_check_in_by_staff", "signup_create", "waiting_place"]
