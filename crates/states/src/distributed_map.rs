//! The distributed Map state (`ItemProcessor.ProcessorConfig.Mode:
//! DISTRIBUTED`), as the AWS docs describe it
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>):
//! items read by an `ItemReader` from S3 (here, a local directory mapped
//! to a bucket with [`Runner::bucket`](crate::Runner::bucket), or a mock),
//! grouped by an `ItemBatcher`, each item or batch processed by a child
//! workflow execution that reads no outer variables, failures tolerated up
//! to `ToleratedFailureCount`/`ToleratedFailurePercentage`, and the results
//! returned or written by a `ResultWriter` as AWS writes them (a
//! `manifest.json` and `SUCCEEDED_0.json`, `FAILED_0.json`, `PENDING_0.json`).
//!
//! What the interpreter does not run is refused when the definition loads,
//! naming the field: an S3 inventory `MANIFEST` or `PARQUET` reader, and a
//! `WriterConfig` with `OutputType: JSONL`.

use std::path::{Component, Path, PathBuf};

use serde_json::{json, Map, Value as Json};

use crate::limits::measure;
use crate::path::JsonPath;

/// The largest object an `ItemReader` reads: 64 MiB (a limit of
/// rcdk-states, which reads the whole object into memory).
pub const MAX_READER_BYTES: u64 = 64 * 1024 * 1024;

/// The most items a Map Run processes locally: 100,000 (a limit of
/// rcdk-states, which keeps every child execution).
pub const MAX_MAP_RUN_ITEMS: usize = 100_000;

/// How long an `EXPRESS` child workflow may run: five minutes, the
/// Express workflows' limit.
pub const EXPRESS_SECONDS: f64 = 300.0;

/// A distributed Map's configuration.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Distributed {
    /// `ProcessorConfig.ExecutionType`: `STANDARD` or `EXPRESS` child workflows.
    pub execution_type: String,
    /// `ItemReader`.
    pub item_reader: Option<ItemReader>,
    /// `ItemBatcher`.
    pub item_batcher: Option<ItemBatcher>,
    /// `ResultWriter`.
    pub result_writer: Option<ResultWriter>,
    /// `ToleratedFailurePercentage` (0 to 100).
    pub tolerated_failure_percentage: Option<f64>,
    /// `ToleratedFailurePercentagePath`.
    pub tolerated_failure_percentage_path: Option<JsonPath>,
    /// `ToleratedFailureCount`.
    pub tolerated_failure_count: Option<u64>,
    /// `ToleratedFailureCountPath`.
    pub tolerated_failure_count_path: Option<JsonPath>,
    /// `Label`: names the Map Run and its child executions.
    pub label: Option<String>,
}

/// Where an `ItemReader` reads its items.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReaderResource {
    /// `arn:aws:states:::s3:getObject`: one object, read as `InputType` says.
    GetObject,
    /// `arn:aws:states:::s3:listObjectsV2`: the objects of a bucket (under a prefix).
    ListObjectsV2,
}

/// How an object's text becomes items (`ReaderConfig.InputType`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputType {
    /// `JSON`: a JSON array, each element an item.
    Json,
    /// `JSONL`: one JSON value per line.
    JsonLines,
    /// `CSV`: one item per row, an object of the header's names to the
    /// row's text.
    Csv {
        /// `CSVHeaders` when `CSVHeaderLocation` is `GIVEN`; `None` reads
        /// them from the first row (`FIRST_ROW`).
        headers: Option<Vec<String>>,
        /// `CSVDelimiter`: `COMMA` (the default), `PIPE`, `SEMICOLON`, `SPACE` or `TAB`.
        delimiter: char,
    },
}

/// `ItemReader`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ItemReader {
    /// `Resource`.
    pub resource: ReaderResource,
    /// `Parameters` (`Bucket`, `Key` or `Prefix`), a payload template on
    /// the state's input.
    pub parameters: Json,
    /// `ReaderConfig.InputType` (for `getObject`).
    pub input_type: Option<InputType>,
    /// `ReaderConfig.MaxItems`.
    pub max_items: Option<u64>,
    /// `ReaderConfig.MaxItemsPath`.
    pub max_items_path: Option<JsonPath>,
}

