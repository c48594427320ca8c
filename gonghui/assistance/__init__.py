"""困难职工档案: the hardship registry.

Choices made here, for whoever builds on it (the aid and mutual-aid apps, the console, the portal):

- A 返困 household re-enters on a NEW file linked to the old one (`previous_file`, `is_relapse`),
  not by reopening it. The old file keeps its exit date, class and rule version as they were
  reported in that year's figures; the new one is assessed, reviewed and approved again under the
  rule in force now; "returns" in a period are simply relapse files created in it. The chain of a
  person's files is one query on the worker's blind index.
- A watched household (after 解困脱困) still holds its person's one open file, so a relapse goes
  through it and cannot become an unrelated second file.
- The class of record and its rule version are fixed at county approval. Editing the household
  afterwards recomputes only the suggestion; a re-check with result RECLASSIFY adopts it, with the
  old and new class and rule in its event. A new rule version therefore reclassifies nothing by
  itself.
- Approval belongs to the nearest county-level (or higher) federation above the holding union; the
  cadre who reviewed a household does not also approve it.
- Rule versions are set by approvers at city level or above, and never edited. The demo lines
  (`demo.py`, `manage.py hardship_demo_rules`) are illustrative, marked as demo data, and kept out
  of migrations so no deployment starts with invented standards.
- The worker's identity index is the member registry's (`blind_index("type:number")`), so a file,
  a member and an aid grant of one person meet on one key.
"""
