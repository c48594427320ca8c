"""Caps on free text that no model column bounds: what a search box, a password field or a date
typed as text accepts. The console, the portal and the API read them from here."""

SEARCH_TEXT = 100
# Long enough for any passphrase a person types or a manager generates; Argon2 is not fed megabytes.
PASSWORD = 256
# A date as people type it: 2023-05-01, 2023.5.1, 2023年5月1日.
DATE_TEXT = 20