/// `ItemBatcher`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ItemBatcher {
    /// `MaxItemsPerBatch`.
    pub max_items_per_batch: Option<u64>,
    /// `MaxItemsPerBatchPath`.
    pub max_items_per_batch_path: Option<JsonPath>,
    /// `MaxInputBytesPerBatch` (at most 256 KiB).
    pub max_input_bytes_per_batch: Option<u64>,
    /// `MaxInputBytesPerBatchPath`.
    pub max_input_bytes_per_batch_path: Option<JsonPath>,
    /// `BatchInput`: a payload template on the state's input, given to
    /// every batch as `BatchInput`.
    pub batch_input: Option<Json>,
}

/// How the results of a Map Run are shaped (`WriterConfig.Transformation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Transformation {
    /// `NONE`: each child execution's description (ARN, input, output,
    /// status, dates), as the written files hold.
    None,
    /// `COMPACT`: each child execution's output.
    Compact,
    /// `FLATTEN`: the outputs, the arrays among them flattened one level.
    Flatten,
}

/// `ResultWriter`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ResultWriter {
    /// `Parameters` (`Bucket`, `Prefix`) of the `s3:putObject` resource;
    /// `None` when only a `WriterConfig` is given (the results are the
    /// state's, transformed).
    pub parameters: Option<Json>,
    /// `WriterConfig.Transformation` (`NONE` when writing, `COMPACT` otherwise, by default).
    pub transformation: Transformation,
}

/// A problem with a distributed Map's fields: where (relative to the
/// state) and what.
pub(crate) type Problem = (String, String);

fn int_in(o: &Map<String, Json>, key: &str, max: u64, at: &str, problems: &mut Vec<Problem>) -> Option<u64> {
    let v = o.get(key)?;
    match v.as_u64().filter(|n| *n <= max) {
        Some(n) => Some(n),
        None => {
            problems.push((
                format!("{at}{key}"),
                format!("must be an integer from 0 to {max}, not {v}"),
            ));
            None
        }
    }
}

fn path_in(o: &Map<String, Json>, key: &str, at: &str, problems: &mut Vec<Problem>) -> Option<JsonPath> {
    let v = o.get(key)?;
    match v.as_str().map(JsonPath::parse) {
        Some(Ok(p)) => Some(p),
        Some(Err(e)) => {
            problems.push((format!("{at}{key}"), e.to_string()));
            None
        }
        None => {
            problems.push((format!("{at}{key}"), "must be a path string".into()));
            None
        }
    }
}

fn both(o: &Map<String, Json>, key: &str, at: &str, problems: &mut Vec<Problem>) {
    let path = format!("{key}Path");
    if o.contains_key(key) && o.contains_key(&path) {
        problems.push((format!("{at}{path}"), format!("use either {key} or {path}, not both")));
    }
}

/// The marker of a problem that is only unsupported here (AWS runs it).
pub(crate) const LATER: &str = crate::path::VARIABLES_LATER;

/// Loads a distributed Map's fields from its state object `o`. Problems
/// name their field relative to the state.
pub(crate) fn load(o: &Map<String, Json>, execution_type: Option<&Json>) -> (Distributed, Vec<Problem>) {
    let mut problems = Vec::new();
    let execution_type = match execution_type.and_then(Json::as_str) {
        Some(t @ ("STANDARD" | "EXPRESS")) => t.to_owned(),
        other => {
            problems.push((
                "ItemProcessor.ProcessorConfig.ExecutionType".into(),
                format!(
                    "a distributed Map needs ExecutionType \"STANDARD\" or \"EXPRESS\", not {}",
                    other.map_or("nothing".to_owned(), |s| format!("{s:?}"))
                ),
            ));
            "STANDARD".into()
        }
    };
    for key in ["ToleratedFailurePercentage", "ToleratedFailureCount"] {
        both(o, key, "", &mut problems);
    }
    let tolerated_failure_percentage =
        o.get("ToleratedFailurePercentage")
            .and_then(|v| match v.as_f64().filter(|p| (0.0..=100.0).contains(p)) {
                Some(p) => Some(p),
                None => {
                    problems.push((
                        "ToleratedFailurePercentage".into(),
                        format!("must be a number from 0 to 100, not {v}"),
                    ));
                    None
                }
            });
    let label = o.get("Label").and_then(|v| {
        let ok = v.as_str().filter(|s| {
            !s.is_empty()
                && s.chars().count() <= 40
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c))
        });
        if ok.is_none() {
            problems.push((
                "Label".into(),
                "must be 1 to 40 characters, without whitespace or any of < > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /"
                    .into(),
            ));
        }
        ok.map(str::to_owned)
    });
    let d = Distributed {
        execution_type,
        item_reader: o.get("ItemReader").and_then(|r| reader(r, &mut problems)),
        item_batcher: o.get("ItemBatcher").and_then(|b| batcher(b, &mut problems)),
        result_writer: o.get("ResultWriter").and_then(|w| writer(w, &mut problems)),
        tolerated_failure_percentage,
        tolerated_failure_percentage_path: path_in(o, "ToleratedFailurePercentagePath", "", &mut problems),
        tolerated_failure_count: int_in(o, "ToleratedFailureCount", u64::from(u32::MAX), "", &mut problems),
        tolerated_failure_count_path: path_in(o, "ToleratedFailureCountPath", "", &mut problems),
        label,
    };
    if d.item_reader.is_some() && o.contains_key("ItemsPath") {
        problems.push((
            "ItemsPath".into(),
            "a Map with an ItemReader reads its items there; remove ItemsPath".into(),
        ));
    }
    (d, problems)
}

