//! The built-in pack, modelled on cdk-nag's AwsSolutions checks (and, where
//! AwsSolutions has none, its NIST 800-53 R5 and Serverless packs) for the
//! services rcdk has. Semantics follow cdk-nag's rules, on the synthesized
//! template: literal values are checked; a value an intrinsic decides is
//! taken as set.

use serde_json::Value as Json;

use crate::rule::{refers_to, Level, ResourceView, Rule};
use crate::Pack;

/// A built-in rule: its description and a check function.
#[derive(Clone, Copy)]
pub(crate) struct BuiltinRule {
    pub(crate) id: &'static str,
    pub(crate) cdk_nag: Option<&'static str>,
    pub(crate) checkov: &'static [&'static str],
    pub(crate) cfn_nag: &'static [&'static str],
    pub(crate) cfn_lint: &'static [&'static str],
    level: Level,
    explanation: &'static str,
    fix: &'static str,
    pub(crate) types: &'static [&'static str],
    check: fn(&ResourceView<'_>) -> Vec<String>,
}

impl Rule for BuiltinRule {
    fn id(&self) -> &str {
        self.id
    }
    fn level(&self) -> Level {
        self.level
    }
    fn explanation(&self) -> &str {
        self.explanation
    }
    fn fix(&self) -> &str {
        self.fix
    }
    fn cdk_nag_id(&self) -> Option<&str> {
        self.cdk_nag
    }
    fn checkov_ids(&self) -> &[&str] {
        self.checkov
    }
    fn cfn_nag_ids(&self) -> &[&str] {
        self.cfn_nag
    }
    fn cfn_lint_ids(&self) -> &[&str] {
        self.cfn_lint
    }
    fn check(&self, resource: &ResourceView<'_>) -> Vec<String> {
        if self.types.contains(&resource.type_name()) {
            (self.check)(resource)
        } else {
            Vec::new()
        }
    }
}

/// The built-in pack: every rule of the table below, opt-in.
///
/// | id | cdk-nag | checkov | level |
/// | --- | --- | --- | --- |
/// | `RCDK-S3-1` access logs | `AwsSolutions-S1` | `CKV_AWS_18` | error |
/// | `RCDK-S3-2` public access blocked | `AwsSolutions-S2` | `CKV_AWS_53`-`56` | error |
/// | `RCDK-S3-3` TLS-only bucket policy | `AwsSolutions-S10` | | error |
/// | `RCDK-S3-4` versioning | `NIST.800.53.R5-S3BucketVersioningEnabled` | `CKV_AWS_21` | warning |
/// | `RCDK-S3-5` default encryption declared | | | warning |
/// | `RCDK-SQS-1` dead-letter queue | `AwsSolutions-SQS3` | | error |
/// | `RCDK-SQS-2` encryption at rest | `AwsSolutions-SQS2` | `CKV_AWS_27` | error |
/// | `RCDK-SQS-3` TLS-only queue policy | `AwsSolutions-SQS4` | | error |
/// | `RCDK-SNS-1` KMS encryption | `NIST.800.53.R5-SNSEncryptedKMS` | `CKV_AWS_26` | error |
/// | `RCDK-SNS-2` TLS-only publishing | `AwsSolutions-SNS3` | | error |
/// | `RCDK-DDB-1` point-in-time recovery | `AwsSolutions-DDB3` | `CKV_AWS_28` | warning |
/// | `RCDK-DDB-2` deletion protection | | | warning |
/// | `RCDK-DDB-3` customer managed key | | `CKV_AWS_119` | warning |
/// | `RCDK-LAMBDA-1` latest runtime | `AwsSolutions-L1` | `CKV_AWS_363` | error |
/// | `RCDK-LAMBDA-2` dead-letter queue | `Serverless-LambdaDLQ` | `CKV_AWS_116` | warning |
/// | `RCDK-LAMBDA-3` reserved concurrency | `NIST.800.53.R5-LambdaConcurrency` | `CKV_AWS_115` | warning |
/// | `RCDK-LAMBDA-4` inside a VPC | `NIST.800.53.R5-LambdaInsideVPC` | `CKV_AWS_117` | warning |
/// | `RCDK-LAMBDA-5` function URL authorization | | `CKV_AWS_258` | error |
/// | `RCDK-LAMBDA-6` X-Ray tracing | `Serverless-LambdaTracing` | | warning |
/// | `RCDK-LOGS-1` retention | `NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod` | `CKV_AWS_66` | warning |
/// | `RCDK-LOGS-2` KMS encryption | `NIST.800.53.R5-CloudWatchLogGroupEncrypted` | `CKV_AWS_158` | warning |
/// | `RCDK-IAM-1` AWS managed policies | `AwsSolutions-IAM4` | | error |
/// | `RCDK-IAM-2` wildcard permissions | `AwsSolutions-IAM5` | `CKV_AWS_111`, `63` | error |
/// | `RCDK-EC2-1` inbound from anywhere | `AwsSolutions-EC23` | `CKV_AWS_24`, `25`, `260` | error |
/// | `RCDK-EC2-2` rule descriptions | | `CKV_AWS_23` | warning |
/// | `RCDK-VPC-1` flow logs | `AwsSolutions-VPC7` | | error |
/// | `RCDK-ECS-1` Container Insights | `AwsSolutions-ECS4` | `CKV_AWS_65` | error |
/// | `RCDK-ECS-2` container logging | `AwsSolutions-ECS7` | | error |
/// | `RCDK-ECS-3` plain environment variables | `AwsSolutions-ECS2` | | warning |
/// | `RCDK-ELB-1` access logs | `AwsSolutions-ELB2` | `CKV_AWS_91` | error |
/// | `RCDK-ELB-2` deletion protection | `NIST.800.53.R5-ELBDeletionProtectionEnabled` | | warning |
/// | `RCDK-ELB-3` drop invalid headers | | `CKV_AWS_131` | warning |
/// | `RCDK-ELB-4` HTTP listeners redirect | `NIST.800.53.R5-ALBHttpToHttpsRedirection` | `CKV_AWS_2`, `103` | error |
/// | `RCDK-APIGW-1` access logs | `AwsSolutions-APIG1` | `CKV_AWS_95` | error |
/// | `RCDK-APIGW-2` route authorization | `AwsSolutions-APIG4` | | error |
/// | `RCDK-SFN-1` logs ALL events | `AwsSolutions-SF1` | | error |
/// | `RCDK-SFN-2` X-Ray tracing | `AwsSolutions-SF2` | | error |
/// | `RCDK-EVENTS-1` open event bus | `AwsSolutions-EVB1` | | error |
/// | `RCDK-EVENTS-2` target dead-letter queues | `Serverless-EventBusDLQ` | | warning |
/// | `RCDK-KMS-1` key rotation | `AwsSolutions-KMS5` | `CKV_AWS_7` | error |
/// | `RCDK-KMS-2` wildcard key principal | | `CKV_AWS_33` | error |
///
/// ```
/// use rcdk_policy::aws_solutions;
/// let pack = aws_solutions();
/// assert!(pack.rules().len() >= 30);
/// let s1 = pack.rule("RCDK-S3-1").unwrap();
/// assert_eq!(s1.cdk_nag_id(), Some("AwsSolutions-S1"));
/// assert_eq!(s1.checkov_ids(), ["CKV_AWS_18"]);
/// ```
pub fn aws_solutions() -> Pack {
    let mut pack = Pack::new("rcdk-aws-solutions");
    for rule in RULES {
        pack.add_rule(Box::new(*rule));
    }
    pack
}

