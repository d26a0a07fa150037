"""Small dialogs of the labeling loop: skip, "none of these fit", the key cheat sheet."""
