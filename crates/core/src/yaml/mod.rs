//! YAML for CloudFormation templates, written so that every reader reads
//! back exactly the template that was written.
//!
//! rcdk wrote YAML with `serde_yaml` before. That crate is deprecated
//! upstream and resolves scalars by YAML 1.2 rules only, so it wrote `on`,
//! `yes`, `2012-10-17` and `0o17`-style strings plain, which CloudFormation,
//! cfn-lint and PyYAML (YAML 1.1 readers) read back as booleans, dates and
//! numbers. The template value model is small (maps, lists, scalars,
//! long-form intrinsics), so rcdk writes it itself: [`to_string`] keeps
//! libyaml's layout byte for byte and quotes every string that
//! [`implicit_type`] says a YAML 1.1 or 1.2 reader would take for another
//! type. See `ARCHITECTURE.md`.

mod emit;
mod resolve;

pub use resolve::{implicit_type, Implicit};

/// A JSON value (a template) as a YAML document ending in a newline.
///
/// ```
/// use serde_json::json;
/// let yaml = rcdk_core::yaml::to_string(&json!({
///     "AWSTemplateFormatVersion": "2010-09-09",
///     "Description": "on",
///     "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": []}}}
/// }));
/// assert_eq!(yaml, "\
/// AWSTemplateFormatVersion: '2010-09-09'
/// Description: 'on'
/// Resources:
///   Topic:
///     Type: AWS::SNS::Topic
///     Properties:
///       Tags: []
/// ");
/// ```
pub fn to_string(value: &serde_json::Value) -> String {
    emit::document(value)
}
