//! The CloudFormation client and the stack queries every command shares.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_cloudformation::Client;

use crate::error::{classify, DeployError};

/// Where and as whom to talk to AWS. Anything unset comes from the default
/// chain (environment, profile, SSO); `AWS_ENDPOINT_URL` is honoured.
#[derive(Clone, Debug, Default)]
pub struct AwsOptions {
    /// A named profile.
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

pub(crate) struct Cfn {
    pub(crate) client: Client,
    pub(crate) endpoint: String,
    pub(crate) poll: Duration,
    pub(crate) max_wait: Duration,
}

pub(crate) async fn connect(o: &AwsOptions) -> Result<Cfn, DeployError> {
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
    Ok(Cfn {
        client: Client::new(&conf),
        endpoint,
        poll,
        max_wait: o.max_wait.unwrap_or(Duration::from_secs(3 * 3600)),
    })
}

/// What CloudFormation knows of a stack.
#[derive(Clone, Debug)]
pub(crate) struct Deployed {
    pub(crate) status: String,
    pub(crate) parameters: Vec<String>,
    pub(crate) outputs: Vec<(String, String)>,
}

impl Cfn {
    /// The stack, or `None` when it does not exist.
    pub(crate) async fn describe(&self, name: &str) -> Result<Option<Deployed>, DeployError> {
        match self.client.describe_stacks().stack_name(name).send().await {
            Ok(out) => Ok(out.stacks().first().map(|s| Deployed {
                status: s.stack_status().map(|x| x.as_str().to_owned()).unwrap_or_default(),
                parameters: s
                    .parameters()
                    .iter()
                    .filter_map(|p| p.parameter_key().map(str::to_owned))
                    .collect(),
                outputs: s
                    .outputs()
                    .iter()
                    .map(|o| {
                        (
                            o.output_key().unwrap_or_default().to_owned(),
                            o.output_value().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect(),
            })),
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

    /// Failed resources among the stack's events since `since` (event ids seen before).
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
