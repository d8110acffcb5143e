//! Options of directory and image assets.

/// Options of a directory asset.
///
/// `exclude` leaves entries out of both the hash and the zip. Patterns are
/// matched against each entry's path relative to the directory, with `/`
/// between folders on every platform:
///
/// - `name` (no `/`) leaves out every file or directory of that name, at any
///   depth: `.git`, `node_modules`, `.DS_Store`;
/// - `dir/` (a trailing `/`) does the same for directories only: `target/`;
/// - `*` matches any run of characters within one name and `?` one
///   character: `*.log`, `*.tmp`;
/// - a pattern with a `/` before its end (`docs/build`, `/README.md`) is
///   anchored at the directory and matched against the whole relative path.
///
/// Leaving out a directory leaves out everything below it. `**`, `!`
/// negations and character classes are not supported (a pattern with `**`
/// is refused).
///
/// ```
/// use rcdk_assets::DirectoryOptions;
/// let options = DirectoryOptions::default().exclude(["target/", ".git", "*.log"]);
/// assert_eq!(options.exclude, vec!["target/", ".git", "*.log"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DirectoryOptions {
    /// Patterns of entries to leave out (see above).
    pub exclude: Vec<String>,
}

impl DirectoryOptions {
    /// Adds patterns to [`exclude`](Self::exclude).
    ///
    /// ```
    /// use rcdk_assets::DirectoryOptions;
    /// let options = DirectoryOptions::default().exclude([".git"]).exclude(["target/"]);
    /// assert_eq!(options.exclude.len(), 2);
    /// ```
    pub fn exclude<S: Into<String>>(mut self, patterns: impl IntoIterator<Item = S>) -> Self {
        self.exclude.extend(patterns.into_iter().map(Into::into));
        self
    }
}

/// Options of a container image asset: how `docker build` runs.
///
/// ```
/// use rcdk_assets::ImageOptions;
/// let options = ImageOptions::default()
///     .dockerfile("Dockerfile.prod")
///     .build_arg("FEATURES", "tls")
///     .target("runtime")
///     .platform("linux/arm64");
/// assert_eq!(options.build_args, vec![("FEATURES".to_owned(), "tls".to_owned())]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageOptions {
    /// The Dockerfile, relative to the directory; `Dockerfile` when `None`.
    pub dockerfile: Option<String>,
    /// `--build-arg` values, in order.
    pub build_args: Vec<(String, String)>,
    /// `--target`: the stage to build.
    pub target: Option<String>,
    /// `--platform`, for example `linux/arm64`.
    pub platform: Option<String>,
    /// Entries of the directory the hash leaves out, as
    /// [`DirectoryOptions::exclude`]. They only keep the hash (and so the
    /// image tag) from changing: the deploy still sends the whole directory
    /// as the build context, so keep these in line with `.dockerignore`.
    pub exclude: Vec<String>,
}

impl ImageOptions {
    /// Sets the Dockerfile's name, relative to the directory.
    ///
    /// ```
    /// use rcdk_assets::ImageOptions;
    /// assert_eq!(ImageOptions::default().dockerfile("api.Dockerfile").dockerfile.as_deref(), Some("api.Dockerfile"));
    /// ```
    pub fn dockerfile(mut self, name: impl Into<String>) -> Self {
        self.dockerfile = Some(name.into());
        self
    }

    /// Adds a `--build-arg`.
    ///
    /// ```
    /// use rcdk_assets::ImageOptions;
    /// assert_eq!(ImageOptions::default().build_arg("A", "1").build_args.len(), 1);
    /// ```
    pub fn build_arg(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.build_args.push((name.into(), value.into()));
        self
    }

    /// Sets `--target`.
    ///
    /// ```
    /// use rcdk_assets::ImageOptions;
    /// assert_eq!(ImageOptions::default().target("runtime").target.as_deref(), Some("runtime"));
    /// ```
    pub fn target(mut self, stage: impl Into<String>) -> Self {
        self.target = Some(stage.into());
        self
    }

    /// Sets `--platform`.
    ///
    /// ```
    /// use rcdk_assets::ImageOptions;
    /// assert_eq!(ImageOptions::default().platform("linux/amd64").platform.as_deref(), Some("linux/amd64"));
    /// ```
    pub fn platform(mut self, platform: impl Into<String>) -> Self {
        self.platform = Some(platform.into());
        self
    }

    /// Adds patterns to [`exclude`](Self::exclude).
    ///
    /// ```
    /// use rcdk_assets::ImageOptions;
    /// assert_eq!(ImageOptions::default().exclude(["target/"]).exclude, vec!["target/"]);
    /// ```
    pub fn exclude<S: Into<String>>(mut self, patterns: impl IntoIterator<Item = S>) -> Self {
        self.exclude.extend(patterns.into_iter().map(Into::into));
        self
    }
}
