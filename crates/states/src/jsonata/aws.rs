//! The functions AWS Step Functions adds to JSONata, as documented in
//! "Transforming data with JSONata in Step Functions"
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>):
//! `$partition`, `$range`, `$hash`, `$random` (with an optional seed),
//! `$uuid` and `$parse`. Their random source is the evaluation's seeded
//! generator, so runs repeat given a seed.
//!
//! AWS reports their failures as `States.QueryEvaluationError` and documents
//! no JSONata code for them; here a wrong argument type fails the signature
//! check (`T0410`) and a wrong value fails with `D3200` (`$partition`),
//! `D3210` (`$range`), `D3220` (`$hash`) or `D3230` (`$parse`).

use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::error::Error;
use super::eval::Evaluator;
use super::functions::{arg, R};
use super::value::{js_number, FrameId, Value};
use crate::rng::Rng;

/// The most items `$range` makes, as JSONata's range operator allows.
const MAX_RANGE: f64 = 1e7;

/// `$partition(array, size)`: the array in chunks of `size` (the last may be shorter).
pub(crate) fn partition<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let items = arg(&args, 0).members();
    let size = arg(&args, 1).number().unwrap_or(0.0);
    if size < 1.0 || size.fract() != 0.0 {
        return Err(Error::with_message(
            "D3200",
            0,
            format!(
                "The size argument of $partition must be a positive integer; got {}",
                js_number(size)
            ),
        ));
    }
    ev.spend_items(items.len(), 0)?;
    let chunks = items
        .chunks(size.min(usize::MAX as f64) as usize)
        .map(|c| Value::array(c.to_vec()))
        .collect();
    Ok(Value::array(chunks))
}

/// `$range(start, end, step)`: from `start` to `end` inclusive, by `step`
/// (1 when omitted; negative to count down).
pub(crate) fn range<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let (Some(start), Some(end)) = (arg(&args, 0).number(), arg(&args, 1).number()) else {
        return Ok(Value::Undefined);
    };
    let step = arg(&args, 2).number().unwrap_or(1.0);
    if step == 0.0 {
        return Err(Error::with_message(
            "D3210",
            0,
            "The step argument of $range must not be zero",
        ));
    }
    let count = ((end - start) / step).floor() + 1.0;
    if count > MAX_RANGE {
        return Err(Error::with_message(
            "D3210",
            0,
            format!(
                "$range would make {} items, more than {}",
                js_number(count),
                js_number(MAX_RANGE)
            ),
        ));
    }
    let count = count.max(0.0) as u64;
    ev.spend(count, 0)?;
    Ok(Value::array(
        (0..count).map(|i| Value::Number(start + step * i as f64)).collect(),
    ))
}

/// `$hash(value, algorithm)`: the lowercase hex digest of the string's
/// UTF-8 bytes with MD5, SHA-1, SHA-256, SHA-384 or SHA-512.
pub(crate) fn hash<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(data) = arg(&args, 0).str().map(str::to_string) else {
        return Ok(Value::Undefined);
    };
    let algorithm = arg(&args, 1);
    let bytes = data.as_bytes();
    let digest: Vec<u8> = match algorithm.str().unwrap_or_default() {
        "MD5" => Md5::digest(bytes).to_vec(),
        "SHA-1" => Sha1::digest(bytes).to_vec(),
        "SHA-256" => Sha256::digest(bytes).to_vec(),
        "SHA-384" => Sha384::digest(bytes).to_vec(),
        "SHA-512" => Sha512::digest(bytes).to_vec(),
        other => {
            return Err(Error::with_message(
                "D3220",
                0,
                format!("Unsupported hash algorithm {other:?}: use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"),
            ))
        }
    };
    Ok(Value::string(
        &digest.iter().map(|b| format!("{b:02x}")).collect::<String>(),
    ))
}

/// `$random()` or `$random(seed)`: a number in [0, 1); the same seed gives
/// the same number.
pub(crate) fn random<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(Value::Number(match arg(&args, 0).number() {
        Some(seed) => Rng::new(seed.to_bits()).next_f64(),
        None => ev.rng.next_f64(),
    }))
}

/// `$uuid()`: a version 4 UUID from the evaluation's generator.
pub(crate) fn uuid<'a>(ev: &mut Evaluator<'a>, _: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(Value::string(&ev.rng.uuid()))
}

/// `$parse(text)`: JSON text as a value (AWS's replacement for `$eval`).
pub(crate) fn parse<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(text) = arg(&args, 0).str().map(str::to_string) else {
        return Ok(Value::Undefined);
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(json) => {
            let v = Value::from_json(&json);
            crate::limits::drop_deep(json);
            Ok(v)
        }
        Err(e) => Err(Error::with_message(
            "D3230",
            0,
            format!("$parse: the argument is not valid JSON: {e}"),
        )),
    }
}