fn object<'a>(v: &'a Json, at: &str, problems: &mut Vec<Problem>) -> Option<&'a Map<String, Json>> {
    let o = v.as_object();
    if o.is_none() {
        problems.push((at.to_owned(), "must be an object".into()));
    }
    o
}

fn reader(v: &Json, problems: &mut Vec<Problem>) -> Option<ItemReader> {
    let o = object(v, "ItemReader", problems)?;
    let resource = o.get("Resource").and_then(Json::as_str).unwrap_or_default();
    let resource = match resource.rsplit(":::").next().unwrap_or_default() {
        "s3:getObject" if resource.starts_with("arn:") => ReaderResource::GetObject,
        "s3:listObjectsV2" if resource.starts_with("arn:") => ReaderResource::ListObjectsV2,
        _ => {
            problems.push((
                "ItemReader.Resource".into(),
                format!("must be arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2, not {resource:?}"),
            ));
            return None;
        }
    };
    let parameters = o.get("Parameters").cloned().unwrap_or_else(|| json!({}));
    if let Some(a) = o.get("Arguments") {
        let _ = a;
        problems.push((
            "ItemReader.Arguments".into(),
            format!("Arguments (a JSONata field) {LATER}; use Parameters"),
        ));
    }
    let empty = Map::new();
    let config = match o.get("ReaderConfig") {
        Some(c) => object(c, "ItemReader.ReaderConfig", problems).unwrap_or(&empty),
        None => &empty,
    };
    let at = "ItemReader.ReaderConfig.";
    both(config, "MaxItems", at, problems);
    let input_type = match (config.get("InputType").and_then(Json::as_str), &resource) {
        (None, ReaderResource::ListObjectsV2) => None,
        (None, ReaderResource::GetObject) => {
            problems.push((
                format!("{at}InputType"),
                "an s3:getObject reader needs an InputType: JSON, JSONL or CSV".into(),
            ));
            None
        }
        (Some("JSON"), _) => Some(InputType::Json),
        (Some("JSONL"), _) => Some(InputType::JsonLines),
        (Some("CSV"), _) => {
            let delimiter = match config.get("CSVDelimiter").and_then(Json::as_str) {
                None | Some("COMMA") => ',',
                Some("PIPE") => '|',
                Some("SEMICOLON") => ';',
                Some("SPACE") => ' ',
                Some("TAB") => '\t',
                Some(other) => {
                    problems.push((
                        format!("{at}CSVDelimiter"),
                        format!("must be COMMA, PIPE, SEMICOLON, SPACE or TAB, not {other:?}"),
                    ));
                    ','
                }
            };
            let headers = match config.get("CSVHeaderLocation").and_then(Json::as_str) {
                None | Some("FIRST_ROW") => None,
                Some("GIVEN") => {
                    let given: Option<Vec<String>> = config
                        .get("CSVHeaders")
                        .and_then(Json::as_array)
                        .filter(|a| !a.is_empty())
                        .and_then(|a| a.iter().map(|h| h.as_str().map(str::to_owned)).collect());
                    if given.is_none() {
                        problems.push((
                            format!("{at}CSVHeaders"),
                            "CSVHeaderLocation GIVEN needs CSVHeaders, a non-empty list of strings".into(),
                        ));
                    }
                    given
                }
                Some(other) => {
                    problems.push((
                        format!("{at}CSVHeaderLocation"),
                        format!("must be FIRST_ROW or GIVEN, not {other:?}"),
                    ));
                    None
                }
            };
            Some(InputType::Csv { headers, delimiter })
        }
        (Some(t @ ("MANIFEST" | "PARQUET")), _) => {
            problems.push((
                format!("{at}InputType"),
                format!("InputType {t} {LATER}; use JSON, JSONL or CSV"),
            ));
            None
        }
        (Some(other), _) => {
            problems.push((
                format!("{at}InputType"),
                format!("must be JSON, JSONL, CSV, MANIFEST or PARQUET, not {other:?}"),
            ));
            None
        }
    };
    if resource == ReaderResource::ListObjectsV2 && input_type.is_some() {
        problems.push((
            format!("{at}InputType"),
            "an s3:listObjectsV2 reader lists objects; InputType is for s3:getObject".into(),
        ));
    }
    Some(ItemReader {
        resource,
        parameters,
        input_type,
        max_items: int_in(config, "MaxItems", 100_000_000, at, problems),
        max_items_path: path_in(config, "MaxItemsPath", at, problems),
    })
}

