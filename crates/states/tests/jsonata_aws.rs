//! `rcdk_states::jsonata` as AWS Step Functions runs JSONata: the functions
//! AWS adds, what it leaves out or forbids, error codes, and hostile
//! expressions, which must fail quickly with an error (never a panic, a
//! stack overflow or a hang).
//!
//! AWS's page for all of it: "Transforming data with JSONata in Step
//! Functions", <https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>,
//! cited by each test that follows it.

use std::time::{Duration, Instant};

use rcdk_states::jsonata::{Env, Error, Expression};
use serde_json::{json, Value};

fn eval_env(expr: &str, env: &mut Env) -> Result<Option<Value>, Error> {
    Expression::parse(expr)?.evaluate(None, env)
}

fn eval(expr: &str) -> Result<Option<Value>, Error> {
    eval_env(expr, &mut Env::new())
}

fn value(expr: &str) -> Value {
    eval(expr)
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
        .unwrap_or_else(|| panic!("{expr}: undefined"))
}

fn code(expr: &str) -> String {
    match eval(expr) {
        Err(e) => e.code().to_string(),
        Ok(v) => panic!("{expr}: expected an error, got {v:?}"),
    }
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// ("JSONata functions provided by Step Functions"): `$partition(array, size)`.
#[test]
fn partition_splits_into_chunks() {
    assert_eq!(
        value("$partition([1,2,3,4,5,6,7,8,9], 3)"),
        json!([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    );
    assert_eq!(value("$partition([1,2,3,4,5], 2)"), json!([[1, 2], [3, 4], [5]]));
    assert_eq!(value("$partition([1,2], 5)"), json!([[1, 2]]));
    assert_eq!(code("$partition([1,2], 0)"), "D3200");
    assert_eq!(code("$partition([1,2], 1.5)"), "D3200");
    assert_eq!(code("$partition([1,2], 'a')"), "T0410");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html:
// `$range(start, end, step)`, e.g. `$range(0, 10, 2)`.
#[test]
fn range_counts_by_step() {
    assert_eq!(value("$range(0, 10, 2)"), json!([0, 2, 4, 6, 8, 10]));
    assert_eq!(value("$range(10, 0, -5)"), json!([10, 5, 0]));
    assert_eq!(value("$range(1, 3)"), json!([1, 2, 3]));
    assert_eq!(value("$range(5, 1, 1)"), json!([]));
    assert_eq!(code("$range(0, 10, 0)"), "D3210");
    assert_eq!(code("$range(0, 1e12, 1)"), "D3210");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html:
// `$hash(value, algorithm)` with MD5, SHA-1, SHA-256, SHA-384, SHA-512.
#[test]
fn hash_supports_the_documented_algorithms() {
    assert_eq!(value("$hash('abc', 'MD5')"), json!("900150983cd24fb0d6963f7d28e17f72"));
    assert_eq!(
        value("$hash('abc', 'SHA-1')"),
        json!("a9993e364706816aba3e25717850c26c9cd0d89d")
    );
    assert_eq!(
        value("$hash('abc', 'SHA-256')"),
        json!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
    assert_eq!(value("$length($hash('abc', 'SHA-384'))"), json!(96));
    assert_eq!(value("$length($hash('abc', 'SHA-512'))"), json!(128));
    assert_eq!(code("$hash('abc', 'SHA-3')"), "D3220");
    assert_eq!(code("$hash(1, 'MD5')"), "T0410");
    assert_eq!(code("$hash('abc')"), "T0410");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html:
// `$random()` and `$random(seed)`: the same seed gives the same number.
#[test]
fn random_is_seeded_and_repeatable() {
    let r = value("$random()").as_f64().unwrap();
    assert!((0.0..1.0).contains(&r));
    assert_eq!(value("$random(42) = $random(42)"), json!(true));
    assert_eq!(value("$random(42)"), value("$random(42)"));
    assert_ne!(value("$random(42)"), value("$random(43)"));
    // Without a seed, the caller's seed decides, so runs repeat.
    let mut a = Env::new();
    a.seed(7);
    let mut b = Env::new();
    b.seed(7);
    assert_eq!(
        eval_env("[$random(), $random()]", &mut a).unwrap(),
        eval_env("[$random(), $random()]", &mut b).unwrap()
    );
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html:
// `$uuid()` returns a version 4 UUID.
#[test]
fn uuid_is_version_4_and_repeatable_with_a_seed() {
    let u = value("$uuid()");
    let u = u.as_str().unwrap();
    assert_eq!(u.len(), 36);
    assert_eq!(&u[14..15], "4");
    let mut a = Env::new();
    a.seed(1);
    let first = eval_env("$uuid()", &mut a).unwrap();
    let second = eval_env("$uuid()", &mut a).unwrap();
    assert_ne!(first, second, "the generator advances");
    let mut b = Env::new();
    b.seed(1);
    assert_eq!(eval_env("$uuid()", &mut b).unwrap(), first);
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html:
// `$parse(jsonString)` deserializes JSON; Step Functions offers it instead of `$eval`.
#[test]
fn parse_reads_json_and_eval_is_absent() {
    assert_eq!(value(r#"$parse('{"a": [1, 2]}').a[1]"#), json!(2));
    assert_eq!(code("$parse('{not json')"), "D3230");
    assert_eq!(code("$eval('1 + 1')"), "T1006");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html:
// an expression must produce a JSON value; a function is not one.
#[test]
fn results_are_json() {
    assert_eq!(eval("$nothing").unwrap(), None);
    assert_eq!(code("function($x){$x}"), "U1002");
    assert_eq!(code("$sum"), "U1002");
    assert_eq!(value("1 + 2"), json!(3));
    assert_eq!(value("1.5 * 2"), json!(3));
    assert!(value("0.1 + 0.2").is_f64());
    assert_eq!(code("1/0"), "D1001");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// ("Reserved variable: $states"): expressions read `$states.input`; the
// interpreter binds it, and gives no context (`$` is undefined).
#[test]
fn states_variable_and_undefined_context() {
    let mut env = Env::new();
    env.bind(
        "states",
        json!({"input": {"items": [{"price": 5, "qty": 2}, {"price": 20, "qty": 1}]}}),
    );
    let e = Expression::parse(r#"$states.input.items[price > 10].{"total": price * qty}"#).unwrap();
    assert_eq!(e.evaluate(None, &mut env).unwrap(), Some(json!({"total": 20})));
    assert_eq!(
        eval_env("$sum($states.input.items.(price * qty))", &mut env).unwrap(),
        Some(json!(30))
    );
    assert_eq!(eval("$").unwrap(), None);
}

// `$now()` and `$millis()` read the caller's clock, the same throughout one
// evaluation, as JSONata fixes them per evaluation.
#[test]
fn clock_is_the_callers() {
    let mut env = Env::new();
    env.now_millis(1_700_000_000_123);
    assert_eq!(
        eval_env("$millis()", &mut env).unwrap(),
        Some(json!(1_700_000_000_123i64))
    );
    assert_eq!(
        eval_env("$now()", &mut env).unwrap(),
        Some(json!("2023-11-14T22:13:20.123Z"))
    );
    assert_eq!(eval_env("$millis() = $millis()", &mut env).unwrap(), Some(json!(true)));
    assert_eq!(
        value("$toMillis('2023-11-14T22:13:20.123Z')"),
        json!(1_700_000_000_123i64)
    );
    assert_eq!(value("$fromMillis(0)"), json!("1970-01-01T00:00:00.000Z"));
}

#[test]
fn errors_carry_code_position_and_message() {
    let e = Expression::parse("1 +").unwrap_err();
    assert_eq!(e.code(), "S0207");
    let e = eval("'a' + 1").unwrap_err();
    assert_eq!(e.code(), "T2001");
    assert_eq!(e.position(), 5);
    assert!(e.message().contains("must evaluate to a number"), "{}", e.message());
    assert!(e.to_string().starts_with("T2001"), "{e}");
    assert_eq!(code("$uppercase(1)"), "T0410");
    let e = eval("$uppercase(1)").unwrap_err();
    assert_eq!(
        e.message(),
        "Argument 1 of function uppercase does not match function signature"
    );
    let e = eval("($f := function($x) <s:s> { $x }; $f(1))").unwrap_err();
    assert_eq!(
        (e.code(), e.message()),
        ("T0410", "Argument 1 of function f does not match function signature")
    );
    assert_eq!(code("$substring('abc', 'x')"), "T0410");
    assert_eq!(code("[1,2,3].$x()"), "T1006");
    assert_eq!(Expression::parse("/(?=a)/").unwrap_err().code(), "S0303");
}

/// Runs `expr` expecting error `code` within a second (release or debug).
fn fails_fast(expr: &str, code: &str) {
    let start = Instant::now();
    let got = Expression::parse(expr).and_then(|e| e.evaluate(None, &mut Env::new()));
    let took = start.elapsed();
    match got {
        Err(e) => assert_eq!(e.code(), code, "{}: {e}", &expr[..expr.len().min(60)]),
        Ok(v) => panic!("{}: expected {code}, got {v:?}", &expr[..expr.len().min(60)]),
    }
    assert!(
        took < Duration::from_secs(10),
        "{}: took {took:?}",
        &expr[..expr.len().min(60)]
    );
}

#[test]
fn hostile_expressions_fail_quickly() {
    fails_fast(&"(".repeat(10_000), "S0001");
    fails_fast(&format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)), "S0001");
    fails_fast(&format!("{}1", "-".repeat(10_000)), "S0001");
    fails_fast("a.".repeat(5_000).trim_end_matches('.'), "S0001");
    fails_fast("1+".repeat(10_000).trim_end_matches('+'), "S0001");
    // Infinite tail recursion runs in a loop: the step budget stops it.
    fails_fast("($x := function(){$x()}; $x())", "U1001");
    // Infinite recursion that is not a tail call: the depth or stack budget.
    fails_fast("($f := function($n){1 + $f($n)}; $f(1))", "U1001");
    fails_fast("[1..100000000]", "D2014");
    fails_fast("$count([1..10000000])", "U1001");
    fails_fast("$reduce([1..100000], function($a, $b){{'a': $a}}, 0)", "U1001");
    fails_fast("$reduce([1..64], function($a, $b){$a & $a}, 'x')", "U1001");
    fails_fast("$pad('', 1e12)", "U1001");
    // Growing a string or an array by copying it: bounded by the budget.
    fails_fast(
        "$reduce([1..1000000], function($a, $b){$a & 'xxxxxxxxxxxxxxxxxxxxxxxxxx'}, '')",
        "U1001",
    );
    fails_fast("$reduce([1..1000000], function($a, $b){$append($a, $b)}, [])", "U1001");
    fails_fast("($s := $pad('', 100000, 'a'); $replace($s, 'a', $s))", "U1001");
}

#[test]
fn large_inputs_stay_fast() {
    let start = Instant::now();
    assert_eq!(value("$count($distinct([1..50000].($ % 1000)))"), json!(1000));
    assert_eq!(value("$count($distinct([1..2000].{'k': $ % 10}))"), json!(10));
    assert_eq!(
        value("$count($reduce([1..3000], function($a, $b){$append($a, $b)}, []))"),
        json!(3000)
    );
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
}

// A field of a large `$states` costs what the field costs: the path is
// followed in the caller's JSON, and only the value reached is converted.
#[test]
fn fields_of_large_inputs_are_cheap() {
    let items: Vec<Value> = (0..50_000)
        .map(|i| json!({"id": i, "name": format!("item {i}")}))
        .collect();
    let mut env = Env::new();
    env.bind("states", json!({"input": {"orderId": "o-1", "items": items}}));
    let e = Expression::parse("$states.input.orderId & '-' & $states.context.Execution.Name").unwrap();
    let start = Instant::now();
    for _ in 0..1000 {
        assert_eq!(e.evaluate(None, &mut env).unwrap(), Some(json!("o-1-")));
    }
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
}

#[test]
fn hostile_values_fail_cleanly() {
    fails_fast("$formatInteger(1/0, 'w')", "D3001");
    // Found by fuzzing: huge offsets and widths.
    assert_eq!(value("$substring('abc', 1e308)"), json!(""));
    assert_eq!(value("$substring('abc', -1e308, 1e308)"), json!("abc"));
    fails_fast("$pad('x', 1e308, 'ab')", "U1001");
    assert!(eval("$toMillis('999999999999999999999', '[Y]')").is_ok());
    assert!(eval("$fromMillis(1e300)").is_err());
    let mut deep = json!(1);
    for _ in 0..200 {
        deep = Value::Array(vec![deep]);
    }
    let e = Expression::parse("$").unwrap();
    assert_eq!(e.evaluate(Some(&deep), &mut Env::new()).unwrap_err().code(), "U1001");
}
