"""How long each free-text field of a case may be. The services judge against these, and the console
and portal forms and the API schemas take their caps from here, so every path refuses the same text
(the intake suggestion too: it reads what the agent is typing, before any form is sent)."""

CALLER_NAME = 50
# As typed, before parsing: spaces, dashes and an area code fit.
CALLER_PHONE = 40
EMPLOYER_NAME = 100
CREDIT_CODE = 40
ADDRESS = 200
DESCRIPTION = 4000
OUTCOME = 4000
NOTE = 500  # a remark on a transition (accept, assign, dispatch …)
REASON = 500  # a return, a reopening
CALLBACK_NOTE = 500
RECORD = 1000  # 办理记录, 督办意见 and its reply
CASE_NUMBER = 40
