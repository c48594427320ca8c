"""统计年报: the statutory annual statistics as data (forms, sections, fields, 审核关系), each union's
return for a statistical year pre-filled from the metrics, checked, signed off and passed up level by
level (docs/decisions.md, "统计年报")."""
