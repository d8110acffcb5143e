//! rcdk messaging constructs (filled by the construct-crates issue).
