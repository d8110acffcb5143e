//! Any text as a JSONPath: parses or errors; a parsed path selects and sets
//! without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rcdk_states::path::JsonPath;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(p) = JsonPath::parse(text) {
        let mut v = serde_json::json!({"a": [1, 2, {"b": null}], "c": {"d": "e"}});
        let _ = p.select(&v.clone(), &v.clone());
        if p.is_reference_path() {
            let _ = p.set(&mut v, serde_json::json!(1));
        }
    }
});
