//! State transitions per second on the reference workflow, with mocked
//! integrations, in JSONPath as written and in its JSONata rewrite
//! (`cargo bench -p rcdk-states --bench transitions`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rcdk_states::{Machine, MockResult, Mocks, Runner};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../tests/data/call-microservice.asl.json");

fn transitions(c: &mut Criterion) {
    let jsonpath: Value = serde_json::from_str(SAMPLE).unwrap();
    let jsonata = rcdk_states::to_jsonata(&jsonpath).unwrap();
    let mocks = Mocks::new()
        .state(
            "Call API",
            vec![MockResult::Return(json!({"StatusCode": 200, "StatusText": "OK"}))],
        )
        .state("Notify Success", vec![MockResult::Return(json!({"MessageId": "m"}))]);
    let runner = Runner::new().mocks(mocks);
    for (group_name, definition) in [
        ("reference_workflow", &jsonpath),
        ("reference_workflow_jsonata", &jsonata),
    ] {
        let machine = Machine::from_json(definition).unwrap();
        let states = runner.run(&machine, json!({})).states_entered().len() as u64;
        let mut group = c.benchmark_group(group_name);
        group.throughput(Throughput::Elements(states));
        group.bench_function("run_with_mocks", |b| {
            b.iter(|| runner.run(&machine, json!({"order": 42})))
        });
        group.finish();
    }

    c.bench_function("load_sample_definition", |b| {
        b.iter(|| Machine::from_str(SAMPLE).unwrap())
    });
}

criterion_group!(benches, transitions);
criterion_main!(benches);
