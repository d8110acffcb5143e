//! rcdk api constructs (filled by the construct-crates issue).
