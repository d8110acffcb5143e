//! The CloudFormation client and the stack queries every command shares.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_cloudformation::types::{ChangeSetStatus, ExecutionStatus};
use aws_sdk_cloudformation::Client;

use crate::error::{classify, DeployError};

/// Where and as whom to talk to AWS. Anything unset comes from the default
/// chain (environment, profile, SSO); `AWS_ENDPOINT_URL` is honoured.
#[derive(Clone, Debug, Default)]
pub struct AwsOptions {
    /// A named profile. It must be defined in the AWS config or credentials
    /// file (so must `AWS_PROFILE`'s): a missing one is an error, not a
    /// fall-back to other credentials.
    pub profile: Option<String>,
    /// The region.
    pub region: Option<String>,
    /// An endpoint such as a local stand-in (`http://127.0.0.1:5000`).
    pub endpoint_url: Option<String>,
    /// How often to poll for progress. Default 2 s (500 ms against a custom endpoint).
    pub poll_interval: Option<Duration>,
    /// The longest a command waits for one stack operation. Default 3 hours.
    pub max_wait: Option<Duration>,
}

/// How long waits last and how often they speak.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timing {
    /// Between two polls.
    pub(crate) poll: Duration,
    /// The longest wait for one operation.
    pub(crate) max_wait: Duration,
    /// The longest silence while waiting: a wait prints a line at least this often.
    pub(crate) heartbeat: Duration,
    /// How long a stack may stay `REVIEW_IN_PROGRESS` after its change set
    /// was executed before rcdk stops waiting: CloudFormation starts a
    /// create within seconds, so a stack still in review was not started.
    pub(crate) review_grace: Duration,
}

pub(crate) struct Cfn {
    pub(crate) client: Client,
    /// S3, for assets and large templates (path-style against a custom endpoint).
    pub(crate) s3: aws_sdk_s3::Client,
    /// ECR, for image assets.
    pub(crate) ecr: aws_sdk_ecr::Client,
    pub(crate) region: String,
    pub(crate) endpoint: String,
    /// `--region R` and, when given, `--profile P` and `--endpoint-url U`:
    /// the flags of the `aws` commands printed as advice.
    pub(crate) cli_flags: String,
    pub(crate) timing: Timing,
}

pub(crate) async fn connect(o: &AwsOptions) -> Result<Cfn, DeployError> {
    crate::profile::check(o.profile.as_deref())?;
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::standard().with_max_attempts(5))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_timeout(Duration::from_secs(60))
                .build(),
        );
    if let Some(p) = &o.profile {
        loader = loader.profile_name(p);
    }
    if let Some(r) = &o.region {
        loader = loader.region(Region::new(r.clone()));
    }
    if let Some(e) = &o.endpoint_url {
        loader = loader.endpoint_url(e);
    }
    let conf = loader.load().await;
    let Some(region) = conf.region().map(|r| r.to_string()) else {
        return Err(DeployError::NoRegion);
    };
    let custom = o
        .endpoint_url
        .clone()
        .or_else(|| std::env::var("AWS_ENDPOINT_URL").ok());
    let endpoint = custom
        .clone()
        .unwrap_or_else(|| format!("https://cloudformation.{region}.amazonaws.com"));
    let poll = o.poll_interval.unwrap_or(if custom.is_some() {
        Duration::from_millis(500)
    } else {
        Duration::from_secs(2)
    });
    let s3_conf = aws_sdk_s3::config::Builder::from(&conf)
        .force_path_style(custom.is_some())
        .build();
    Ok(Cfn {
        client: Client::new(&conf),
        s3: aws_sdk_s3::Client::from_conf(s3_conf),
        ecr: aws_sdk_ecr::Client::new(&conf),
        region: region.clone(),
        cli_flags: cli_flags(&region, o.profile.as_deref(), custom.as_deref()),
        endpoint,
        timing: Timing {
            poll,
            max_wait: o.max_wait.unwrap_or(Duration::from_secs(3 * 3600)),
            heartbeat: Duration::from_secs(30),
            review_grace: Duration::from_secs(60),
        },
    })
}

