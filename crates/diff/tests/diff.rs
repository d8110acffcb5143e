//! Template diffs, without AWS.

use rcdk_diff::{diff, ChangeKind};
use serde_json::json;

fn path(_: &str) -> Option<String> {
    None
}

#[test]
fn additions_removals_and_property_changes() {
    let old = json!({"Resources": {
        "Keep": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "a"}},
        "Gone": {"Type": "AWS::SQS::Queue"},
        "Same": {"Type": "AWS::SQS::Queue"}
    }, "Outputs": {"O": {"Value": 1}}});
    let new = json!({"Resources": {
        "Keep": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "b"}, "DependsOn": ["Same"]},
        "Same": {"Type": "AWS::SQS::Queue"},
        "New": {"Type": "AWS::IAM::Role", "Properties": {}}
    }, "Outputs": {"P": {"Value": 2}}});
    let d = diff(&old, &new);
    let kinds: Vec<(&str, ChangeKind)> = d.resources.iter().map(|r| (r.logical_id.as_str(), r.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("Keep", ChangeKind::Modified),
            ("New", ChangeKind::Added),
            ("Gone", ChangeKind::Removed)
        ]
    );
    let keep = &d.resources[0];
    assert_eq!(
        keep.properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["DisplayName", "DependsOn"]
    );
    assert!(!keep.replacement);
    assert!(d.resources[1].security, "a new IAM role is a security change");
    assert_eq!(d.outputs.len(), 2);
    let text = d.to_text("S", &path);
    assert!(
        text.contains("[~] AWS::SNS::Topic Keep\n    [~] DisplayName: \"a\" -> \"b\"\n"),
        "{text}"
    );
    assert!(text.contains("[+] AWS::IAM::Role New [security]"), "{text}");
    assert!(text.contains("[-] AWS::SQS::Queue Gone"), "{text}");
    assert!(text.contains("1 IAM or security group change(s)"), "{text}");
}

#[test]
fn create_only_properties_and_type_changes_replace() {
    let old = json!({"Resources": {
        "S": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": false}},
        "T": {"Type": "AWS::SQS::Queue"}
    }});
    let new = json!({"Resources": {
        "S": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": "10.0.1.0/24", "MapPublicIpOnLaunch": true}},
        "T": {"Type": "AWS::SNS::Topic"}
    }});
    let d = diff(&old, &new);
    let s = &d.resources[0];
    assert!(s.replacement);
    assert!(s.properties.iter().find(|p| p.name == "CidrBlock").unwrap().replaces);
    assert!(
        !s.properties
            .iter()
            .find(|p| p.name == "MapPublicIpOnLaunch")
            .unwrap()
            .replaces
    );
    assert!(d.resources[1].replacement, "a new type is a new resource");
    let md = d.to_markdown("S", &path);
    assert!(
        md.contains(
            "| ~ | `S` | `AWS::EC2::Subnet` |  | **replaced**, `CidrBlock` (replaces), `MapPublicIpOnLaunch` |"
        ),
        "{md}"
    );
}

#[test]
fn security_group_rule_changes_are_called_out() {
    let old = json!({"Resources": {"G": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "g"}}}});
    let new = json!({"Resources": {"G": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "g",
        "SecurityGroupIngress": [{"CidrIp": "0.0.0.0/0", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}]}}}});
    let d = diff(&old, &new);
    assert_eq!(d.security_changes(), 1);
}

#[test]
fn identical_templates_have_no_differences() {
    let t = json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}});
    let d = diff(&t, &t);
    assert!(d.is_empty());
    assert_eq!(d.to_text("S", &path), "Stack S\nThere were no differences\n");
}
