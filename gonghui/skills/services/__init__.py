"""Every write of the skills domain (ARCHITECTURE.md §3), one module per part; see each module."""
