//! rcdk compute constructs (filled by the construct-crates issue).
