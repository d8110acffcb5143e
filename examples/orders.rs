//! `cargo run --example orders`: the orders system (two stacks), as YAML.

fn main() {
    rcdk::cli::main(rcdk_examples::orders());
}
