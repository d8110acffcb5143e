//! rcdk network constructs (filled by the construct-crates issue).
