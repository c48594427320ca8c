"""劳动关系风险预警: each employer's risk score from what the other domains already hold, the rules
that weigh it as data, and the alerts to the owning union when an employer crosses the threshold."""
