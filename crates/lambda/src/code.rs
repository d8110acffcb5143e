//! A function's code: a directory or a Rust binary staged as an asset, code
//! given inline, or a zip already in S3.

use std::path::PathBuf;

use rcdk_cfn::lambda::function;
use rcdk_core::asset::{FileAssetLocation, StagedFile};
use rcdk_core::{Expr, Scope};

use crate::Runtime;

/// The most bytes of code Lambda takes inline: the AWS CDK refuses more
/// than 4 KiB in `Code.fromInline`, and CloudFormation's `ZipFile` holds
/// one file, so larger code belongs in an asset.
///
/// ```
/// assert_eq!(rcdk_lambda::MAX_INLINE_BYTES, 4096);
/// ```
pub const MAX_INLINE_BYTES: usize = 4096;

/// The options of a directory asset ([`Code::from_asset_with`]).
///
/// ```
/// use rcdk_lambda::AssetOptions;
/// let options = AssetOptions::default().exclude(["target/", ".git", "*.log"]);
/// assert_eq!(options.exclude.len(), 3);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssetOptions {
    /// Entries to leave out of the zip and its hash: `name` at any depth,
    /// `dir/` for directories only, `*` and `?` within a name, and patterns
    /// with a `/` anchored at the directory (`rcdk-assets`' rules).
    pub exclude: Vec<String>,
}

impl AssetOptions {
    /// Adds patterns to [`exclude`](Self::exclude).
    ///
    /// ```
    /// let options = rcdk_lambda::AssetOptions::default().exclude(["node_modules"]);
    /// assert_eq!(options.exclude, vec!["node_modules"]);
    /// ```
    pub fn exclude<S: Into<String>>(mut self, patterns: impl IntoIterator<Item = S>) -> Self {
        self.exclude.extend(patterns.into_iter().map(Into::into));
        self
    }
}

/// A function's code.
///
/// ```
/// use rcdk_lambda::Code;
/// let inline = Code::inline("def handler(event, context):\n    return event\n");
/// let in_s3 = Code::from_bucket("my-artifacts", "orders/v1.zip");
/// let rust = Code::from_rust_binary("target/lambda/orders/bootstrap");
/// let dir = Code::from_asset("lambda/orders");
/// assert!(rust.is_rust_binary() && !dir.is_rust_binary());
/// # let _ = (inline, in_s3);
/// ```
#[derive(Clone, Debug)]
pub struct Code {
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    Directory { path: PathBuf, options: AssetOptions },
    RustBinary(PathBuf),
    Inline(String),
    Bucket { bucket: Expr<String>, key: Expr<String> },
}

impl Code {
    /// The contents of a directory, zipped and uploaded to the bootstrap
    /// bucket as an asset named by its content hash (so the function is
    /// updated exactly when the code changes).
    ///
    /// ```
    /// let code = rcdk_lambda::Code::from_asset("lambda/handler");
    /// ```
    pub fn from_asset(directory: impl Into<PathBuf>) -> Code {
        Code::from_asset_with(directory, AssetOptions::default())
    }

    /// [`from_asset`](Self::from_asset), leaving out what `options` excludes.
    ///
    /// ```
    /// use rcdk_lambda::{AssetOptions, Code};
    /// let code = Code::from_asset_with("lambda/handler", AssetOptions::default().exclude(["tests/", "*.md"]));
    /// ```
    pub fn from_asset_with(directory: impl Into<PathBuf>, options: AssetOptions) -> Code {
        Code {
            kind: Kind::Directory {
                path: directory.into(),
                options,
            },
        }
    }

    /// A compiled Rust binary (for example `cargo lambda build --release`'s
    /// `target/lambda/<name>/bootstrap`, or a `cargo build --target
    /// x86_64-unknown-linux-musl` output), zipped as the executable
    /// `bootstrap` that the `provided.al2023` runtime runs. Use it with
    /// [`Runtime::ProvidedAl2023`] (or `ProvidedAl2`), and build for the
    /// function's [`Architecture`](crate::Architecture).
    ///
    /// ```
    /// let code = rcdk_lambda::Code::from_rust_binary("target/lambda/orders/bootstrap");
    /// ```
    pub fn from_rust_binary(binary: impl Into<PathBuf>) -> Code {
        Code {
            kind: Kind::RustBinary(binary.into()),
        }
    }

