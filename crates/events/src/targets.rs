//! Rule targets. Each binds itself to the rule it is added to: a queue
//! admits `events.amazonaws.com` for that rule only in its resource policy,
//! a topic admits EventBridge (whose topic statements may not have
//! conditions), a Lambda function admits it for that rule with an
//! `AWS::Lambda::Permission`, a state machine is reached through a role. An
//! imported queue or topic's policy is not the app's: a warning says what it
//! must allow.

use std::cell::RefCell;

use rcdk_cfn::lambda::{CfnPermission, CfnPermissionProps};
use rcdk_core::Construct;
use rcdk_iam::{IResourceWithPolicy, IRole, PolicyOf, PolicyStatement, Role, RoleProps, ServicePrincipal};
use rcdk_lambda::{IFunction, INVOKE_FUNCTION};
use rcdk_messaging::{IQueue, ITopic};
use rcdk_orchestration::IStateMachine;

use crate::{IRuleTarget, Rule, RuleTarget};

/// EventBridge acting for `rule` only.
pub(crate) fn events_principal(rule: &Rule) -> ServicePrincipal {
    ServicePrincipal::new("events.amazonaws.com").with_source_arn(rule.rule_arn())
}

/// Sends events to an SQS queue.
pub struct SqsQueue<'a> {
    queue: &'a dyn IQueue,
    message_group_id: Option<String>,
}

impl<'a> SqsQueue<'a> {
    /// A queue target.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{targets, EventPattern, Rule, RuleProps};
    /// use rcdk_messaging::{Queue, QueueProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let rule = Rule::new(&stack, "R", RuleProps::matching(EventPattern::new().source(["orders"])));
    /// rule.add_target(&targets::SqsQueue::new(&queue));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("events.amazonaws.com"));
    /// ```
    pub fn new(queue: &'a dyn IQueue) -> SqsQueue<'a> {
        SqsQueue {
            queue,
            message_group_id: None,
        }
    }

    /// The message group of events sent to a FIFO queue (required there).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::targets;
    /// use rcdk_messaging::{Queue, QueueProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps { fifo: true, ..Default::default() });
    /// let target = targets::SqsQueue::new(&queue).message_group_id("orders");
    /// # let _ = target;
    /// ```
    #[track_caller]
    pub fn message_group_id(mut self, id: &str) -> SqsQueue<'a> {
        self.message_group_id = Some(id.to_owned());
        self
    }
}

/// Adds `statement` to a target's resource policy, or warns that the
/// target's own policy must allow it.
fn admit(target: &dyn IResourceWithPolicy, path: String, rule: &Rule, statement: PolicyStatement) {
    let needed = statement.actions.join(", ");
    if !target.add_to_resource_policy(statement) {
        rule.scope().add_warning(format!(
            "{path} is imported, so its policy is not the app's to change; make sure it allows {needed} to the service events.amazonaws.com for this rule"
        ));
    }
}

impl IRuleTarget for SqsQueue<'_> {
    fn bind(&self, rule: &Rule) -> RuleTarget {
        let send = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"];
        let statement = PolicyStatement::allow(send, [self.queue.queue_arn()]).with_principal(events_principal(rule));
        admit(&PolicyOf(self.queue), self.queue.scope().path(), rule, statement);
        match (self.queue.fifo(), &self.message_group_id) {
            (Some(true), None) => rule.scope().add_error(
                "a FIFO queue target needs a message group; use targets::SqsQueue::new(&queue).message_group_id(\"...\")",
            ),
            (Some(false), Some(_)) => rule
                .scope()
                .add_error("a message group is for FIFO queue targets only; drop message_group_id"),
            _ => {}
        }
        if self.queue.encryption_key_arn().is_some() {
            rule.scope().add_warning(
                "EventBridge sends to a queue encrypted with a customer managed key only if the key's policy lets events.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt)",
            );
        }
        RuleTarget {
            arn: self.queue.queue_arn(),
            role_arn: None,
            message_group_id: self.message_group_id.clone(),
        }
    }
}

