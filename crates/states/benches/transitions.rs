//! State transitions per second on the reference workflow, with mocked
//! integrations (`cargo bench -p rcdk-states`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rcdk_states::{Machine, MockResult, Mocks, Runner};
use serde_json::json;

const SAMPLE: &str = include_str!("../tests/data/call-microservice.asl.json");

fn transitions(c: &mut Criterion) {
    let machine = Machine::from_str(SAMPLE).unwrap();
    let mocks = Mocks::new()
        .state(
            "Call API",
            vec![MockResult::Return(json!({"StatusCode": 200, "StatusText": "OK"}))],
        )
        .state("Notify Success", vec![MockResult::Return(json!({"MessageId": "m"}))]);
    let runner = Runner::new().mocks(mocks);
    let states = runner.run(&machine, json!({})).states_entered().len() as u64;
    let mut group = c.benchmark_group("reference_workflow");
    group.throughput(Throughput::Elements(states));
    group.bench_function("run_with_mocks", |b| {
        b.iter(|| runner.run(&machine, json!({"order": 42})))
    });
    group.finish();

    c.bench_function("load_sample_definition", |b| {
        b.iter(|| Machine::from_str(SAMPLE).unwrap())
    });
}

criterion_group!(benches, transitions);
criterion_main!(benches);
