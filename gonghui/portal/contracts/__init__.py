"""集体合同 on the portal: the contracts covering a member's employer, in plain words, and reporting a term not kept."""