/// A built-in rule by its rcdk id or its cdk-nag id.
pub(crate) fn builtin(id: &str) -> Option<&'static BuiltinRule> {
    RULES.iter().find(|r| r.id == id || r.cdk_nag == Some(id))
}

// ---------------------------------------------------------------- helpers

/// A literal `true` (or `"true"`), or a value an intrinsic decides.
fn truthy(v: Option<&Json>) -> bool {
    match v {
        Some(Json::Bool(b)) => *b,
        Some(Json::String(s)) => s.eq_ignore_ascii_case("true"),
        Some(Json::Object(_)) => true,
        _ => false,
    }
}

fn is_intrinsic(v: &Json) -> bool {
    matches!(v, Json::Object(m) if m.len() == 1 && m.keys().all(|k| k == "Ref" || k.starts_with("Fn::")))
}

/// A value or each item of a list.
fn items(v: Option<&Json>) -> Vec<&Json> {
    match v {
        Some(Json::Array(list)) => list.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    }
}

/// The statements of a policy document.
fn statements(doc: Option<&Json>) -> Vec<&Json> {
    items(doc.and_then(|d| d.get("Statement")))
}

/// Whether a principal is everyone: `*` or `{AWS: *}` (or a list with it).
fn is_everyone(principal: Option<&Json>) -> bool {
    match principal {
        Some(Json::String(s)) => s == "*",
        Some(Json::Object(m)) => items(m.get("AWS")).iter().any(|p| p.as_str() == Some("*")),
        _ => false,
    }
}

/// Whether a resource policy of `types`, whose `targets` property names the
/// resource, has a statement denying insecure transport for `actions`.
fn denies_insecure_transport(r: &ResourceView<'_>, policy_type: &str, targets: &str, actions: &[&str]) -> bool {
    r.resources_of_type(policy_type).into_iter().any(|(_, policy)| {
        let props = &policy["Properties"];
        if !refers_to(&props[targets], r.logical_id()) {
            return false;
        }
        statements(props.get("PolicyDocument")).iter().any(|st| {
            let secure = &st["Condition"]["Bool"]["aws:SecureTransport"];
            st["Effect"] == "Deny"
                && (secure == &Json::Bool(false) || secure == "false")
                && is_everyone(st.get("Principal"))
                && items(st.get("Action"))
                    .iter()
                    .filter_map(|a| a.as_str())
                    .any(|a| a == "*" || actions.iter().any(|x| x.eq_ignore_ascii_case(a)))
        })
    })
}

