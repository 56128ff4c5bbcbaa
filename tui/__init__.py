"""tui: the Textual chat app over a qa Engine."""
