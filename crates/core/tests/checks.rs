//! Checks added to an app run on every synthesis, after the constructs' own.

use rcdk_core::{App, Issue, Resource, StackProps, Value};

fn app() -> App {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    app
}

#[test]
fn a_check_warns_or_fails_with_the_construct_path() {
    let warned = app();
    warned.add_check(|a| {
        let path = a.stacks()[0].construct_path("Queue").unwrap().to_owned();
        vec![Issue::Warning {
            path,
            message: "no dead-letter queue".into(),
        }]
    });
    let assembly = warned.synth().unwrap();
    let warnings: Vec<String> = assembly.warnings().iter().map(|w| w.line()).collect();
    let file = file!();
    assert_eq!(
        warnings,
        [format!("{file}:8:5: warning: S/Queue: no dead-letter queue")]
    );

    let failed = app();
    failed.add_check(|_| {
        vec![Issue::Error {
            path: "S/Queue".into(),
            message: "encrypt it".into(),
        }]
    });
    failed.add_check(|_| {
        vec![Issue::Error {
            path: "S".into(),
            message: "tag it".into(),
        }]
    });
    let errors = failed.synth().unwrap_err().to_string();
    // Each error points at the line that made its construct, as a
    // compiler's would.
    assert_eq!(
        errors,
        format!("synthesis failed with 2 error(s):\n{file}:8:5: error: S/Queue: encrypt it\n{file}:7:21: error: S: tag it\n")
    );
}

#[test]
fn checks_do_not_run_when_the_constructs_already_fail() {
    let app = App::new();
    app.stack("Empty", StackProps::default());
    app.add_check(|_| panic!("a check must not see an assembly that failed"));
    assert!(app.synth().is_err());
}
