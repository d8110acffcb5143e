//! One reviewed snapshot per stack of every example, in the top-level `snapshots/`.

const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../snapshots");

#[test]
fn two_stacks() {
    rcdk_testing::assert_stack_snapshots(&rcdk_examples::two_stacks(), SNAPSHOTS, "two_stacks");
    rcdk_testing::assert_stack_json_snapshots(&rcdk_examples::two_stacks(), SNAPSHOTS, "two_stacks");
}

#[test]
fn call_microservice() {
    rcdk_testing::assert_stack_snapshots(&rcdk_examples::call_microservice(), SNAPSHOTS, "call_microservice");
}

#[test]
fn orders() {
    rcdk_testing::assert_stack_snapshots(&rcdk_examples::orders(), SNAPSHOTS, "orders");
}

#[test]
fn serverless_orders() {
    rcdk_testing::assert_stack_snapshots(&rcdk_examples::serverless_orders(), SNAPSHOTS, "serverless_orders");
}
