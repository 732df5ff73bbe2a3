"""Readers of official files, one module per publication, and the synthetic sample."""
