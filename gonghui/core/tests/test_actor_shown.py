from gonghui.core.audit import actor_shown


def test_a_worker_is_shown_by_the_last_four_digits_of_the_phone():
    assert actor_shown("portal:173****2222") == "职工本人（手机尾号2222）"


def test_the_system_is_shown_as_such_and_a_cadre_as_stored():
    assert actor_shown("system:case-sweep") == "系统"
    assert actor_shown("张敏（成都市锦江区总工会）") == "张敏（成都市锦江区总工会）"
