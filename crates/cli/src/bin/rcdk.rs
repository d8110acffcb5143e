//! `rcdk`: deploys rcdk and AWS CDK apps through CloudFormation.

fn main() {
    rcdk_cli::main();
}
