//! rcdk orchestration constructs (filled by the construct-crates issue).
