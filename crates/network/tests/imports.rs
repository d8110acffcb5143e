//! Imported VPCs and security groups: no resources of their own, correct
//! references where props use them, rules on an imported group written as
//! separate resources, and literal ids checked. Also one typed adjustment
//! per L2 reaching the template.

use rcdk_core::{App, Expr, StackProps};
use rcdk_network::*;
use rcdk_testing::Template;
use serde_json::json;

fn synth(app: &App) -> Template {
    Template::from_stack(&app.synth().unwrap_or_else(|e| panic!("{e}")).stacks()[0])
}

/// The synth errors, but for the one an empty stack always has.
fn errors(app: &App) -> Vec<String> {
    app.synth()
        .expect_err("expected errors")
        .errors()
        .iter()
        .map(ToString::to_string)
        .filter(|e| !e.contains("the stack has no resources"))
        .collect()
}

fn shared_vpc(stack: &rcdk_core::Scope) -> ImportedVpc {
    Vpc::from_attributes(
        stack,
        "Net",
        VpcAttributes {
            private_subnet_ids: vec!["subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
            public_subnet_ids: vec!["subnet-2a2b3c4d".into(), "subnet-3a2b3c4d".into()],
            ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"])
        },
    )
}

#[test]
fn an_imported_vpc_makes_no_resources_and_props_reference_its_ids() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    assert_eq!(vpc.availability_zones().len(), 2);
    assert_eq!(
        vpc.select_subnets(SubnetType::Private, &stack)[1].value().as_str(),
        Some("subnet-1a2b3c4d")
    );
    assert!(vpc.isolated_subnet_ids().is_empty());
    SecurityGroup::new(&stack, "Db", SecurityGroupProps::new(&vpc, "database"));
    let t = synth(&app);
    t.resource_count_is("AWS::EC2::VPC", 0);
    t.resource_count_is("AWS::EC2::Subnet", 0);
    t.resource_count_is("AWS::EC2::SecurityGroup", 1);
    t.has_resource_properties(
        "AWS::EC2::SecurityGroup",
        json!({"VpcId": "vpc-0a1b2c3d", "GroupDescription": "database"}),
    );
}

#[test]
fn an_imported_vpc_given_by_reference_is_referenced() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::from_attributes(
        &stack,
        "Shared",
        VpcAttributes {
            private_subnet_ids: vec![Expr::import_value("private-a"), Expr::import_value("private-b")],
            ..VpcAttributes::new(Expr::import_value("shared-vpc-id"), ["eu-west-1a", "eu-west-1b"])
        },
    );
    SecurityGroup::new(&stack, "Db", SecurityGroupProps::new(&vpc, "database"));
    assert_eq!(vpc.select_subnets(SubnetType::Private, &stack).len(), 2);
    let t = synth(&app);
    t.has_resource_properties(
        "AWS::EC2::SecurityGroup",
        json!({"VpcId": {"Fn::ImportValue": "shared-vpc-id"}}),
    );
}

#[test]
fn a_defined_and_an_imported_vpc_are_interchangeable() {
    fn group_in(vpc: &dyn IVpc, id: &str) -> SecurityGroup {
        SecurityGroup::new(vpc.scope(), id, SecurityGroupProps::new(vpc, id))
    }
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let defined = Vpc::new(
        &stack,
        "Vpc",
        VpcProps {
            flow_logs: false,
            ..Default::default()
        },
    );
    let imported = shared_vpc(&stack);
    let vpcs: [&dyn IVpc; 2] = [&defined, &imported];
    for (i, vpc) in vpcs.iter().enumerate() {
        group_in(*vpc, &format!("Group{i}"));
    }
    let t = synth(&app);
    t.has_resource_properties("AWS::EC2::SecurityGroup", json!({"VpcId": {"Ref": "Vpc8378EB38"}}));
    t.has_resource_properties("AWS::EC2::SecurityGroup", json!({"VpcId": "vpc-0a1b2c3d"}));
}

