//! Findings point at the line of the user's code that made the resource,
//! through every constructor rcdk calls on the way.

use rcdk::core::{App, StackProps};
use rcdk::storage::{Bucket, BucketProps};
use rcdk_policy::{aws_solutions, check, Policy};

#[test]
fn a_finding_names_the_users_line() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let line = line!() + 1;
    let _data = Bucket::new(&stack, "Data", BucketProps::default());
    let assembly = app.synth().unwrap();
    let report = check(&assembly, &[aws_solutions()]);
    let finding = report
        .findings()
        .iter()
        .find(|f| f.rule_id == "RCDK-S3-1")
        .expect("a bucket without access logs is found");
    let location = finding.location.as_ref().expect("the finding is located");
    assert_eq!((location.file(), location.line()), (file!(), line));
    // The report prints it first, as a compiler does, so editors link to it.
    assert!(
        finding
            .to_string()
            .starts_with(&format!("{location}: error[RCDK-S3-1]: S/Data/Resource")),
        "{finding}"
    );
}

#[test]
fn a_policy_failing_synth_names_the_users_line() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let line = line!() + 1;
    Bucket::new(&stack, "Data", BucketProps::default());
    Policy::new().pack(aws_solutions()).apply(&app);
    let errors = app.synth().unwrap_err();
    let (_, location) = errors
        .iter()
        .find(|(e, _)| e.to_string().contains("RCDK-S3-1"))
        .expect("the access-log rule fails synth");
    assert_eq!(location.map(|l| (l.file(), l.line())), Some((file!(), line)));
    let text = errors.to_string();
    assert!(text.contains(&format!("{}:{line}:", file!())), "{text}");
}