fn cli_flags(region: &str, profile: Option<&str>, endpoint: Option<&str>) -> String {
    let mut flags = format!("--region {region}");
    if let Some(p) = profile {
        flags.push_str(&format!(" --profile {p}"));
    }
    if let Some(e) = endpoint {
        flags.push_str(&format!(" --endpoint-url {e}"));
    }
    flags
}

/// What CloudFormation knows of a stack.
#[derive(Clone, Debug, Default)]
pub(crate) struct Deployed {
    /// The stack id (its ARN): unlike the name, it keeps naming this stack
    /// after it is deleted and while another of the same name exists.
    pub(crate) id: String,
    pub(crate) status: String,
    pub(crate) parameters: Vec<String>,
    pub(crate) outputs: Vec<(String, String)>,
    /// The names of the stack's exports.
    pub(crate) exports: Vec<String>,
    pub(crate) tags: Vec<(String, String)>,
}

impl Deployed {
    fn from_sdk(s: &aws_sdk_cloudformation::types::Stack) -> Deployed {
        let pairs =
            |k: Option<&str>, v: Option<&str>| (k.unwrap_or_default().to_owned(), v.unwrap_or_default().to_owned());
        Deployed {
            id: s.stack_id().unwrap_or_default().to_owned(),
            status: s.stack_status().map(|x| x.as_str().to_owned()).unwrap_or_default(),
            parameters: s
                .parameters()
                .iter()
                .filter_map(|p| p.parameter_key().map(str::to_owned))
                .collect(),
            outputs: s
                .outputs()
                .iter()
                .map(|o| pairs(o.output_key(), o.output_value()))
                .collect(),
            exports: s
                .outputs()
                .iter()
                .filter_map(|o| o.export_name().map(str::to_owned))
                .collect(),
            tags: s.tags().iter().map(|t| pairs(t.key(), t.value())).collect(),
        }
    }
}

/// A change set that is waiting to be executed, or still being created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PendingChangeSet {
    pub(crate) name: String,
    /// Still being computed (`CREATE_PENDING`, `CREATE_IN_PROGRESS`).
    pub(crate) creating: bool,
}

impl Cfn {
    /// The stack (by name or id), or `None` when it does not exist.
    pub(crate) async fn describe(&self, name: &str) -> Result<Option<Deployed>, DeployError> {
        match self.client.describe_stacks().stack_name(name).send().await {
            Ok(out) => Ok(out.stacks().first().map(Deployed::from_sdk)),
            Err(e) => {
                let err = classify("DescribeStacks", &self.endpoint, e);
                match &err {
                    DeployError::Api { message, .. } if message.contains("does not exist") => Ok(None),
                    _ => Err(err),
                }
            }
        }
    }

    /// The deployed template as JSON: JSON and YAML bodies, short-form
    /// intrinsics (`!Ref`, `!GetAtt A.B`) in their long form.
    pub(crate) async fn template(&self, name: &str) -> Result<serde_json::Value, DeployError> {
        let out = self
            .client
            .get_template()
            .stack_name(name)
            .send()
            .await
            .map_err(|e| classify("GetTemplate", &self.endpoint, e))?;
        let body = out.template_body().unwrap_or("{}");
        rcdk_diff::read_template(body).map_err(|e| DeployError::Api {
            operation: "GetTemplate".into(),
            message: format!("the deployed template of {name} could not be read: {e}"),
        })
    }

    /// The stack's events, oldest first.
    pub(crate) async fn events(&self, name: &str) -> Result<Vec<Event>, DeployError> {
        let out = self
            .client
            .describe_stack_events()
            .stack_name(name)
            .send()
            .await
            .map_err(|e| classify("DescribeStackEvents", &self.endpoint, e))?;
        let mut events: Vec<Event> = out
            .stack_events()
            .iter()
            .map(|e| Event {
                id: e.event_id().unwrap_or_default().to_owned(),
                time: e.timestamp().map(|t| t.to_string()).unwrap_or_default(),
                logical_id: e.logical_resource_id().unwrap_or_default().to_owned(),
                type_name: e.resource_type().unwrap_or_default().to_owned(),
                status: e.resource_status().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                reason: e.resource_status_reason().unwrap_or_default().to_owned(),
            })
            .collect();
        events.reverse();
        Ok(events)
    }

