//! Synthesis speed (`cargo bench -p rcdk-examples`): the reference app to
//! YAML and JSON; the same architecture in N stacks of one app (per-resource
//! cost across N); as the floor, serializing the finished template alone;
//! and the schema checks of that template alone.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rcdk_examples::{call_microservice, call_microservice_stacks};

fn resources(app: &rcdk::App) -> u64 {
    app.synth()
        .unwrap()
        .stacks()
        .iter()
        .map(|s| s.template()["Resources"].as_object().unwrap().len() as u64)
        .sum()
}

fn reference_app(c: &mut Criterion) {
    let mut g = c.benchmark_group("call_microservice");
    g.bench_function("build", |b| b.iter(call_microservice));
    g.bench_function("build_and_synth", |b| b.iter(|| call_microservice().synth().unwrap()));
    g.bench_function("build_synth_yaml", |b| {
        b.iter(|| call_microservice().synth().unwrap().stacks()[0].to_yaml())
    });
    g.bench_function("build_synth_json", |b| {
        b.iter(|| call_microservice().synth().unwrap().stacks()[0].to_json())
    });
    let app = call_microservice();
    g.bench_function("synth_only", |b| b.iter(|| app.synth().unwrap()));
    // Synthesis with each text, against the floors below: the ratios of
    // docs/performance.md. The JSON text is rendered on first use.
    g.bench_function("synth_json", |b| b.iter(|| app.synth().unwrap().stacks()[0].to_json()));
    g.bench_function("synth_yaml", |b| b.iter(|| app.synth().unwrap().stacks()[0].to_yaml()));
    // The floor: the same finished template, serialized and nothing else.
    let template = app.synth().unwrap().stacks()[0].template().clone();
    g.bench_function("serialize_only_yaml", |b| {
        b.iter(|| rcdk::core::yaml::to_string(&template))
    });
    g.bench_function("serialize_only_json", |b| {
        b.iter(|| serde_json::to_string_pretty(&template).unwrap())
    });
    // The schema checks alone, on the same template (their parsed schemas
    // are kept for the process, so this is the steady state; the first
    // synthesis of a process also parses them: scripts/bench-process
    // --callgrind-process counts that).
    g.bench_function("schema_checks", |b| b.iter(|| rcdk::core::schema::check(&template)));
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("stacks");
    // Every stack holds the same resources. Each app is built inside its
    // benchmark, so a filter that leaves a benchmark out skips its setup
    // (and a profile of another benchmark does not count it).
    let per_stack = resources(&call_microservice_stacks(1));
    for n in [1usize, 10, 100, 1000] {
        g.throughput(Throughput::Elements(per_stack * n as u64));
        if n >= 100 {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::new("synth_json", n), &n, |b, n| {
            let app = call_microservice_stacks(*n);
            b.iter(|| {
                let a = app.synth().unwrap();
                a.stacks().iter().map(|s| s.to_json().len()).sum::<usize>()
            })
        });
        g.bench_with_input(BenchmarkId::new("build", n), &n, |b, n| {
            b.iter(|| call_microservice_stacks(*n))
        });
    }
    g.finish();
}

criterion_group!(benches, reference_app, scaling);
criterion_main!(benches);
