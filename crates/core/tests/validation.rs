//! Every validation of synthesis, fed bad input: the error names the construct
//! path and says what to do; every problem of one synthesis is reported.

use rcdk_core::*;

fn topic(scope: &Scope, id: &str) -> Resource {
    Resource::new(scope, id, "AWS::SNS::Topic", Vec::<(String, Value)>::new())
}

fn errors(app: &App) -> Vec<SynthError> {
    match app.synth() {
        Ok(_) => panic!("expected synthesis to fail"),
        Err(e) => e.into_errors(),
    }
}

fn one_error(app: &App) -> SynthError {
    let e = errors(app);
    assert_eq!(e.len(), 1, "{e:#?}");
    e.into_iter().next().unwrap()
}

#[test]
fn empty_and_slashed_ids() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    topic(&s, "Ok");
    let g = s.child("Group");
    topic(&g, "");
    topic(&g, "a/b");
    let e = errors(&app);
    assert!(
        matches!(&e[0], SynthError::InvalidId { path, .. } if path == "S/Group"),
        "{e:?}"
    );
    assert!(e[0].to_string().contains("must not be empty"));
    assert!(matches!(&e[1], SynthError::InvalidId { path, .. } if path == "S/Group/a/b"));
    assert!(e[1].to_string().contains("'/'"));
}

#[test]
fn duplicate_sibling_ids() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    topic(&s, "T");
    topic(&s, "T");
    let e = one_error(&app);
    assert_eq!(e, SynthError::DuplicateId { path: "S/T".into() });
    assert!(e
        .to_string()
        .starts_with("S/T: there is already a construct with this id"));
}

#[test]
fn construct_checks_are_reported_with_their_path() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let t = topic(&s, "T");
    t.scope().add_error("port 70000 is out of range; use 0 to 65535");
    let e = one_error(&app);
    assert_eq!(e.to_string(), "S/T: port 70000 is out of range; use 0 to 65535");
}

#[test]
fn references_to_another_app() {
    let other = App::new();
    let os = other.stack("O", StackProps::default());
    let foreign = topic(&os, "Foreign");
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let r = topic(&s, "T");
    r.set_property("X", foreign.reference());
    let e = one_error(&app);
    assert!(
        matches!(&e, SynthError::DanglingReference { path, .. } if path == "S/T"),
        "{e}"
    );
    assert!(e.to_string().contains("different App"));
}

#[test]
fn hand_written_logical_ids_must_exist() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let t = topic(&s, "T");
    t.set_property("DisplayName", Expr::ref_logical_id("Nope"));
    t.add_property_override(
        "KmsMasterKeyId",
        Value::object([("Fn::GetAtt", Value::list(["Gone".into(), "Arn".into()]))]),
    );
    let e = errors(&app);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e.iter().all(|e| e.path() == "S/T"));
    assert!(e[0].to_string().contains("Nope") && e[1].to_string().contains("Gone"));
}

#[test]
fn depends_on_and_reference_cycles() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let a = topic(&s, "A");
    let b = topic(&s, "B");
    a.set_property("DisplayName", b.reference());
    b.add_depends_on(&a);
    let e = one_error(&app);
    assert!(
        matches!(&e, SynthError::DependencyCycle { stack_path, cycle } if stack_path == "S" && cycle == &["S/A", "S/B", "S/A"]),
        "{e:?}"
    );
    assert!(e.to_string().contains("S/A -> S/B -> S/A"));
}

#[test]
fn too_many_resources() {
    let app = App::new();
    let s = app.stack("Big", StackProps::default());
    for i in 0..501 {
        topic(&s, &format!("T{i}"));
    }
    let e = one_error(&app);
    assert_eq!(
        e,
        SynthError::LimitExceeded {
            path: "Big".into(),
            what: "resources",
            count: 501,
            limit: 500
        }
    );
    assert!(e.to_string().contains("split it into several stacks"));
}

#[test]
fn too_many_outputs_and_parameters() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    topic(&s, "T");
    for i in 0..201 {
        CfnOutput::new(
            &s,
            &format!("O{i}"),
            OutputProps {
                value: "x".into(),
                ..Default::default()
            },
        );
        CfnParameter::new(&s, &format!("P{i}"), ParameterProps::default());
    }
    let e = errors(&app);
    assert!(e.contains(&SynthError::LimitExceeded {
        path: "S".into(),
        what: "outputs",
        count: 201,
        limit: 200
    }));
    assert!(e.contains(&SynthError::LimitExceeded {
        path: "S".into(),
        what: "parameters",
        count: 201,
        limit: 200
    }));
}

#[test]
fn template_size_limits() {
    let app = App::new();
    let s = app.stack("Large", StackProps::default());
    let big = topic(&s, "T");
    big.add_metadata("Padding", "x".repeat(60_000));
    let assembly = app.synth().unwrap();
    assert_eq!(assembly.warnings().len(), 1);
    assert_eq!(assembly.warnings()[0].path, "Large");
    assert!(assembly.warnings()[0].message.contains("51200"));

    big.add_metadata("Padding", "x".repeat(1_000_001));
    let e = one_error(&app);
    assert!(matches!(e, SynthError::TemplateTooLarge { ref path, limit: 1_000_000, .. } if path == "Large"));
}

