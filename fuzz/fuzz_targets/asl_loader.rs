//! Any text as an ASL definition: loads or reports diagnostics, never panics;
//! a loaded definition runs (mocks answer every task) and ends, never hangs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rcdk_states::{Machine, Runner, TaskCall, TaskOutcome};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(machine) = Machine::from_str(text) {
        let runner = Runner::new().handler("arn:fuzz", |c: &TaskCall| TaskOutcome::ok(c.parameters.clone()));
        let _ = runner.run(&machine, serde_json::json!({"a": [1, {"b": "c"}], "n": 3}));
        let _ = rcdk_states::diagram::mermaid(&machine);
    }
});
