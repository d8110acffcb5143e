//! Any text as an intrinsic function call: parses or errors; a parsed call
//! evaluates or fails with an intrinsic error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rcdk_states::{intrinsics, rng::Rng};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(call) = intrinsics::parse(text) {
        let input = serde_json::json!({"s": "a,b", "n": 2, "l": [1, 2, 3], "o": {"k": "v"}});
        let _ = call.eval(&input, &serde_json::Value::Null, &mut Rng::new(1));
    }
});