fn violation(ok: bool) -> Vec<String> {
    if ok {
        Vec::new()
    } else {
        vec![String::new()]
    }
}

/// The `Key`=`Value` load balancer attribute, when set.
fn lb_attribute<'a>(r: &ResourceView<'a>, key: &str) -> Option<&'a Json> {
    items(r.prop("LoadBalancerAttributes"))
        .into_iter()
        .find(|a| a["Key"] == key)
        .and_then(|a| a.get("Value"))
}

// ---------------------------------------------------------------- checks

fn s3_logging(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("LoggingConfiguration").is_some())
}

fn s3_public_access(r: &ResourceView<'_>) -> Vec<String> {
    let missing: Vec<&str> = [
        "BlockPublicAcls",
        "BlockPublicPolicy",
        "IgnorePublicAcls",
        "RestrictPublicBuckets",
    ]
    .into_iter()
    .filter(|k| !truthy(r.prop(&format!("PublicAccessBlockConfiguration.{k}"))))
    .collect();
    if missing.is_empty() {
        Vec::new()
    } else {
        vec![format!("{} not true", missing.join(", "))]
    }
}

fn s3_tls(r: &ResourceView<'_>) -> Vec<String> {
    violation(denies_insecure_transport(
        r,
        "AWS::S3::BucketPolicy",
        "Bucket",
        &["s3:*"],
    ))
}

fn s3_versioning(r: &ResourceView<'_>) -> Vec<String> {
    let status = r.prop("VersioningConfiguration.Status");
    violation(status.is_some_and(|s| s == "Enabled" || is_intrinsic(s)))
}

fn s3_encryption(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("BucketEncryption.ServerSideEncryptionConfiguration").is_some())
}

fn sqs_dlq(r: &ResourceView<'_>) -> Vec<String> {
    if r.prop("RedrivePolicy").is_some() {
        return Vec::new();
    }
    let id = r.logical_id();
    let is_dlq = r
        .resources_of_type("AWS::SQS::Queue")
        .iter()
        .any(|(_, q)| refers_to(&q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"], id))
        || r.resources_of_type("AWS::Lambda::Function")
            .iter()
            .any(|(_, f)| refers_to(&f["Properties"]["DeadLetterConfig"], id))
        || r.resources_of_type("AWS::Events::Rule").iter().any(|(_, rule)| {
            items(rule["Properties"].get("Targets"))
                .iter()
                .any(|t| refers_to(&t["DeadLetterConfig"], id))
        })
        || r.resources_of_type("AWS::SNS::Subscription")
            .iter()
            .any(|(_, s)| refers_to(&s["Properties"]["RedrivePolicy"], id));
    violation(is_dlq)
}

fn sqs_sse(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("KmsMasterKeyId").is_some() || truthy(r.prop("SqsManagedSseEnabled")))
}

fn sqs_tls(r: &ResourceView<'_>) -> Vec<String> {
    violation(denies_insecure_transport(
        r,
        "AWS::SQS::QueuePolicy",
        "Queues",
        &["sqs:*"],
    ))
}

fn sns_kms(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("KmsMasterKeyId").is_some())
}

fn sns_tls(r: &ResourceView<'_>) -> Vec<String> {
    violation(denies_insecure_transport(
        r,
        "AWS::SNS::TopicPolicy",
        "Topics",
        &["sns:Publish", "sns:*"],
    ))
}

fn ddb_pitr(r: &ResourceView<'_>) -> Vec<String> {
    violation(truthy(
        r.prop("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"),
    ))
}

fn ddb_deletion(r: &ResourceView<'_>) -> Vec<String> {
    let kept = matches!(
        r.resource().get("DeletionPolicy").and_then(Json::as_str),
        Some("Retain" | "RetainExceptOnCreate" | "Snapshot")
    );
    violation(kept || truthy(r.prop("DeletionProtectionEnabled")))
}

fn ddb_cmk(r: &ResourceView<'_>) -> Vec<String> {
    violation(truthy(r.prop("SSESpecification.SSEEnabled")) && r.prop("SSESpecification.KMSMasterKeyId").is_some())
}

/// The newest runtime of each family rcdk knows (`rcdk_lambda::Runtime`).
const LATEST_RUNTIMES: &[(&str, &str)] = &[
    ("nodejs", "nodejs24.x"),
    ("python", "python3.14"),
    ("java", "java25"),
    ("dotnet", "dotnet10"),
    ("ruby", "ruby3.4"),
];

