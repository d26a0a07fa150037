"""The ``labeler`` CLI's commands, one module per job; ``labeler.cli`` assembles them."""