#[test]
fn invalid_and_colliding_logical_ids() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    topic(&s, "A").override_logical_id("not-valid");
    topic(&s, "B").override_logical_id("Same");
    topic(&s, "C").override_logical_id("Same");
    let e = errors(&app);
    assert_eq!(
        e[0],
        SynthError::InvalidLogicalId {
            path: "S/A".into(),
            logical_id: "not-valid".into()
        }
    );
    assert_eq!(
        e[1],
        SynthError::LogicalIdCollision {
            logical_id: "Same".into(),
            path: "S/C".into(),
            other_path: "S/B".into()
        }
    );
}

#[test]
fn invalid_and_duplicate_export_names() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let t = topic(&s, "T");
    let out = |id: &str, name: &str| {
        CfnOutput::new(
            &s,
            id,
            OutputProps {
                value: t.reference().into(),
                export_name: Some(name.into()),
                ..Default::default()
            },
        )
    };
    out("Bad", "has spaces");
    out("One", "shared");
    out("Two", "shared");
    let e = errors(&app);
    assert_eq!(
        e[0],
        SynthError::InvalidExportName {
            path: "S/Bad".into(),
            name: "has spaces".into()
        }
    );
    assert_eq!(
        e[1],
        SynthError::DuplicateExportName {
            path: "S/Two".into(),
            other_path: "S/One".into(),
            name: "shared".into()
        }
    );
}

#[test]
fn cycles_between_stacks_name_both() {
    let app = App::new();
    let a = app.stack("A", StackProps::default());
    let b = app.stack("B", StackProps::default());
    let ta = topic(&a, "T");
    let tb = topic(&b, "T");
    ta.set_property("DisplayName", tb.reference());
    tb.set_property("DisplayName", ta.reference());
    let e = one_error(&app);
    assert_eq!(
        e,
        SynthError::StackCycle {
            path: "B".into(),
            other_path: "A".into()
        }
    );
    assert!(e.to_string().contains("B: this stack and A depend on each other"));
}

#[test]
fn references_across_environments() {
    let app = App::new();
    let a = app.stack(
        "A",
        StackProps {
            env: Environment::new("111111111111", "eu-west-1"),
            ..Default::default()
        },
    );
    let b = app.stack(
        "B",
        StackProps {
            env: Environment::new("111111111111", "us-east-1"),
            ..Default::default()
        },
    );
    let ta = topic(&a, "T");
    topic(&b, "T").set_property("DisplayName", ta.reference());
    let e = one_error(&app);
    assert!(
        matches!(&e, SynthError::CrossEnvironmentReference { path, .. } if path == "B/T"),
        "{e}"
    );
}

#[test]
fn stack_names_and_empty_stacks() {
    let app = App::new();
    let a = app.stack(
        "A",
        StackProps {
            stack_name: Some("1bad_name".into()),
            ..Default::default()
        },
    );
    topic(&a, "T");
    let b = app.stack(
        "B",
        StackProps {
            stack_name: Some("Same".into()),
            ..Default::default()
        },
    );
    topic(&b, "T");
    let c = app.stack(
        "C",
        StackProps {
            stack_name: Some("Same".into()),
            ..Default::default()
        },
    );
    topic(&c, "T");
    app.stack("Empty", StackProps::default());
    let e = errors(&app);
    assert!(e.contains(&SynthError::InvalidStackName {
        path: "A".into(),
        name: "1bad_name".into()
    }));
    assert!(e.contains(&SynthError::DuplicateStackName {
        path: "C".into(),
        other_path: "B".into(),
        name: "Same".into()
    }));
    assert!(e.contains(&SynthError::EmptyStack { path: "Empty".into() }));
}

static QUEUE: ResourceType = ResourceType {
    name: "AWS::SQS::Queue",
    tagging: TagFormat::KeyValueList,
    attributes: &["Arn", "QueueUrl"],
    properties: &["QueueName"],
    create_only_properties: &["QueueName"],
};

#[test]
fn unknown_attributes_of_known_types() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let q = Resource::typed(&s, "Q", &QUEUE, Value::Null);
    topic(&s, "T").set_property("DisplayName", q.get_att::<String>("Nmae"));
    let e = one_error(&app);
    assert!(
        e.to_string().contains("S/T: AWS::SQS::Queue has no attribute \"Nmae\""),
        "{e}"
    );
    assert!(e.to_string().contains("Arn, QueueUrl"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    topic(&s, "T");
    topic(&s, "T");
    topic(&s, "");
    topic(&s, "R").set_property("X", Expr::ref_logical_id("Missing"));
    app.stack("Empty", StackProps::default());
    let e = errors(&app);
    assert_eq!(e.len(), 4, "{e:#?}");
    let text = SynthErrors::new(e).to_string();
    assert!(text.starts_with("synthesis failed with 4 error(s):"));
}
