"""职工创新 and 竞赛 on the portal: a worker submits a 合理化建议 or 五小 and sees their own suggestions,
competition results and 师带徒."""
