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

mod preparations {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use rcdk_core::{App, Construct, Resource, Scope, StackProps, Value};

    static RUNS: AtomicUsize = AtomicUsize::new(0);

    fn count_and_label(root: &Scope) {
        RUNS.fetch_add(1, Ordering::SeqCst);
        for resource in root.resources() {
            if resource.metadata("seen").is_none() {
                resource.add_metadata("seen", Value::from(true));
            }
        }
    }

    /// A pass before synthesis runs again only when the tree changed since
    /// it last ran, and then sees the change.
    #[test]
    fn run_again_only_when_the_tree_changed() {
        let app = App::new();
        let stack = app.stack("S", StackProps::default());
        stack.scope().before_synth("test:count", count_and_label);
        Resource::new(&stack, "A", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
        app.synth().unwrap();
        assert_eq!(RUNS.load(Ordering::SeqCst), 1);
        app.synth().unwrap();
        assert_eq!(RUNS.load(Ordering::SeqCst), 1, "nothing changed: not run again");
        let b = Resource::new(&stack, "B", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
        let yaml = app.synth().unwrap().stacks()[0].to_yaml();
        assert_eq!(RUNS.load(Ordering::SeqCst), 2);
        assert_eq!(yaml.matches("seen: true").count(), 2, "{yaml}");
        b.add_metadata("seen", Value::from(false));
        app.synth().unwrap();
        assert_eq!(RUNS.load(Ordering::SeqCst), 3, "a changed resource runs it again");
    }
}

mod passes_that_meet {
    use rcdk_core::{App, Construct, Resource, Scope, StackProps, Value};

    /// Registers `label` from inside a pass, and adds a resource.
    fn add_late(root: &Scope) {
        root.before_synth("test:label", label);
        let stack = root.stack_scope();
        if stack.resources().len() < 2 {
            Resource::new(&stack, "Late", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
        }
    }

    fn label(root: &Scope) {
        for resource in root.resources() {
            if resource.metadata("seen").is_none() {
                resource.add_metadata("seen", Value::from(true));
            }
        }
    }

    trait StackScope {
        fn stack_scope(&self) -> Scope;
    }
    impl StackScope for Scope {
        fn stack_scope(&self) -> Scope {
            self.resources()[0].scope().stack().unwrap().scope().clone()
        }
    }

    /// A pass registered by another pass runs in the same synthesis, and
    /// sees what the other added.
    #[test]
    fn a_pass_registered_or_fed_by_another_runs_in_the_same_synthesis() {
        let app = App::new();
        let stack = app.stack("S", StackProps::default());
        Resource::new(&stack, "First", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
        stack.scope().before_synth("test:add_late", add_late);
        let yaml = app.synth().unwrap().stacks()[0].to_yaml();
        assert_eq!(yaml.matches("seen: true").count(), 2, "{yaml}");
        assert_eq!(app.synth().unwrap().stacks()[0].to_yaml(), yaml);
    }

    fn flip(root: &Scope) {
        for resource in root.resources() {
            let on = resource.metadata("flip") == Some(Value::from(true));
            resource.add_metadata("flip", Value::from(!on));
        }
    }

    fn flop(root: &Scope) {
        for resource in root.resources() {
            let on = resource.metadata("flop") == Some(Value::from(true));
            resource.add_metadata("flop", Value::from(!on));
        }
    }

    /// Two passes that keep changing the tree after each other are an
    /// error naming them, not an endless loop.
    #[test]
    fn passes_that_never_settle_are_an_error() {
        let app = App::new();
        let stack = app.stack("S", StackProps::default());
        Resource::new(&stack, "Q", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
        stack.scope().before_synth("test:flip", flip);
        stack.scope().before_synth("test:flop", flop);
        let errors = app.synth().unwrap_err().to_string();
        assert!(errors.contains("test:flip, test:flop"), "{errors}");
        assert!(errors.contains("still change the tree after 16 rounds"), "{errors}");
    }
}
