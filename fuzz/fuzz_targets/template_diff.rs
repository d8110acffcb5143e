//! Any two JSON documents as deployed and synthesized templates: the diff
//! and its text and Markdown forms never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid -= 1;
    }
    let (a, b) = text.split_at(mid);
    let (Ok(old), Ok(new)) = (serde_json::from_str(a), serde_json::from_str(b)) else {
        return;
    };
    let d = rcdk_diff::diff(&old, &new);
    let _ = d.to_text("S", &|_| None);
    let _ = d.to_markdown("S", &|_| None);
});
