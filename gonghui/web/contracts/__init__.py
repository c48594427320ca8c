"""The 集体合同 console: the contract list, a contract page with each step, the figures page."""
