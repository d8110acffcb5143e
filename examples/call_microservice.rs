//! `cargo run --example call_microservice`: the reference system, as YAML.

fn main() {
    rcdk::cli::main(rcdk_examples::call_microservice());
}