fn lambda_runtime(r: &ResourceView<'_>) -> Vec<String> {
    let Some(runtime) = r.prop("Runtime").and_then(Json::as_str) else {
        return Vec::new(); // a container image, or decided by an intrinsic
    };
    let family: String = runtime.chars().take_while(|c| c.is_ascii_lowercase()).collect();
    match LATEST_RUNTIMES.iter().find(|(f, _)| *f == family) {
        Some((_, latest)) if *latest != runtime => vec![format!("{runtime} is not {latest}")],
        _ => Vec::new(),
    }
}

fn lambda_dlq(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("DeadLetterConfig.TargetArn").is_some())
}

fn lambda_concurrency(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("ReservedConcurrentExecutions").is_some())
}

fn lambda_vpc(r: &ResourceView<'_>) -> Vec<String> {
    let subnets = r.prop("VpcConfig.SubnetIds");
    violation(subnets.is_some_and(|s| !matches!(s, Json::Array(a) if a.is_empty())))
}

fn lambda_url_auth(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("AuthType").and_then(Json::as_str) != Some("NONE"))
}

fn lambda_tracing(r: &ResourceView<'_>) -> Vec<String> {
    let mode = r.prop("TracingConfig.Mode");
    violation(mode.is_some_and(|m| m == "Active" || is_intrinsic(m)))
}

fn logs_retention(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("RetentionInDays").is_some())
}

fn logs_kms(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("KmsKeyId").is_some())
}

fn iam_managed(r: &ResourceView<'_>) -> Vec<String> {
    items(r.prop("ManagedPolicyArns"))
        .into_iter()
        .filter_map(|arn| {
            let text = flatten(arn);
            let at = text.find(":iam::aws:policy/")?;
            Some(format!("uses {}", &text[at + ":iam::aws:policy/".len()..]))
        })
        .collect()
}

/// A value with its strings joined, intrinsics as `<Ref>`: for matching
/// text in ARNs built with `Fn::Join`.
fn flatten(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Object(m) => match (m.get("Fn::Join"), m.len()) {
            (Some(Json::Array(parts)), 1) => items(parts.get(1)).into_iter().map(flatten).collect(),
            _ => "<intrinsic>".to_owned(),
        },
        _ => String::new(),
    }
}

fn iam_wildcards(r: &ResourceView<'_>) -> Vec<String> {
    let mut docs: Vec<&Json> = Vec::new();
    match r.type_name() {
        "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => docs.extend(r.prop("PolicyDocument")),
        _ => {
            for policy in items(r.prop("Policies")) {
                docs.extend(policy.get("PolicyDocument"));
            }
        }
    }
    let mut out = Vec::new();
    for doc in docs {
        for st in statements(Some(doc)) {
            if st["Effect"] != "Allow" {
                continue;
            }
            for action in items(st.get("Action")) {
                if let Some(a) = action.as_str().filter(|a| a.contains('*')) {
                    out.push(format!("action {a}"));
                }
            }
            for resource in items(st.get("Resource")) {
                let text = flatten(resource);
                if text.contains('*') {
                    out.push(format!("resource {text}"));
                }
            }
        }
    }
    out.dedup();
    out
}

fn ingress_rules<'a>(r: &ResourceView<'a>) -> Vec<&'a Json> {
    if r.type_name() == "AWS::EC2::SecurityGroupIngress" {
        vec![r.properties()]
    } else {
        items(r.prop("SecurityGroupIngress"))
    }
}

fn port_range(rule: &Json) -> String {
    let proto = rule["IpProtocol"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| rule["IpProtocol"].to_string());
    match (&rule["FromPort"], &rule["ToPort"]) {
        (Json::Null, _) => format!("protocol {proto}"),
        (from, to) if from == to => format!("{proto} port {from}"),
        (from, to) => format!("{proto} ports {from}-{to}"),
    }
}

fn ec2_open_ingress(r: &ResourceView<'_>) -> Vec<String> {
    ingress_rules(r)
        .into_iter()
        .flat_map(|rule| {
            ["CidrIp", "CidrIpv6"].into_iter().filter_map(move |k| {
                rule[k]
                    .as_str()
                    .filter(|c| c.ends_with("/0"))
                    .map(|c| format!("{c} on {}", port_range(rule)))
            })
        })
        .collect()
}

fn ec2_rule_descriptions(r: &ResourceView<'_>) -> Vec<String> {
    let mut rules: Vec<&Json> = ingress_rules(r);
    match r.type_name() {
        "AWS::EC2::SecurityGroup" => rules.extend(items(r.prop("SecurityGroupEgress"))),
        "AWS::EC2::SecurityGroupEgress" => rules = vec![r.properties()],
        _ => {}
    }
    rules
        .into_iter()
        .filter(|rule| rule.get("Description").is_none())
        .map(|rule| format!("{} has no description", port_range(rule)))
        .collect()
}

