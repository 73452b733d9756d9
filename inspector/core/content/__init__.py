"""What the files hold: identification by content (`identify/`), byte- and file-weighted
sampling with Wilson intervals (`sampling`, `stats`), tallies into a `ContentResult`.

Reads through the survey's `FileSystemView`; knows nothing of drives, cases or reports."""