#[test]
fn a_subnet_type_the_imported_vpc_lacks_is_an_error_naming_the_fix() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::from_attributes(
        &stack,
        "Shared",
        VpcAttributes {
            isolated_subnet_ids: vec!["subnet-0a1b2c3d".into()],
            ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a"])
        },
    );
    assert!(vpc.select_subnets(SubnetType::Public, &stack.child("Lb")).is_empty());
    let e = errors(&app);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(
        e[0],
        "S/Lb: asks for public subnets but the VPC S/Shared has only isolated; select a subnet type it has, or give it public subnets (VpcAttributes::public_subnet_ids for an imported VPC)"
    );
}

#[test]
fn literal_vpc_and_subnet_ids_are_checked() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Vpc::from_attributes(
        &stack,
        "Bad",
        VpcAttributes {
            private_subnet_ids: vec!["subnet-xyz".into(), "subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
            ..VpcAttributes::new("vpc-123", ["eu-west-1a", "eu-west-1b"])
        },
    );
    Vpc::from_attributes(
        &stack,
        "NoZones",
        VpcAttributes::new("vpc-0a1b2c3d4e5f67890", Vec::<&str>::new()),
    );
    let e = errors(&app);
    assert_eq!(e.len(), 4, "{e:#?}");
    assert_eq!(
        e[0],
        "S/Bad: Vpc::from_attributes: vpc_id \"vpc-123\", which is not a VPC id; use vpc- and 8 or 17 lowercase hexadecimal digits (as in vpc-0a1b2c3d)"
    );
    assert!(
        e[1].starts_with("S/Bad: Vpc::from_attributes: private_subnet_ids has \"subnet-xyz\", which is not a subnet id; use subnet- and 8 or 17"),
        "{}",
        e[1]
    );
    assert!(
        e[2].starts_with("S/Bad: Vpc::from_attributes: private_subnet_ids has 3 subnets for 2 availability zones; give one subnet per zone"),
        "{}",
        e[2]
    );
    assert!(
        e[3].starts_with("S/NoZones: Vpc::from_attributes: no availability_zones; list the zones"),
        "{}",
        e[3]
    );
}

#[test]
fn an_imported_group_makes_no_group_and_its_rules_are_separate_resources() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    let shared = SecurityGroup::from_id(&stack, "Shared", "sg-0a1b2c3d");
    let own = SecurityGroup::new(&stack, "Own", SecurityGroupProps::new(&vpc, "own"));
    shared.allow_from(&own, Port::tcp(443), "own to shared");
    own.allow_from(&shared, Port::tcp(8080), "shared to own");
    shared.allow_from_peer(&Peer::ipv4("10.0.0.0/16"), Port::tcp(22), "ssh");
    let t = synth(&app);
    t.resource_count_is("AWS::EC2::SecurityGroup", 1);
    // The imported group's ingress rules, as the AWS CDK writes them.
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupIngress",
        json!({"GroupId": "sg-0a1b2c3d", "SourceSecurityGroupId": {"Fn::GetAtt": ["Own30425842", "GroupId"]}, "FromPort": 443}),
    );
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupIngress",
        json!({"GroupId": "sg-0a1b2c3d", "CidrIp": "10.0.0.0/16", "FromPort": 22, "Description": "ssh (TCP 22)"}),
    );
    // The own group admits the imported one; the imported group allows all
    // outbound traffic (the CDK's default assumption), so it gets no egress.
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupIngress",
        json!({"SourceSecurityGroupId": "sg-0a1b2c3d", "FromPort": 8080}),
    );
    let egress = t.find_resources("AWS::EC2::SecurityGroupEgress", json!({}));
    assert_eq!(egress.len(), 1, "only the own group's egress to the imported one");
    assert_eq!(egress[0].1["Properties"]["DestinationSecurityGroupId"], "sg-0a1b2c3d");
    assert!(t.json()["Resources"].get("Sharedfrom100001622D733994F").is_some());
}

