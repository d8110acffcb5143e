//! The VPC and security groups: what they write, and bad input.

use rcdk_core::{App, Environment, StackProps};
use rcdk_network::*;
use rcdk_testing::Template;
use serde_json::json;

fn synth(app: &App) -> Template {
    Template::from_stack(&app.synth().unwrap_or_else(|e| panic!("{e}")).stacks()[0])
}

fn errors(app: &App) -> Vec<String> {
    app.synth()
        .expect_err("expected errors")
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn default_vpc_spans_two_zones_with_computed_cidrs() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    assert_eq!(vpc.public_subnet_ids().len(), 2);
    let t = synth(&app);
    t.resource_count_is("AWS::EC2::Subnet", 4);
    t.resource_count_is("AWS::EC2::NatGateway", 2);
    t.resource_count_is("AWS::EC2::FlowLog", 1);
    for (cidr, az) in [
        ("10.0.0.0/18", 0),
        ("10.0.64.0/18", 1),
        ("10.0.128.0/18", 0),
        ("10.0.192.0/18", 1),
    ] {
        t.has_resource_properties(
            "AWS::EC2::Subnet",
            json!({"CidrBlock": cidr, "MapPublicIpOnLaunch": false, "AvailabilityZone": {"Fn::Select": [az, {"Fn::GetAZs": ""}]}}),
        );
    }
    // The CDK's logical IDs for a VPC with the id "Vpc".
    assert!(t.json()["Resources"].get("Vpc8378EB38").is_some());
    assert!(t.json()["Resources"].get("VpcPublicSubnet1Subnet5C2D37C4").is_some());
}

#[test]
fn a_known_region_names_its_zones() {
    let app = App::new();
    let stack = app.stack(
        "S",
        StackProps {
            env: Environment::new("111111111111", "eu-west-1"),
            ..Default::default()
        },
    );
    Vpc::new(
        &stack,
        "Vpc",
        VpcProps {
            max_azs: 3,
            flow_logs: false,
            ..Default::default()
        },
    );
    let t = synth(&app);
    t.has_resource_properties("AWS::EC2::Subnet", json!({"AvailabilityZone": "eu-west-1c"}));
    t.resource_count_is("AWS::EC2::Subnet", 6);
    t.resource_count_is("AWS::EC2::FlowLog", 0);
}

#[test]
fn nat_gateway_choices() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Vpc::new(
        &stack,
        "One",
        VpcProps {
            nat_gateways: NatGateways::One,
            ..Default::default()
        },
    );
    let t = synth(&app);
    t.resource_count_is("AWS::EC2::NatGateway", 1);
    let nat_routes = t.find_resources("AWS::EC2::Route", json!({"NatGatewayId": {}}));
    assert_eq!(
        nat_routes.len(),
        2,
        "both private subnets route through the one NAT gateway"
    );

    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::new(
        &stack,
        "Isolated",
        VpcProps {
            nat_gateways: NatGateways::None,
            ..Default::default()
        },
    );
    assert_eq!(vpc.select_subnets(SubnetType::Isolated, &stack).len(), 2);
    let t = synth(&app);
    t.resource_count_is("AWS::EC2::NatGateway", 0);
    assert!(t
        .find_resources("AWS::EC2::Route", json!({"NatGatewayId": {}}))
        .is_empty());
}

