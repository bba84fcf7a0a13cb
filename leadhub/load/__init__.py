"""Export files into the raw layer."""