fn batcher(v: &Json, problems: &mut Vec<Problem>) -> Option<ItemBatcher> {
    let o = object(v, "ItemBatcher", problems)?;
    let at = "ItemBatcher.";
    for key in ["MaxItemsPerBatch", "MaxInputBytesPerBatch"] {
        both(o, key, at, problems);
    }
    let b = ItemBatcher {
        max_items_per_batch: int_in(o, "MaxItemsPerBatch", u64::from(u32::MAX), at, problems),
        max_items_per_batch_path: path_in(o, "MaxItemsPerBatchPath", at, problems),
        max_input_bytes_per_batch: int_in(o, "MaxInputBytesPerBatch", 262_144, at, problems),
        max_input_bytes_per_batch_path: path_in(o, "MaxInputBytesPerBatchPath", at, problems),
        batch_input: o.get("BatchInput").cloned(),
    };
    if [
        "MaxItemsPerBatch",
        "MaxItemsPerBatchPath",
        "MaxInputBytesPerBatch",
        "MaxInputBytesPerBatchPath",
    ]
    .iter()
    .all(|k| !o.contains_key(*k))
    {
        problems.push((
            "ItemBatcher".into(),
            "an ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch (or their Path forms)".into(),
        ));
    }
    Some(b)
}

fn writer(v: &Json, problems: &mut Vec<Problem>) -> Option<ResultWriter> {
    let o = object(v, "ResultWriter", problems)?;
    let is_put = |r: &str| r.starts_with("arn:") && r.ends_with(":::s3:putObject");
    let parameters = match (o.get("Resource").and_then(Json::as_str), o.get("Parameters")) {
        (Some(r), _) if !is_put(r) => {
            problems.push((
                "ResultWriter.Resource".into(),
                format!("must be arn:aws:states:::s3:putObject, not {r:?}"),
            ));
            None
        }
        (Some(_), Some(p)) => Some(p.clone()),
        (Some(_), None) => {
            problems.push((
                "ResultWriter.Parameters".into(),
                "needs Parameters with the Bucket (and Prefix) to write to".into(),
            ));
            None
        }
        (None, _) => None,
    };
    let config = o.get("WriterConfig").and_then(Json::as_object);
    if o.get("Resource").is_none() && config.is_none() {
        problems.push((
            "ResultWriter".into(),
            "needs Resource and Parameters, a WriterConfig, or all three".into(),
        ));
    }
    let transformation = match config.and_then(|c| c.get("Transformation")).and_then(Json::as_str) {
        None if parameters.is_some() => Transformation::None,
        None | Some("COMPACT") => Transformation::Compact,
        Some("NONE") => Transformation::None,
        Some("FLATTEN") => Transformation::Flatten,
        Some(other) => {
            problems.push((
                "ResultWriter.WriterConfig.Transformation".into(),
                format!("must be NONE, COMPACT or FLATTEN, not {other:?}"),
            ));
            Transformation::Compact
        }
    };
    match config.and_then(|c| c.get("OutputType")).and_then(Json::as_str) {
        None | Some("JSON") => {}
        Some("JSONL") => problems.push((
            "ResultWriter.WriterConfig.OutputType".into(),
            format!("OutputType JSONL {LATER}; use JSON"),
        )),
        Some(other) => problems.push((
            "ResultWriter.WriterConfig.OutputType".into(),
            format!("must be JSON or JSONL, not {other:?}"),
        )),
    }
    Some(ResultWriter {
        parameters,
        transformation,
    })
}

