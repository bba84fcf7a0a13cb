"""Synthetic CRM exports with ground truth."""