fn vpc_flow_logs(r: &ResourceView<'_>) -> Vec<String> {
    let logged = r
        .resources_of_type("AWS::EC2::FlowLog")
        .iter()
        .any(|(_, f)| refers_to(&f["Properties"]["ResourceId"], r.logical_id()));
    violation(logged)
}

fn ecs_insights(r: &ResourceView<'_>) -> Vec<String> {
    let on = items(r.prop("ClusterSettings"))
        .iter()
        .any(|s| s["Name"] == "containerInsights" && (s["Value"] == "enabled" || s["Value"] == "enhanced"));
    violation(on)
}

fn container_name(c: &Json, i: usize) -> String {
    c["Name"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("container {i}"))
}

fn ecs_logging(r: &ResourceView<'_>) -> Vec<String> {
    items(r.prop("ContainerDefinitions"))
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.get("LogConfiguration").is_none())
        .map(|(i, c)| format!("{} has no log configuration", container_name(c, i)))
        .collect()
}

fn ecs_environment(r: &ResourceView<'_>) -> Vec<String> {
    items(r.prop("ContainerDefinitions"))
        .into_iter()
        .enumerate()
        .filter(|(_, c)| !items(c.get("Environment")).is_empty())
        .map(|(i, c)| format!("{} sets Environment", container_name(c, i)))
        .collect()
}

fn elb_logs(r: &ResourceView<'_>) -> Vec<String> {
    violation(truthy(lb_attribute(r, "access_logs.s3.enabled")))
}

fn elb_deletion(r: &ResourceView<'_>) -> Vec<String> {
    violation(truthy(lb_attribute(r, "deletion_protection.enabled")))
}

fn elb_headers(r: &ResourceView<'_>) -> Vec<String> {
    let application = r.prop("Type").is_none_or(|t| t == "application");
    violation(!application || truthy(lb_attribute(r, "routing.http.drop_invalid_header_fields.enabled")))
}

fn elb_https(r: &ResourceView<'_>) -> Vec<String> {
    if r.prop("Protocol").and_then(Json::as_str) != Some("HTTP") {
        return Vec::new();
    }
    let actions = items(r.prop("DefaultActions"));
    let redirects = !actions.is_empty()
        && actions
            .iter()
            .all(|a| a["Type"] == "redirect" && a["RedirectConfig"]["Protocol"] == "HTTPS");
    violation(redirects)
}

fn apigw_logs(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("AccessLogSettings.DestinationArn").is_some() && r.prop("AccessLogSettings.Format").is_some())
}

fn apigw_auth(r: &ResourceView<'_>) -> Vec<String> {
    violation(r.prop("AuthorizationType").is_some_and(|t| t != "NONE"))
}

fn sfn_logging(r: &ResourceView<'_>) -> Vec<String> {
    let level = r.prop("LoggingConfiguration.Level");
    violation(level.is_some_and(|l| l == "ALL" || is_intrinsic(l)))
}

fn sfn_tracing(r: &ResourceView<'_>) -> Vec<String> {
    violation(truthy(r.prop("TracingConfiguration.Enabled")))
}

fn events_open_bus(r: &ResourceView<'_>) -> Vec<String> {
    let mut open = false;
    if r.prop("Principal").and_then(Json::as_str) == Some("*") {
        let c = r.prop("Condition");
        open |= !c.is_some_and(|c| c.get("Key").is_some() && c.get("Type").is_some() && c.get("Value").is_some());
    }
    if let Some(st) = r.prop("Statement") {
        let unconditioned = st
            .get("Condition")
            .is_none_or(|c| c.as_object().is_some_and(|m| m.is_empty()));
        open |= st["Effect"] == "Allow" && is_everyone(st.get("Principal")) && unconditioned;
    }
    violation(!open)
}

fn events_target_dlq(r: &ResourceView<'_>) -> Vec<String> {
    items(r.prop("Targets"))
        .into_iter()
        .filter(|t| t["DeadLetterConfig"].get("Arn").is_none())
        .map(|t| format!("target {} has no dead-letter queue", t["Id"].as_str().unwrap_or("?")))
        .collect()
}

fn kms_rotation(r: &ResourceView<'_>) -> Vec<String> {
    let symmetric = r.prop("KeySpec").is_none_or(|s| s == "SYMMETRIC_DEFAULT");
    violation(!symmetric || truthy(r.prop("EnableKeyRotation")))
}

fn kms_wildcard_principal(r: &ResourceView<'_>) -> Vec<String> {
    statements(r.prop("KeyPolicy"))
        .into_iter()
        .filter(|st| st["Effect"] == "Allow" && is_everyone(st.get("Principal")) && st.get("Condition").is_none())
        .map(|st| {
            format!(
                "statement {} allows every principal",
                st["Sid"].as_str().unwrap_or("without Sid")
            )
        })
        .collect()
}

// ---------------------------------------------------------------- the table

