//! Every resource of every example records the line of the example that
//! made it, not a line inside rcdk: each constructor on the way is
//! `#[track_caller]` (a fallback walks up to the nearest user's line, but
//! that line would be the enclosing construct's, less precise).

use rcdk::App;

fn examples() -> Vec<(&'static str, App)> {
    vec![
        ("two_stacks", rcdk_examples::two_stacks()),
        ("call_microservice", rcdk_examples::call_microservice()),
        ("orders", rcdk_examples::orders()),
        ("serverless_orders", rcdk_examples::serverless_orders()),
    ]
}

/// The lines of `examples/lib.rs` that create constructs, numbered from 1.
fn lib_lines() -> Vec<String> {
    include_str!("../lib.rs").lines().map(str::to_owned).collect()
}

#[test]
fn every_resource_points_at_the_example_line_that_made_it() {
    let lines = lib_lines();
    let mut unlocated = Vec::new();
    for (name, app) in examples() {
        let assembly = app.synth().expect("the examples synthesize");
        let stack_lines: Vec<_> = app.stacks().iter().map(|s| s.location().unwrap()).collect();
        for stack in assembly.stacks() {
            let resources = stack.template()["Resources"].as_object().unwrap();
            for logical_id in resources.keys() {
                let path = stack.construct_path(logical_id).unwrap_or_default();
                match stack.location(logical_id) {
                    // A fallback to the stack's own line would mean a
                    // constructor on the way lost the caller.
                    Some(l) if l.file().ends_with("examples/lib.rs") && !stack_lines.contains(l) => {
                        // The line is a call in the example's own code.
                        let text = &lines[l.line() as usize - 1];
                        assert!(
                            text.len() >= l.column() as usize,
                            "{name}: {path} points at {l}, past the end of {text:?}"
                        );
                    }
                    other => unlocated.push(format!("{name}: {path} ({logical_id}) at {other:?}")),
                }
            }
        }
    }
    assert!(
        unlocated.is_empty(),
        "resources not located in the example:\n{}",
        unlocated.join("\n")
    );
}

#[test]
fn a_construct_points_at_the_call_that_made_it() {
    // A route is made by `add_route`, not by the API's constructor; the
    // VPC's subnets are made several constructors deep inside `Vpc::new`.
    let assembly = rcdk_examples::call_microservice().synth().unwrap();
    let lines = lib_lines();
    let stack = &assembly.stacks()[0];
    let line_of = |logical_id_part: &str| {
        let (id, _) = stack.template()["Resources"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(id, _)| stack.construct_path(id).unwrap().ends_with(logical_id_part))
            .unwrap_or_else(|| panic!("no resource at {logical_id_part}"));
        let l = stack.location(id).unwrap();
        lines[l.line() as usize - 1].trim().to_owned()
    };
    assert_eq!(line_of("Api/GET--/Resource"), "api.add_route(");
    assert_eq!(
        line_of("Api/Resource"),
        "let api = HttpApi::new(&stack, \"Api\", HttpApiProps::default());"
    );
    assert_eq!(line_of("Vpc/PrivateSubnet2/RouteTable"), "let vpc = Vpc::new(");
}
