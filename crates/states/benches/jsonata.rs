//! Parsing and evaluating typical Step Functions JSONata expressions (the
//! contents of `{% ... %}`), so the transitions benchmark can compare a
//! JSONata state's cost with a JSONPath one's.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rcdk_states::jsonata::{Env, Expression};
use serde_json::{json, Value};

const EXPRESSIONS: &[(&str, &str)] = &[
    ("filter_map", r#"$states.input.items[price > 10].{"id": id, "total": price * qty}"#),
    ("sum", "$sum($states.input.items.(price * qty))"),
    (
        "string_building",
        "'Order ' & $states.input.orderId & ' for ' & $uppercase($states.input.customer.name) & ': ' & $string($count($states.input.items)) & ' items'",
    ),
    (
        "condition",
        "$states.input.customer.tier = 'gold' and $sum($states.input.items.price) > 100 ? 'priority' : 'standard'",
    ),
    ("field", "$states.input.orderId"),
];

fn states() -> Value {
    let items: Vec<Value> = (0..20)
        .map(|i| json!({"id": format!("item-{i}"), "price": f64::from(i * 7 % 30) + 0.5, "qty": i % 4 + 1}))
        .collect();
    json!({"input": {"orderId": "o-123", "customer": {"name": "María", "tier": "gold"}, "items": items}})
}

fn bench(c: &mut Criterion) {
    let states = states();
    for (name, source) in EXPRESSIONS {
        c.bench_function(&format!("jsonata_parse/{name}"), |b| {
            b.iter(|| Expression::parse(black_box(source)).unwrap())
        });
        let expr = Expression::parse(source).unwrap();
        let mut env = Env::new();
        env.bind("states", states.clone());
        c.bench_function(&format!("jsonata_evaluate/{name}"), |b| {
            b.iter(|| expr.evaluate(None, &mut env).unwrap())
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
