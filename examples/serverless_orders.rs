//! `cargo run --example serverless_orders`: the serverless orders system, as YAML.

fn main() {
    rcdk::cli::main(rcdk_examples::serverless_orders());
}