macro_rules! rule {
    ($id:literal, $nag:expr, [$($ck:literal),*], [$($cn:literal),*], [$($cl:literal),*], $level:ident, [$($t:literal),+], $check:ident, $expl:literal, $fix:literal) => {
        BuiltinRule {
            id: $id,
            cdk_nag: $nag,
            checkov: &[$($ck),*],
            cfn_nag: &[$($cn),*],
            cfn_lint: &[$($cl),*],
            level: Level::$level,
            explanation: $expl,
            fix: $fix,
            types: &[$($t),+],
            check: $check,
        }
    };
}

static RULES: &[BuiltinRule] = &[
    rule!("RCDK-S3-1", Some("AwsSolutions-S1"), ["CKV_AWS_18"], ["W35"], [], Error, ["AWS::S3::Bucket"], s3_logging,
        "The S3 bucket has server access logs disabled.",
        "Set server_access_logs on the bucket (an access-log bucket of its own), or suppress with a reason on the log bucket itself."),
    rule!("RCDK-S3-2", Some("AwsSolutions-S2"), ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"], [], [], Error, ["AWS::S3::Bucket"], s3_public_access,
        "The S3 bucket does not block public access.",
        "Set all four PublicAccessBlockConfiguration flags to true (rcdk's Bucket does unless told otherwise)."),
    rule!("RCDK-S3-3", Some("AwsSolutions-S10"), [], [], [], Error, ["AWS::S3::Bucket"], s3_tls,
        "The S3 bucket's policy does not deny requests without TLS.",
        "Add a bucket policy statement denying s3:* to every principal when aws:SecureTransport is false (rcdk's Bucket enforce_ssl)."),
    rule!("RCDK-S3-4", Some("NIST.800.53.R5-S3BucketVersioningEnabled"), ["CKV_AWS_21"], [], [], Warning, ["AWS::S3::Bucket"], s3_versioning,
        "The S3 bucket does not keep object versions.",
        "Enable versioning (VersioningConfiguration.Status: Enabled) so overwritten or deleted objects can be recovered."),
    rule!("RCDK-S3-5", None, [], ["W41"], [], Warning, ["AWS::S3::Bucket"], s3_encryption,
        "The S3 bucket does not declare its default encryption.",
        "Set BucketEncryption (SSE-S3, or SSE-KMS with a key you control) so the template states how data is encrypted at rest."),
    rule!("RCDK-SQS-1", Some("AwsSolutions-SQS3"), [], [], [], Error, ["AWS::SQS::Queue"], sqs_dlq,
        "The SQS queue is not a dead-letter queue and has none.",
        "Give the queue a dead-letter queue (RedrivePolicy) so messages that keep failing are kept aside, not retried forever or lost."),
    rule!("RCDK-SQS-2", Some("AwsSolutions-SQS2"), ["CKV_AWS_27"], ["W48"], [], Error, ["AWS::SQS::Queue"], sqs_sse,
        "The SQS queue does not have server-side encryption enabled.",
        "Set SqsManagedSseEnabled: true or KmsMasterKeyId (rcdk's Queue encrypts with SSE-SQS by default)."),
    rule!("RCDK-SQS-3", Some("AwsSolutions-SQS4"), [], [], [], Error, ["AWS::SQS::Queue"], sqs_tls,
        "The SQS queue's policy does not deny requests without TLS.",
        "Add a queue policy statement denying sqs:* to every principal when aws:SecureTransport is false (rcdk's Queue enforce_ssl)."),
    rule!("RCDK-SNS-1", Some("NIST.800.53.R5-SNSEncryptedKMS"), ["CKV_AWS_26"], ["W47"], [], Error, ["AWS::SNS::Topic"], sns_kms,
        "The SNS topic is not encrypted with KMS.",
        "Set KmsMasterKeyId (alias/aws/sns or a key you control)."),
    rule!("RCDK-SNS-2", Some("AwsSolutions-SNS3"), [], [], [], Error, ["AWS::SNS::Topic"], sns_tls,
        "The SNS topic does not require publishers to use TLS.",
        "Add a topic policy statement denying sns:Publish to every principal when aws:SecureTransport is false."),
    rule!("RCDK-DDB-1", Some("AwsSolutions-DDB3"), ["CKV_AWS_28"], ["W78"], [], Warning, ["AWS::DynamoDB::Table"], ddb_pitr,
        "The DynamoDB table does not have point-in-time recovery enabled.",
        "Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true (rcdk's Table point_in_time_recovery)."),
    rule!("RCDK-DDB-2", None, [], [], ["I3011"], Warning, ["AWS::DynamoDB::Table"], ddb_deletion,
        "The DynamoDB table can be deleted with its data.",
        "Set DeletionProtectionEnabled: true, or a removal policy that retains the table (RemovalPolicy::Retain)."),
    rule!("RCDK-DDB-3", None, ["CKV_AWS_119"], ["W74"], [], Warning, ["AWS::DynamoDB::Table"], ddb_cmk,
        "The DynamoDB table is not encrypted with a customer managed KMS key.",
        "Set SSESpecification with SSEEnabled: true, SSEType: KMS and KMSMasterKeyId."),
    rule!("RCDK-LAMBDA-1", Some("AwsSolutions-L1"), ["CKV_AWS_363"], [], ["W2531"], Error, ["AWS::Lambda::Function"], lambda_runtime,
        "The Lambda function does not use the latest runtime of its family.",
        "Move to the newest runtime of the language (nodejs24.x, python3.14, java25, dotnet10, ruby3.4)."),
    rule!("RCDK-LAMBDA-2", Some("Serverless-LambdaDLQ"), ["CKV_AWS_116"], [], [], Warning, ["AWS::Lambda::Function"], lambda_dlq,
        "The Lambda function has no dead-letter queue for failed asynchronous invocations.",
        "Set DeadLetterConfig.TargetArn to a queue or topic."),
    rule!("RCDK-LAMBDA-3", Some("NIST.800.53.R5-LambdaConcurrency"), ["CKV_AWS_115"], ["W92"], [], Warning, ["AWS::Lambda::Function"], lambda_concurrency,
        "The Lambda function has no reserved concurrency limit.",
        "Set ReservedConcurrentExecutions so one function cannot take the account's whole concurrency."),
    rule!("RCDK-LAMBDA-4", Some("NIST.800.53.R5-LambdaInsideVPC"), ["CKV_AWS_117"], ["W89"], [], Warning, ["AWS::Lambda::Function"], lambda_vpc,
        "The Lambda function is not inside a VPC.",
        "Set VpcConfig (subnets and security groups) when the function reaches private resources; otherwise suppress with a reason."),
    rule!("RCDK-LAMBDA-5", None, ["CKV_AWS_258"], [], [], Error, ["AWS::Lambda::Url"], lambda_url_auth,
        "The Lambda function URL lets anyone invoke the function (AuthType NONE).",
        "Use AuthType AWS_IAM and grant invoke to the callers."),
    rule!("RCDK-LAMBDA-6", Some("Serverless-LambdaTracing"), [], [], [], Warning, ["AWS::Lambda::Function"], lambda_tracing,
        "The Lambda function does not have X-Ray tracing active.",
        "Set TracingConfig.Mode: Active."),
    rule!("RCDK-LOGS-1", Some("NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod"), ["CKV_AWS_66"], ["W86"], [], Warning, ["AWS::Logs::LogGroup"], logs_retention,
        "The log group keeps its logs forever.",
        "Set RetentionInDays (rcdk's LogGroup always does)."),
    rule!("RCDK-LOGS-2", Some("NIST.800.53.R5-CloudWatchLogGroupEncrypted"), ["CKV_AWS_158"], ["W84"], [], Warning, ["AWS::Logs::LogGroup"], logs_kms,
        "The log group is not encrypted with a KMS key.",
        "Set KmsKeyId to a key whose policy lets CloudWatch Logs use it."),
    rule!("RCDK-IAM-1", Some("AwsSolutions-IAM4"), [], [], [], Error, ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"], iam_managed,
        "The IAM identity uses AWS managed policies.",
        "Replace the managed policy with statements scoped to what the identity uses (grants), or suppress with a reason."),
    rule!("RCDK-IAM-2", Some("AwsSolutions-IAM5"), ["CKV_AWS_111", "CKV_AWS_63"], ["W11", "W12", "W13", "F3", "F4", "F5"], [], Error, ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"], iam_wildcards,
        "The IAM policy allows wildcard actions or resources.",
        "Name the actions and resources, or suppress with a reason when the wildcard is inherent (objects of a bucket, log streams)."),
    rule!("RCDK-EC2-1", Some("AwsSolutions-EC23"), ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260"], ["W2"], [], Error, ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"], ec2_open_ingress,
        "The security group allows inbound traffic from anywhere (0.0.0.0/0 or ::/0).",
        "Allow only the peers that need access (a security group, a prefix list, a CIDR you own); suppress with a reason for a public load balancer."),
    rule!("RCDK-EC2-2", None, ["CKV_AWS_23"], ["W36"], [], Warning, ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"], ec2_rule_descriptions,
        "A security group rule has no description.",
        "Describe every rule (what it lets through, and why)."),
    rule!("RCDK-VPC-1", Some("AwsSolutions-VPC7"), [], ["W60"], [], Error, ["AWS::EC2::VPC"], vpc_flow_logs,
        "The VPC has no flow log.",
        "Add a flow log to the VPC (rcdk's Vpc flow_logs)."),
    rule!("RCDK-ECS-1", Some("AwsSolutions-ECS4"), ["CKV_AWS_65"], [], [], Error, ["AWS::ECS::Cluster"], ecs_insights,
        "The ECS cluster has CloudWatch Container Insights disabled.",
        "Set the containerInsights cluster setting to enabled (or enhanced)."),
    rule!("RCDK-ECS-2", Some("AwsSolutions-ECS7"), [], [], [], Error, ["AWS::ECS::TaskDefinition"], ecs_logging,
        "A container of the ECS task definition does not send its logs anywhere.",
        "Give every container a LogConfiguration (rcdk's containers log to a log group by default)."),
    rule!("RCDK-ECS-3", Some("AwsSolutions-ECS2"), [], [], [], Warning, ["AWS::ECS::TaskDefinition"], ecs_environment,
        "A container of the ECS task definition sets environment variables in the template.",
        "Pass secrets and configuration through Secrets (Secrets Manager or SSM parameters); keep plain values only when they are not sensitive."),
    rule!("RCDK-ELB-1", Some("AwsSolutions-ELB2"), ["CKV_AWS_91"], ["W52"], [], Error, ["AWS::ElasticLoadBalancingV2::LoadBalancer"], elb_logs,
        "The load balancer does not write access logs.",
        "Set the access_logs.s3.enabled attribute to true with a bucket the load balancer may write to."),
    rule!("RCDK-ELB-2", Some("NIST.800.53.R5-ELBDeletionProtectionEnabled"), [], [], [], Warning, ["AWS::ElasticLoadBalancingV2::LoadBalancer"], elb_deletion,
        "The load balancer does not have deletion protection enabled.",
        "Set the deletion_protection.enabled attribute to true."),
    rule!("RCDK-ELB-3", None, ["CKV_AWS_131"], [], [], Warning, ["AWS::ElasticLoadBalancingV2::LoadBalancer"], elb_headers,
        "The application load balancer passes invalid HTTP headers on to its targets.",
        "Set the routing.http.drop_invalid_header_fields.enabled attribute to true."),
    rule!("RCDK-ELB-4", Some("NIST.800.53.R5-ALBHttpToHttpsRedirection"), ["CKV_AWS_2", "CKV_AWS_103"], ["W56"], [], Error, ["AWS::ElasticLoadBalancingV2::Listener"], elb_https,
        "The HTTP listener serves traffic instead of redirecting it to HTTPS.",
        "Serve HTTPS, and make the HTTP listener's default action a redirect to HTTPS."),
    rule!("RCDK-APIGW-1", Some("AwsSolutions-APIG1"), ["CKV_AWS_95"], ["W46"], [], Error, ["AWS::ApiGatewayV2::Stage"], apigw_logs,
        "The API stage does not have access logging enabled.",
        "Set AccessLogSettings with a DestinationArn and a Format (rcdk's HttpApi access_logs)."),
    rule!("RCDK-APIGW-2", Some("AwsSolutions-APIG4"), [], [], [], Error, ["AWS::ApiGatewayV2::Route"], apigw_auth,
        "The API route does not implement authorization.",
        "Authorize the route (IAM, JWT or a Lambda authorizer), or suppress with a reason for a public route."),
    rule!("RCDK-SFN-1", Some("AwsSolutions-SF1"), [], [], [], Error, ["AWS::StepFunctions::StateMachine"], sfn_logging,
        "The state machine does not log ALL events to CloudWatch Logs.",
        "Set LoggingConfiguration with Level ALL and a log group destination."),
    rule!("RCDK-SFN-2", Some("AwsSolutions-SF2"), [], [], [], Error, ["AWS::StepFunctions::StateMachine"], sfn_tracing,
        "The state machine does not have X-Ray tracing enabled.",
        "Set TracingConfiguration.Enabled: true."),
    rule!("RCDK-EVENTS-1", Some("AwsSolutions-EVB1"), [], [], [], Error, ["AWS::Events::EventBusPolicy"], events_open_bus,
        "The event bus policy lets any account put events.",
        "Name the principals, or add a condition (aws:PrincipalOrgID) that limits them."),
    rule!("RCDK-EVENTS-2", Some("Serverless-EventBusDLQ"), [], [], [], Warning, ["AWS::Events::Rule"], events_target_dlq,
        "A target of the EventBridge rule has no dead-letter queue.",
        "Set DeadLetterConfig.Arn on each target so events that cannot be delivered are kept."),
    rule!("RCDK-KMS-1", Some("AwsSolutions-KMS5"), ["CKV_AWS_7"], ["F19"], [], Error, ["AWS::KMS::Key"], kms_rotation,
        "The symmetric KMS key does not have automatic rotation enabled.",
        "Set EnableKeyRotation: true."),
    rule!("RCDK-KMS-2", None, ["CKV_AWS_33"], ["F76"], [], Error, ["AWS::KMS::Key"], kms_wildcard_principal,
        "The KMS key policy allows every principal without a condition.",
        "Name the principals (the account root, roles) or add a condition that limits them."),
];