/// Publishes events to an SNS topic.
pub struct SnsTopic<'a> {
    topic: &'a dyn ITopic,
}

impl<'a> SnsTopic<'a> {
    /// A topic target. EventBridge cannot publish to a topic encrypted with
    /// the AWS managed key `alias/aws/sns` (a warning): give the topic a
    /// customer managed key whose policy admits `events.amazonaws.com`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{targets, EventPattern, Rule, RuleProps};
    /// use rcdk_messaging::{Topic, TopicEncryption, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let key = "arn:aws:kms:eu-west-1:111111111111:key/abc";
    /// let topic = Topic::new(&stack, "Alerts", TopicProps { encryption: TopicEncryption::Kms(key.into()), ..Default::default() });
    /// let rule = Rule::new(&stack, "R", RuleProps::matching(EventPattern::new().source(["orders"])));
    /// rule.add_target(&targets::SnsTopic::new(&topic));
    /// assert!(app.synth().unwrap().warnings().is_empty());
    /// ```
    pub fn new(topic: &'a dyn ITopic) -> SnsTopic<'a> {
        SnsTopic { topic }
    }
}

impl IRuleTarget for SnsTopic<'_> {
    fn bind(&self, rule: &Rule) -> RuleTarget {
        // EventBridge's guide: "You can't use Condition blocks in Amazon SNS
        // topic policies for EventBridge", so no aws:SourceArn here.
        let events = ServicePrincipal::new("events.amazonaws.com");
        let statement = PolicyStatement::allow(["sns:Publish"], [self.topic.topic_arn()]).with_principal(events);
        admit(&PolicyOf(self.topic), self.topic.scope().path(), rule, statement);
        RuleTarget {
            arn: self.topic.topic_arn(),
            role_arn: None,
            message_group_id: None,
        }
    }
}

/// Starts an execution of a Step Functions state machine with the event as
/// input, through a role EventBridge assumes, allowed `states:StartExecution`
/// on that state machine only. The role is the CDK's
/// `<state machine>/EventsRole`, shared by every rule this target value is
/// added to; another target value for the same state machine makes
/// `EventsRole2`, and so on.
pub struct StateMachine<'a> {
    machine: &'a dyn IStateMachine,
    role: RefCell<Option<Role>>,
}

impl<'a> StateMachine<'a> {
    /// A state machine target.
    ///
    /// ```
    /// use rcdk_core::{App, Duration, StackProps};
    /// use rcdk_events::{targets, Rule, RuleProps, Schedule};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps, Succeed};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(Succeed::new("Done")));
    /// let nightly = Rule::new(&stack, "Nightly", RuleProps::scheduled(Schedule::rate(Duration::days(1))));
    /// nightly.add_target(&targets::StateMachine::new(&flow));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("states:StartExecution"));
    /// ```
    pub fn new(machine: &'a dyn IStateMachine) -> StateMachine<'a> {
        StateMachine {
            machine,
            role: RefCell::new(None),
        }
    }

    fn role(&self) -> Role {
        self.role
            .borrow_mut()
            .get_or_insert_with(|| {
                let owner = self.machine.scope();
                let earlier = owner
                    .annotated("rcdk:events-role")
                    .into_iter()
                    .filter(|(s, _)| s.same_node(owner))
                    .count();
                owner.annotate("rcdk:events-role", "");
                let id = if earlier == 0 {
                    "EventsRole".to_owned()
                } else {
                    format!("EventsRole{}", earlier + 1)
                };
                let role = Role::new(owner, &id, RoleProps::assumed_by("events.amazonaws.com"));
                role.add_to_policy(PolicyStatement::allow(
                    ["states:StartExecution"],
                    [self.machine.state_machine_arn()],
                ));
                role
            })
            .clone()
    }
}

impl IRuleTarget for StateMachine<'_> {
    fn bind(&self, _rule: &Rule) -> RuleTarget {
        RuleTarget {
            arn: self.machine.state_machine_arn(),
            role_arn: Some(self.role().role_arn()),
            message_group_id: None,
        }
    }
}

