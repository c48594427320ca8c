"""The national tier: deployments are per province; each sends its aggregated figures up to an upper
deployment over a signed API (signing.py), and the upper one shows every lower deployment side by side."""