    /// The stack's change sets that wait for execution or are being
    /// created; executed, failed and obsolete ones are history.
    pub(crate) async fn pending_change_sets(&self, stack: &str) -> Result<Vec<PendingChangeSet>, DeployError> {
        let mut pending = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let out = self
                .client
                .list_change_sets()
                .stack_name(stack)
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| classify("ListChangeSets", &self.endpoint, e))?;
            pending.extend(out.summaries().iter().filter_map(|c| {
                let creating = matches!(
                    c.status(),
                    Some(ChangeSetStatus::CreatePending) | Some(ChangeSetStatus::CreateInProgress)
                );
                let ready = c.status() == Some(&ChangeSetStatus::CreateComplete)
                    && c.execution_status() == Some(&ExecutionStatus::Available);
                (creating || ready).then(|| PendingChangeSet {
                    name: c.change_set_name().unwrap_or_default().to_owned(),
                    creating,
                })
            }));
            token = out.next_token().map(str::to_owned);
            if token.is_none() {
                return Ok(pending);
            }
        }
    }

    /// The `aws` command that deletes a change set.
    pub(crate) fn delete_change_set_command(&self, stack: &str, change_set: &str) -> String {
        format!(
            "aws cloudformation delete-change-set {} --stack-name {stack} --change-set-name {change_set}",
            self.cli_flags
        )
    }

    /// Deletes a change set.
    pub(crate) async fn delete_change_set(&self, stack: &str, change_set: &str) -> Result<(), DeployError> {
        self.client
            .delete_change_set()
            .stack_name(stack)
            .change_set_name(change_set)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| classify("DeleteChangeSet", &self.endpoint, e))
    }
}

/// A stack event.
#[derive(Clone, Debug)]
pub(crate) struct Event {
    pub(crate) id: String,
    pub(crate) time: String,
    pub(crate) logical_id: String,
    pub(crate) type_name: String,
    pub(crate) status: String,
    pub(crate) reason: String,
}

#[cfg(test)]
impl Cfn {
    /// A client for a fake endpoint: static credentials, no retries (a
    /// failure shows at once), fast waits.
    pub(crate) fn for_test(endpoint: &str) -> Cfn {
        use aws_sdk_cloudformation::config::Credentials;
        let conf = aws_sdk_cloudformation::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new("testing", "testing", None, None, "test"))
            .retry_config(RetryConfig::disabled())
            .build();
        let s3 = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .force_path_style(true)
            .credentials_provider(aws_sdk_s3::config::Credentials::new(
                "testing", "testing", None, None, "test",
            ))
            .retry_config(RetryConfig::disabled())
            .build();
        Cfn {
            client: Client::from_conf(conf),
            s3: aws_sdk_s3::Client::from_conf(s3),
            ecr: aws_sdk_ecr::Client::from_conf(
                aws_sdk_ecr::Config::builder()
                    .behavior_version(BehaviorVersion::latest())
                    .region(Region::new("us-east-1"))
                    .endpoint_url(endpoint)
                    .credentials_provider(aws_sdk_ecr::config::Credentials::new(
                        "testing", "testing", None, None, "test",
                    ))
                    .retry_config(RetryConfig::disabled())
                    .build(),
            ),
            region: "us-east-1".to_owned(),
            endpoint: endpoint.to_owned(),
            cli_flags: cli_flags("us-east-1", None, Some(endpoint)),
            timing: Timing {
                poll: Duration::from_millis(5),
                max_wait: Duration::from_secs(5),
                heartbeat: Duration::from_millis(40),
                review_grace: Duration::from_millis(200),
            },
        }
    }

    /// [`Cfn::for_test`]'s settings around a given client (one answering
    /// from recorded responses).
    pub(crate) fn for_client(client: Client) -> Cfn {
        Cfn {
            client,
            ..Cfn::for_test("https://cloudformation.us-east-1.amazonaws.com")
        }
    }
}
