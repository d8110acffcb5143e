//! `cargo run --example two_stacks [-- synth|list ...]`: two stacks of L1
//! resources with a cross-stack reference.

fn main() {
    rcdk::cli::main(rcdk_examples::two_stacks());
}