    /// Source code written into the template (`Code.ZipFile`): Node.js and
    /// Python runtimes only, at most 4 KiB ([`MAX_INLINE_BYTES`]). Lambda
    /// saves it as `index.js` or `index.py`, so the handler is `index.<name>`.
    ///
    /// ```
    /// let code = rcdk_lambda::Code::inline("exports.handler = async (e) => e;");
    /// ```
    pub fn inline(source: impl Into<String>) -> Code {
        Code {
            kind: Kind::Inline(source.into()),
        }
    }

    /// A zip already in an S3 bucket (of the function's region).
    ///
    /// ```
    /// let code = rcdk_lambda::Code::from_bucket("my-artifacts", "orders/v1.zip");
    /// ```
    pub fn from_bucket(bucket_name: impl Into<Expr<String>>, key: impl Into<Expr<String>>) -> Code {
        Code {
            kind: Kind::Bucket {
                bucket: bucket_name.into(),
                key: key.into(),
            },
        }
    }

    /// Whether this is a Rust binary ([`from_rust_binary`](Self::from_rust_binary)).
    ///
    /// ```
    /// assert!(!rcdk_lambda::Code::inline("x").is_rust_binary());
    /// ```
    pub fn is_rust_binary(&self) -> bool {
        matches!(self.kind, Kind::RustBinary(_))
    }

    /// Checks the code against the runtime; each problem is an error on
    /// `node`. Returns the L1 `Code`, staging assets with the stack.
    pub(crate) fn bind(&self, node: &Scope, runtime: &Runtime, handler: Option<&str>) -> function::Code {
        match &self.kind {
            Kind::Inline(source) => {
                if let Some(h) = handler.filter(|h| !h.starts_with("index.")) {
                    node.add_error(format!(
                        "handler {h:?} cannot name inline code, which Lambda saves as index.js or index.py; use index.<function>, such as index.handler"
                    ));
                }
                if !runtime.supports_inline_code() {
                    node.add_error(format!(
                        "Code::inline: the {runtime} runtime cannot run code given inline (Lambda takes it for Node.js and Python only); use Code::from_asset or Code::from_rust_binary"
                    ));
                }
                if source.len() > MAX_INLINE_BYTES {
                    node.add_error(format!(
                        "Code::inline: the source is {} bytes, over the {MAX_INLINE_BYTES} bytes inline code may have; put it in a directory and use Code::from_asset",
                        source.len()
                    ));
                }
                if source.trim().is_empty() {
                    node.add_error("Code::inline: the source is empty; give the function's code");
                }
                function::Code {
                    zip_file: Some(source.as_str().into()),
                    ..Default::default()
                }
            }
            Kind::Bucket { bucket, key } => function::Code {
                s3_bucket: Some(bucket.clone()),
                s3_key: Some(key.clone()),
                ..Default::default()
            },
            Kind::Directory { path, options } => located(stage(node, Staged::Directory(path, options))),
            Kind::RustBinary(path) => {
                if !runtime.is_provided() {
                    node.add_error(format!(
                        "Code::from_rust_binary: a Rust binary runs on an OS-only runtime, not {runtime}; use Runtime::ProvidedAl2023"
                    ));
                }
                let bootstrap = StagedFile {
                    name: "bootstrap".to_owned(),
                    path: path.clone(),
                    executable: true,
                };
                located(stage(node, Staged::Files(vec![bootstrap])))
            }
        }
    }
}

fn located(location: Option<FileAssetLocation>) -> function::Code {
    match location {
        Some(l) => function::Code {
            s3_bucket: Some(l.bucket_name),
            s3_key: Some(l.object_key.into()),
            ..Default::default()
        },
        // The error is recorded; the template is never written.
        None => function::Code::default(),
    }
}

/// What a function stages as its asset.
enum Staged<'a> {
    Directory(&'a PathBuf, &'a AssetOptions),
    Files(Vec<StagedFile>),
}

/// Stages code with the stack as a file asset, through `rcdk-assets`, which
/// hashes it and records problems (a missing path) on `node`. The one place
/// that calls `rcdk-assets`.
fn stage(node: &Scope, staged: Staged<'_>) -> Option<FileAssetLocation> {
    match staged {
        Staged::Directory(path, options) => {
            let options = rcdk_assets::DirectoryOptions::default().exclude(options.exclude.iter().cloned());
            Some(rcdk_assets::add_directory(node, path, &options))
        }
        Staged::Files(files) => Some(rcdk_assets::add_files(node, files)),
    }
}
