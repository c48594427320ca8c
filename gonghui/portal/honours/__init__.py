"""The public 公示 of honours (open to anyone, no login) with its objection form, on the member portal."""
