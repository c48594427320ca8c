from gonghui.reports.risk.services.alerts import alert_close, risk_list_employer, suggested_listing
from gonghui.reports.risk.services.refresh import RefreshResult, risk_refresh
from gonghui.reports.risk.services.rules import may_change_risk_rules, risk_rules_set

__all__ = ["RefreshResult", "alert_close", "may_change_risk_rules", "risk_list_employer", "risk_refresh",
           "risk_rules_set", "suggested_listing"]