#[test]
fn bad_vpc_input_names_the_vpc() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Vpc::new(
        &stack,
        "A",
        VpcProps {
            cidr: "10.0.0.1/16".into(),
            ..Default::default()
        },
    );
    Vpc::new(
        &stack,
        "B",
        VpcProps {
            cidr: "10.0.0.0/27".into(),
            ..Default::default()
        },
    );
    Vpc::new(
        &stack,
        "C",
        VpcProps {
            max_azs: 7,
            ..Default::default()
        },
    );
    let vpc = Vpc::new(
        &stack,
        "D",
        VpcProps {
            nat_gateways: NatGateways::None,
            ..Default::default()
        },
    );
    vpc.select_subnets(SubnetType::Private, &stack.child("Consumer"));
    let e = errors(&app);
    assert_eq!(e.len(), 4, "{e:#?}");
    assert_eq!(
        e[0],
        "S/A: cidr: \"10.0.0.1/16\" has host bits set; did you mean 10.0.0.0/16?"
    );
    assert!(e[1].starts_with("S/B: cidr: 10.0.0.0/27 is too small"), "{}", e[1]);
    assert_eq!(e[2], "S/C: max_azs is 7; use 1 to 6 availability zones");
    assert!(
        e[3].starts_with("S/Consumer: asks for private subnets but the VPC has no NAT gateways"),
        "{}",
        e[3]
    );
}

#[test]
fn rules_between_groups_are_written_on_both_sides() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::new(
        &stack,
        "Vpc",
        VpcProps {
            flow_logs: false,
            ..Default::default()
        },
    );
    let web = SecurityGroup::new(&stack, "Web", SecurityGroupProps::new(&vpc, "web"));
    let lb = SecurityGroup::new(&stack, "Lb", SecurityGroupProps::new(&vpc, "lb"));
    let open = SecurityGroup::new(
        &stack,
        "Open",
        SecurityGroupProps {
            allow_all_outbound: true,
            ..SecurityGroupProps::new(&vpc, "open")
        },
    );
    web.allow_from(&lb, Port::tcp(8080), "lb to web");
    web.allow_from(&open, Port::tcp_range(9000, 9100), "open to web");
    web.allow_from_peer(&Peer::ipv4("10.0.0.0/16"), Port::udp(53), "dns");
    let t = synth(&app);
    t.resource_count_is("AWS::EC2::SecurityGroupIngress", 2);
    t.resource_count_is("AWS::EC2::SecurityGroupEgress", 1);
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupEgress",
        json!({"FromPort": 8080, "ToPort": 8080, "IpProtocol": "tcp", "Description": "lb to web (TCP 8080)"}),
    );
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupIngress",
        json!({"FromPort": 9000, "ToPort": 9100}),
    );
    t.has_resource_properties("AWS::EC2::SecurityGroup", json!({
        "GroupDescription": "web",
        "SecurityGroupIngress": [{"CidrIp": "10.0.0.0/16", "IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "Description": "dns (UDP 53)"}],
        "SecurityGroupEgress": [{"CidrIp": "255.255.255.255/32", "Description": "Disallow all traffic"}]
    }));
}

#[test]
fn bad_rules_name_the_group() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    let a = SecurityGroup::new(&stack, "A", SecurityGroupProps::new(&vpc, "a"));
    let b = SecurityGroup::new(&stack, "B", SecurityGroupProps::new(&vpc, "b"));
    a.allow_from(&b, Port::tcp_range(90, 80), "reversed");
    a.allow_from_peer(&Peer::ipv4("300.0.0.0/8"), Port::tcp(22), "bad peer");
    let e = errors(&app);
    assert_eq!(e[0], "S/A: port range 90-80 is reversed; put the lower port first");
    assert!(
        e[1].starts_with("S/A: ingress peer: \"300.0.0.0/8\" is not an IPv4 CIDR block"),
        "{}",
        e[1]
    );
}

#[test]
fn the_flow_log_role_writes_only_its_log_group() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Vpc::new(&stack, "Vpc", VpcProps::default());
    let t = synth(&app);
    let (_, policy) = t.find_resources("AWS::IAM::Policy", json!({})).remove(0);
    let statement = &policy["Properties"]["PolicyDocument"]["Statement"][0];
    assert_eq!(
        statement["Action"],
        json!(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"])
    );
    assert_eq!(statement["Resource"]["Fn::GetAtt"][1], "Arn");
    t.has_resource_properties(
        "AWS::EC2::FlowLog",
        json!({"ResourceType": "VPC", "TrafficType": "ALL", "LogDestinationType": "cloud-watch-logs"}),
    );
}