#[test]
fn an_imported_group_with_closed_outbound_gets_egress_rules() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let closed = SecurityGroup::from_id_with_options(
        &stack,
        "Closed",
        "sg-1a2b3c4d",
        SecurityGroupImportOptions {
            allow_all_outbound: false,
        },
    );
    let db = SecurityGroup::from_id(&stack, "Db", "sg-0a1b2c3d");
    db.allow_from(&closed, Port::tcp(5432), "to the database");
    closed.allow_to_peer(&Peer::ipv4("10.0.0.0/16"), Port::udp(53), "dns");
    let t = synth(&app);
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupEgress",
        json!({"GroupId": "sg-1a2b3c4d", "DestinationSecurityGroupId": "sg-0a1b2c3d", "FromPort": 5432}),
    );
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupEgress",
        json!({"GroupId": "sg-1a2b3c4d", "CidrIp": "10.0.0.0/16", "IpProtocol": "udp", "FromPort": 53}),
    );
}

#[test]
fn a_rule_made_twice_is_written_once() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let a = SecurityGroup::from_id(&stack, "A", "sg-0a1b2c3d");
    let b = SecurityGroup::from_id(&stack, "B", "sg-1a2b3c4d");
    a.allow_from(&b, Port::tcp(443), "b to a");
    a.allow_from(&b, Port::tcp(443), "b to a, again");
    b.allow_to(&a, Port::tcp(443), "the same rule from the other side");
    a.allow_from_peer(&Peer::ipv4("10.0.0.0/16"), Port::tcp(22), "ssh");
    a.allow_from_peer(&Peer::ipv4("10.0.0.0/16"), Port::tcp(22), "ssh");
    let t = synth(&app);
    t.resource_count_is("AWS::EC2::SecurityGroupIngress", 2);
}

#[test]
fn egress_to_a_group_that_allows_all_outbound_is_a_warning() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    // An imported group alone would leave the stack without resources.
    SecurityGroup::new(&stack, "Own", SecurityGroupProps::new(&vpc, "own"));
    let shared = SecurityGroup::from_id(&stack, "Shared", "sg-0a1b2c3d");
    shared.allow_to_peer(&Peer::any_ipv4(), Port::tcp(443), "https");
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = assembly.warnings().iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(|w| w.contains("S/Shared")
            && w.contains("the group is imported as allowing all outbound traffic")
            && w.contains("allow_all_outbound: false")),
        "{warnings:#?}"
    );
}

#[test]
fn literal_security_group_ids_are_checked() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    SecurityGroup::from_id(&stack, "Bad", "sg-xyz");
    SecurityGroup::from_id(&stack, "Name", "default");
    SecurityGroup::from_id(&stack, "Ref", Expr::import_value("shared-sg"));
    let e = errors(&app);
    assert_eq!(e.len(), 2, "{e:#?}");
    assert_eq!(
        e[0],
        "S/Bad: SecurityGroup::from_id: \"sg-xyz\", which is not a security group id; use sg- and 8 or 17 lowercase hexadecimal digits (as in sg-0a1b2c3d)"
    );
    assert!(
        e[1].starts_with("S/Name: SecurityGroup::from_id: \"default\""),
        "{}",
        e[1]
    );
}

#[test]
fn every_l2_takes_a_typed_adjustment() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    vpc.cfn()
        .set_instance_tenancy(rcdk_cfn::ec2::vpc::InstanceTenancy::Dedicated);
    vpc.public_subnets()[0].set_map_public_ip_on_launch(true);
    let flow_log = vpc.flow_log().expect("flow logs are on by default");
    flow_log.cfn().set_max_aggregation_interval(60);
    flow_log.log_group().cfn().set_retention_in_days(90);
    let sg = SecurityGroup::new(&stack, "Web", SecurityGroupProps::new(&vpc, "web"));
    sg.cfn().set_group_name("web-servers");
    let t = synth(&app);
    t.has_resource_properties("AWS::EC2::VPC", json!({"InstanceTenancy": "dedicated"}));
    t.has_resource_properties(
        "AWS::EC2::Subnet",
        json!({"MapPublicIpOnLaunch": true, "CidrBlock": "10.0.0.0/18"}),
    );
    t.has_resource_properties("AWS::EC2::FlowLog", json!({"MaxAggregationInterval": 60}));
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 90}));
    t.has_resource_properties("AWS::EC2::SecurityGroup", json!({"GroupName": "web-servers"}));
}