/// Why reading or writing failed: `States.ItemReaderFailed` or
/// `States.ResultWriterFailed`, and a cause.
pub(crate) type IoFailure = (&'static str, String);

/// The local path of `key` in the bucket mapped to `dir`: keys that would
/// leave the directory (`..`, absolute) are refused.
pub(crate) fn key_path(dir: &Path, key: &str) -> Option<PathBuf> {
    let rel = Path::new(key);
    let safe = !key.is_empty()
        && !key.contains('\\')
        && rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    safe.then(|| dir.join(rel))
}

/// The directory mapped to `bucket`.
pub(crate) fn bucket_dir<'a>(
    buckets: &'a [(String, PathBuf)],
    bucket: &str,
    error: &'static str,
) -> Result<&'a Path, IoFailure> {
    buckets
        .iter()
        .find(|(b, _)| b == bucket)
        .map(|(_, d)| d.as_path())
        .ok_or_else(|| {
            (
                error,
                format!(
                    "no local directory is mapped to bucket {bucket:?}; map it with Runner::bucket(\"{bucket}\", dir)"
                ),
            )
        })
}

fn string_param<'a>(params: &'a Json, key: &str, error: &'static str) -> Result<&'a str, IoFailure> {
    params
        .get(key)
        .and_then(Json::as_str)
        .ok_or_else(|| (error, format!("Parameters must give {key} as a string")))
}

/// Reads the items an `ItemReader` names, from the mapped buckets.
pub(crate) fn read_items(
    reader: &ItemReader,
    params: &Json,
    buckets: &[(String, PathBuf)],
) -> Result<Vec<Json>, IoFailure> {
    const E: &str = "States.ItemReaderFailed";
    let bucket = string_param(params, "Bucket", E)?;
    let dir = bucket_dir(buckets, bucket, E)?;
    match reader.resource {
        ReaderResource::ListObjectsV2 => {
            let prefix = params.get("Prefix").and_then(Json::as_str).unwrap_or_default();
            list_objects(dir, prefix)
        }
        ReaderResource::GetObject => {
            let key = string_param(params, "Key", E)?;
            let path = key_path(dir, key)
                .ok_or_else(|| (E, format!("key {key:?} is not a key rcdk-states maps to a file")))?;
            let meta = std::fs::metadata(&path)
                .map_err(|e| (E, format!("cannot read s3://{bucket}/{key} ({}): {e}", path.display())))?;
            if meta.len() > MAX_READER_BYTES {
                return Err((
                    E,
                    format!(
                        "s3://{bucket}/{key} is {} bytes; rcdk-states reads at most {MAX_READER_BYTES}",
                        meta.len()
                    ),
                ));
            }
            let bytes = std::fs::read(&path).map_err(|e| (E, format!("cannot read s3://{bucket}/{key}: {e}")))?;
            let text = String::from_utf8(bytes).map_err(|_| (E, format!("s3://{bucket}/{key} is not UTF-8 text")))?;
            parse_items(&text, reader.input_type.as_ref().unwrap_or(&InputType::Json))
                .map_err(|m| (E, format!("s3://{bucket}/{key}: {m}")))
        }
    }
}

