//! `cargo run --release --example scale -- N`: builds the reference
//! architecture in N stacks, synthesizes it, and prints the sizes and times
//! (the scaling report's peak-memory runs wrap this in `/usr/bin/time -v`).

use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    let t0 = Instant::now();
    let app = rcdk_examples::call_microservice_stacks(n);
    let built = t0.elapsed();
    let assembly = match app.synth() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let synthesized = t0.elapsed() - built;
    let resources: usize = assembly
        .stacks()
        .iter()
        .map(|s| s.template()["Resources"].as_object().map_or(0, |r| r.len()))
        .sum();
    let bytes: usize = assembly.stacks().iter().map(|s| s.json().len()).sum();
    println!(
        "stacks={n} resources={resources} json_bytes={bytes} build_ms={:.3} synth_ms={:.3} us_per_resource={:.2}",
        built.as_secs_f64() * 1e3,
        synthesized.as_secs_f64() * 1e3,
        (built + synthesized).as_secs_f64() * 1e6 / resources as f64
    );
}
