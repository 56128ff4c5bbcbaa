"""Widgets of the chat UI: transcript, answer and verdict cards, outline panel, prompt input."""