/// The items of an object's text.
pub(crate) fn parse_items(text: &str, input_type: &InputType) -> Result<Vec<Json>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match input_type {
        InputType::Json => match serde_json::from_str(text) {
            Ok(Json::Array(items)) => Ok(items),
            Ok(other) => Err(format!(
                "InputType JSON needs a JSON array, found {}",
                crate::intrinsics::type_name(&other)
            )),
            Err(e) => Err(format!("not valid JSON: {e}")),
        },
        InputType::JsonLines => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: not valid JSON: {e}", i + 1)))
            .collect(),
        InputType::Csv { headers, delimiter } => {
            let mut rows = parse_csv(text, *delimiter)?.into_iter();
            let headers = match headers {
                Some(h) => h.clone(),
                None => rows.next().ok_or("the CSV has no header row")?,
            };
            rows.enumerate()
                .map(|(i, row)| {
                    if row.len() != headers.len() {
                        return Err(format!(
                            "row {} has {} field(s), but there are {} header(s)",
                            i + 1,
                            row.len(),
                            headers.len()
                        ));
                    }
                    Ok(Json::Object(
                        headers.iter().cloned().zip(row.into_iter().map(Json::String)).collect(),
                    ))
                })
                .collect()
        }
    }
}

/// CSV records (RFC 4180: quoted fields may hold the delimiter, line
/// breaks and doubled quotes). Blank lines are skipped.
fn parse_csv(text: &str, delimiter: char) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut any = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                any = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                if any || !field.is_empty() || !row.is_empty() {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                any = false;
            }
            c if c == delimiter => {
                row.push(std::mem::take(&mut field));
                any = true;
            }
            _ => {
                field.push(c);
                any = true;
            }
        }
    }
    if quoted {
        return Err(format!("a quoted field is not closed (from line {line})"));
    }
    if any || !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

/// What `s3:listObjectsV2` lists: every file under `dir` whose key starts
/// with `prefix`, in key order, as `{"Etag", "Key", "LastModified",
/// "Size", "StorageClass"}` (the Etag the MD5 of the content, as for a
/// single-part upload; LastModified the file's modification time in epoch
/// seconds).
fn list_objects(dir: &Path, prefix: &str) -> Result<Vec<Json>, IoFailure> {
    use md5::Digest as _;
    const E: &str = "States.ItemReaderFailed";
    let mut files = Vec::new();
    let mut todo = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, key_prefix)) = todo.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| (E, format!("cannot list {}: {e}", d.display())))?;
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let key = format!("{key_prefix}{name}");
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                todo.push((entry.path(), format!("{key}/")));
            } else if kind.is_file() && key.starts_with(prefix) {
                files.push((key, entry.path()));
            }
            if files.len() > MAX_MAP_RUN_ITEMS {
                return Err((E, format!("more than {MAX_MAP_RUN_ITEMS} objects to list")));
            }
        }
    }
    files.sort();
    let mut items = Vec::with_capacity(files.len());
    for (key, path) in files {
        let meta = std::fs::metadata(&path).map_err(|e| (E, format!("cannot read {}: {e}", path.display())))?;
        let etag = if meta.len() <= MAX_READER_BYTES {
            let bytes = std::fs::read(&path).map_err(|e| (E, format!("cannot read {}: {e}", path.display())))?;
            let digest = md5::Md5::digest(&bytes);
            digest.iter().map(|b| format!("{b:02x}")).collect::<String>()
        } else {
            String::new()
        };
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        items.push(json!({
            "Etag": format!("\"{etag}\""),
            "Key": key,
            "LastModified": modified,
            "Size": meta.len(),
            "StorageClass": "STANDARD",
        }));
    }
    Ok(items)
}

/// Groups items into batches of at most `max_items` items and
/// `max_bytes` bytes of JSON (an item larger than that alone).
pub(crate) fn batches(items: Vec<Json>, max_items: Option<u64>, max_bytes: Option<u64>) -> Vec<Vec<Json>> {
    let max_items = max_items.filter(|n| *n > 0).map_or(usize::MAX, |n| n as usize);
    let max_bytes = max_bytes.filter(|n| *n > 0).map_or(usize::MAX, |n| n as usize);
    let mut out: Vec<Vec<Json>> = Vec::new();
    let mut bytes = 0usize;
    for item in items {
        let size = measure(&item, usize::MAX).unwrap_or(usize::MAX).saturating_add(1);
        let fits = out
            .last()
            .is_some_and(|b| b.len() < max_items && bytes.saturating_add(size) <= max_bytes);
        if !fits {
            out.push(Vec::new());
            bytes = 2;
        }
        bytes = bytes.saturating_add(size);
        if let Some(b) = out.last_mut() {
            b.push(item);
        }
    }
    out
}

