"""Coordinates: GCJ-02 ⇄ WGS-84, distances, and where a point is (in China, in its stated county)."""
