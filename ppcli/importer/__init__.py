"""``ppcli import``: from the signed text of an agreement (.docx, .pdf, .txt, .md) to a new
agreement file, every value quoting the sentence it came from.

extract (the text of each file type) → text (normalised lines and sentences) →
recognisers (:mod:`.recognise`, :mod:`.parties`, :mod:`.obligations`: pure functions, text
→ findings with their quotes) → :mod:`.draft` (the findings as the agreement's keys) →
:mod:`.write` (the commented YAML) → :mod:`.run` (the controller: checks the file through
the normal loader, never overwrites). Rules only: no network, no model.
"""