/// Invokes a Lambda function (asynchronously) with the event, as the AWS
/// CDK's `LambdaFunction` target: EventBridge needs no role, the function's
/// resource policy admits `events.amazonaws.com` for this rule
/// (`SourceArn` the rule's ARN) with an `AWS::Lambda::Permission` at the
/// CDK's path, `<rule>/AllowEventRule<function's unique id>`, written once
/// per rule and function. A fixed input, retries and a dead-letter queue
/// are the rule's [`TargetOptions`](crate::TargetOptions), as for every
/// target. A function imported from another account than the rule's stack
/// cannot be given the permission here: an error (add it in the function's
/// account, for the rule's ARN).
///
/// ```
/// use rcdk_core::{App, Duration, StackProps};
/// use rcdk_events::{targets, Rule, RuleProps, Schedule};
/// use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let cleanup = Function::new(&stack, "Cleanup", FunctionProps::new(
///     Runtime::Python313,
///     Code::inline("def handler(event, context):\n    return None\n"),
/// ).handler("index.handler"));
/// let nightly = Rule::new(&stack, "Nightly", RuleProps::scheduled(Schedule::rate(Duration::days(1))));
/// nightly.add_target(&targets::LambdaFunction::new(&cleanup));
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("Principal: events.amazonaws.com"));
/// assert!(yaml.contains("AWS::Lambda::Permission"));
/// ```
pub struct LambdaFunction<'a> {
    function: &'a dyn IFunction,
}

impl<'a> LambdaFunction<'a> {
    /// A function target (defined in the app, or imported from the stack's
    /// account).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps, Value};
    /// use rcdk_events::{targets, EventPattern, Rule, RuleProps, TargetOptions};
    /// use rcdk_lambda::Function;
    /// use rcdk_messaging::{Queue, QueueProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let shared = Function::from_function_arn(&stack, "Shared", "arn:aws:lambda:eu-west-1:111111111111:function:shared");
    /// let dlq = Queue::new(&stack, "Undelivered", QueueProps::default());
    /// let rule = Rule::new(&stack, "Placed", RuleProps::matching(EventPattern::new().source(["orders"])));
    /// rule.add_target_with(&targets::LambdaFunction::new(&shared), TargetOptions {
    ///     input: Some(Value::object([("kind", Value::from("order"))])),
    ///     retry_attempts: Some(2),
    ///     dead_letter_queue: Some(&dlq),
    ///     ..Default::default()
    /// });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("function:shared"));
    /// ```
    pub fn new(function: &'a dyn IFunction) -> LambdaFunction<'a> {
        LambdaFunction { function }
    }
}

impl IRuleTarget for LambdaFunction<'_> {
    fn bind(&self, rule: &Rule) -> RuleTarget {
        let arn = self.function.function_arn();
        let owner = rule.scope();
        if let Some(account) = rcdk_lambda::foreign_account(&arn, owner) {
            owner.add_error(format!(
                "the target {} is a function of the account {account}, not the stack's, and a stack can only add the permission EventBridge needs to its own account's functions; add the permission in the function's account (events.amazonaws.com, for this rule's ARN), or put the rule in that account",
                self.function.scope().path()
            ));
        } else {
            let id = format!("AllowEventRule{}", self.function.scope().unique_id());
            let key = "rcdk-events:lambda-permission";
            let made = owner.annotated(key).iter().any(|(s, v)| s.same_node(owner) && *v == id);
            if !made {
                owner.annotate(key, &id);
                CfnPermission::new(
                    owner,
                    &id,
                    CfnPermissionProps {
                        source_arn: Some(rule.rule_arn()),
                        ..CfnPermissionProps::new(INVOKE_FUNCTION, arn.clone(), "events.amazonaws.com")
                    },
                );
            }
        }
        RuleTarget {
            arn,
            role_arn: None,
            message_group_id: None,
        }
    }
}

/// Calls an EventBridge API destination (an HTTPS endpoint of another party)
/// through the destination's `EventsRole`, allowed
/// `events:InvokeApiDestination` on it only.
pub type ApiDestination<'a> = crate::api_destination::ApiDestinationTarget<'a>;
