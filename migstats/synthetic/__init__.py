"""Synthetic samples of the official files, written in their layouts (fictional numbers, real codes)."""