/// Writes a Map Run's results under `Prefix/<map run id>/` in the bucket
/// `Parameters` names, as AWS does: `SUCCEEDED_0.json`, `FAILED_0.json`
/// and `PENDING_0.json` for the results there are, and `manifest.json`
/// listing them. Returns the `ResultWriterDetails` (`Bucket`, `Key` of the
/// manifest).
pub(crate) fn write_results(
    params: &Json,
    buckets: &[(String, PathBuf)],
    map_run_arn: &str,
    run_id: &str,
    succeeded: &[Json],
    failed: &[Json],
    pending: &[Json],
) -> Result<Json, IoFailure> {
    const E: &str = "States.ResultWriterFailed";
    let bucket = string_param(params, "Bucket", E)?;
    let dir = bucket_dir(buckets, bucket, E)?;
    let prefix = params.get("Prefix").and_then(Json::as_str).unwrap_or_default();
    let base = if prefix.is_empty() {
        run_id.to_owned()
    } else {
        format!("{}/{run_id}", prefix.trim_end_matches('/'))
    };
    let write = |key: &str, value: &Json| -> Result<u64, IoFailure> {
        let path =
            key_path(dir, key).ok_or_else(|| (E, format!("key {key:?} is not a key rcdk-states maps to a file")))?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| (E, format!("cannot create {}: {e}", parent.display())))?;
        }
        let text = serde_json::to_string(value).unwrap_or_default();
        std::fs::write(&path, &text).map_err(|e| (E, format!("cannot write s3://{bucket}/{key}: {e}")))?;
        Ok(text.len() as u64)
    };
    let mut files = Map::new();
    for (status, results) in [("FAILED", failed), ("PENDING", pending), ("SUCCEEDED", succeeded)] {
        let mut listed = Vec::new();
        if !results.is_empty() {
            let key = format!("{base}/{status}_0.json");
            let size = write(&key, &Json::Array(results.to_vec()))?;
            listed.push(json!({"Key": key, "Size": size}));
        }
        files.insert(status.into(), Json::Array(listed));
    }
    let manifest_key = format!("{base}/manifest.json");
    write(
        &manifest_key,
        &json!({"DestinationBucket": bucket, "MapRunArn": map_run_arn, "ResultFiles": files}),
    )?;
    Ok(json!({"Bucket": bucket, "Key": manifest_key}))
}

/// The results as a `WriterConfig` with no `Resource` returns them.
pub(crate) fn transform(t: Transformation, described: Vec<Json>, outputs: Vec<Json>) -> Json {
    match t {
        Transformation::None => Json::Array(described),
        Transformation::Compact => Json::Array(outputs),
        Transformation::Flatten => Json::Array(
            outputs
                .into_iter()
                .flat_map(|o| match o {
                    Json::Array(a) => a,
                    other => vec![other],
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_reads_quotes_delimiters_and_line_breaks() {
        let rows = parse_csv("a,b\n\"x,1\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",2\n\n", ',').unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["a".to_owned(), "b".to_owned()],
                vec!["x,1".to_owned(), "say \"hi\"".to_owned()],
                vec!["multi\nline".to_owned(), "2".to_owned()],
            ]
        );
        assert!(parse_csv("\"open", ',').is_err());
        assert_eq!(
            parse_csv("a|b", '|').unwrap(),
            vec![vec!["a".to_owned(), "b".to_owned()]]
        );
    }

    #[test]
    fn keys_stay_in_their_bucket() {
        let dir = Path::new("/tmp/bucket");
        assert_eq!(key_path(dir, "a/b.json"), Some(dir.join("a/b.json")));
        for bad in ["../x", "a/../../x", "/etc/passwd", "", "a\\b"] {
            assert_eq!(key_path(dir, bad), None, "{bad}");
        }
    }

    #[test]
    fn batches_respect_both_limits() {
        let items: Vec<Json> = (0..5).map(|i| json!(i)).collect();
        let b = batches(items.clone(), Some(2), None);
        assert_eq!(b.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2, 1]);
        // "[0,1]" is 5 bytes; a third item would make 7.
        let b = batches(items, None, Some(6));
        assert_eq!(b.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2, 1]);
    }
}
