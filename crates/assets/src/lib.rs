//! Assets: files and directories a deploy uploads, named by content hash.
//!
//! A construct that ships code (a Lambda function's zip, a container image)
//! registers it with its stack through this crate: [`add_directory`],
//! [`add_file`], [`add_files`] and [`add_image`] read the files now, at
//! construct time as the AWS CDK does, compute the content hash, and call
//! [`rcdk_core::Stack::add_file_asset`] or
//! [`add_image_asset`](rcdk_core::Stack::add_image_asset), which record the
//! asset in the cloud assembly and return where it will be once published:
//! the bootstrap stack's bucket under a key named by the hash, or its
//! repository with the hash as image tag. At deploy time `rcdk-deploy`
//! zips directories with [`zip`] and uploads. This crate never talks to AWS.
//!
//! ```
//! use rcdk_assets::{add_directory, DirectoryOptions};
//! use rcdk_core::{App, Resource, StackProps, Value};
//! let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-crate-{}", std::process::id()));
//! std::fs::create_dir_all(dir.join("target")).unwrap();
//! std::fs::write(dir.join("index.py"), "def handler(event, context):\n    return 1\n").unwrap();
//! let app = App::new();
//! let stack = app.stack("Demo", StackProps::default());
//! let code = add_directory(&stack.child("Code"), &dir, &DirectoryOptions::default().exclude(["target/"]));
//! // A Lambda function would take `code.bucket_name` and `code.object_key`.
//! Resource::new(&stack, "CodeUrl", "AWS::SSM::Parameter", [
//!     ("Type", Value::from("String")),
//!     ("Value", Value::from(code.s3_object_url.clone())),
//! ]);
//! let assembly = app.synth().unwrap();
//! let asset = &assembly.stack("Demo").unwrap().file_assets()[0];
//! assert_eq!(asset.object_key, code.object_key);
//! assert_eq!(asset.object_key, format!("{}.zip", asset.id));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! # What is hashed
//!
//! The hash (SHA-256, 64 lowercase hex digits) is a function of content
//! only, so the same asset hashes the same on every machine, and an
//! unchanged asset is not uploaded or redeployed again:
//!
//! - a single file ([`AssetSource::File`](rcdk_core::asset::AssetSource::File)):
//!   the SHA-256 of its bytes, nothing else;
//! - a directory or staged files (zipped): for each file, sorted by its path
//!   relative to the directory (with `/` between folders on every platform)
//!   or by its staged name, the name, the entry kind, whether it is
//!   executable (on Unix any of the mode's `0o111` bits; never elsewhere)
//!   and the SHA-256 of its content; that is, exactly what the zip holds.
//!   A directory and staged files holding the same thing hash the same;
//! - an image: its directory's files as above, the Dockerfile's name and
//!   content, the build arguments in order, the target and the platform.
//!
//! Modification times, owners, permissions other than the executable bit,
//! empty directories and absolute paths never count. Entries left out by
//! [`DirectoryOptions::exclude`] count for nothing (see there for the
//! patterns: `name`, `dir/`, `*.ext`, `path/from/root`).
//!
//! Symbolic links are followed when they point at a file or directory
//! inside the asset's directory (the entry keeps the link's name and takes
//! the target's content and mode). A link leaving the directory, a dangling
//! link, a link cycle, and sockets, FIFOs and devices are refused with an
//! [`AssetError`] naming the path and the fix (or leave them out with
//! `exclude`).
//!
//! # Why the zip is deterministic
//!
//! [`zip`] writes the same bytes for the same files on every run and
//! machine: entries are sorted by name; every entry has the timestamp
//! 1980-01-01 00:00, "version made by" Unix and mode `0o100755` or
//! `0o100644` from the executable bit alone; there are no extra fields
//! (which would hold times, owners or Zip64 sizes), no directory entries,
//! no comments; content is deflated by `miniz_oxide` (pure Rust, no
//! system zlib whose output varies by version) at a fixed level, or stored
//! when that is not smaller. Zip64 is out of scope: 65,535 entries and
//! 4 GiB are the limits.
//!
//! # Paths
//!
//! A relative path given to the `add_*` functions is resolved against the
//! current directory at construct time and stored absolute in the
//! [`AssetSource`](rcdk_core::asset::AssetSource), since the deploy reads
//! the files later, possibly from another directory.
//!
//! # Errors
//!
//! The `add_*` functions never panic: a problem (a missing path, a bad
//! link, an unreadable file, a directory with no file, a missing
//! Dockerfile) is recorded with [`rcdk_core::Scope::add_error`], so
//! synthesis reports it with the construct's path together with every other
//! problem, and a placeholder location is returned so construction goes on.
//! The `try_add_*` functions return the [`AssetError`] instead.

#![warn(missing_docs)]

mod error;
mod exclude;
mod files;
mod hash;
mod options;
mod register;
mod zip;

pub use error::{AssetError, AssetErrorKind};
pub use files::directory_files;
pub use hash::{hash, hash_directory, hash_image};
pub use options::{DirectoryOptions, ImageOptions};
pub use register::{
    add_directory, add_file, add_files, add_image, try_add_directory, try_add_file, try_add_files, try_add_image,
};
pub use zip::{zip, zip_directory, zip_to, MAX_ENTRIES, MAX_SIZE};
