"""Qt widgets only: they call core/ and render/ and show the result."""
