//! The reference system passes rcdk's built-in policy pack: each exception
//! is suppressed, with its reason, where the example builds it.

use rcdk::policy::{aws_solutions, check};

#[test]
fn call_microservice_passes_the_aws_solutions_pack() {
    let assembly = rcdk_examples::call_microservice().synth().unwrap();
    let report = check(&assembly, &[aws_solutions()]);
    let open: Vec<String> = report
        .findings()
        .iter()
        .filter(|f| f.suppressed.is_none())
        .map(ToString::to_string)
        .collect();
    assert!(open.is_empty(), "findings not suppressed:\n{}", open.join("\n"));
}
