"""The annual work report (工作报告): sections of sentences written as templates over metrics, filled
for a union and a period, with the cadre's own narrative, as a page and a Word document."""
