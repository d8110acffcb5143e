//! Putting events on EventBridge buses.

use rcdk_core::{cfn_format, Aws, Expr, Value};
use rcdk_events::IEventBus;
use rcdk_iam::PolicyStatement;
use rcdk_orchestration::{task_methods, Chain, Task};

use crate::IntegrationPattern;

/// The most entries one `PutEvents` call takes.
const MAX_ENTRIES: usize = 10;

/// One event of an [`EventBridgePutEvents`]: its source, detail type,
/// detail and bus.
///
/// ```
/// use rcdk_orchestration_tasks::EventBridgeEntry;
/// let entry = EventBridgeEntry::new("shop.orders", "OrderPlaced").detail_path("$.order");
/// ```
#[derive(Clone, Debug)]
pub struct EventBridgeEntry {
    source: String,
    detail_type: String,
    detail: Value,
    detail_path: bool,
    bus_arn: Option<Expr<String>>,
}

impl EventBridgeEntry {
    /// An event from `source` (your own: EventBridge keeps `aws.` sources
    /// to AWS services, an error at synth) of type `detail_type`, whose
    /// detail is the state's input unless set, on the account's default
    /// bus unless set.
    pub fn new(source: &str, detail_type: &str) -> EventBridgeEntry {
        EventBridgeEntry {
            source: source.to_owned(),
            detail_type: detail_type.to_owned(),
            detail: Value::from("$"),
            detail_path: true,
            bus_arn: None,
        }
    }

    /// A fixed `Detail` (an object; keys ending in `.$` read the input).
    ///
    /// ```
    /// use rcdk_core::Value;
    /// let entry = rcdk_orchestration_tasks::EventBridgeEntry::new("shop.orders", "OrderPlaced")
    ///     .detail(Value::object([("id.$", "$.id".into()), ("channel", "web".into())]));
    /// ```
    pub fn detail(mut self, detail: impl Into<Value>) -> Self {
        self.detail = detail.into();
        self.detail_path = false;
        self
    }

    /// `Detail.$`: the detail, read from the state's input at `path`.
    ///
    /// ```
    /// let entry = rcdk_orchestration_tasks::EventBridgeEntry::new("shop.orders", "OrderPlaced").detail_path("$.order");
    /// ```
    pub fn detail_path(mut self, path: &str) -> Self {
        self.detail = path.into();
        self.detail_path = true;
        self
    }

    /// `EventBusName`: the bus (its ARN is written, so a bus of another
    /// account works); the account's default bus if not set.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{EventBus, EventBusProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    /// let entry = rcdk_orchestration_tasks::EventBridgeEntry::new("shop.orders", "OrderPlaced").bus(&bus);
    /// ```
    pub fn bus(mut self, bus: &dyn IEventBus) -> Self {
        self.bus_arn = Some(bus.event_bus_arn());
        self
    }
}

/// A Task putting events on EventBridge buses
/// (`arn:${AWS::Partition}:states:::events:putEvents`). The role may
/// `events:PutEvents` on the buses of the entries only (the default bus
/// `arn:...:event-bus/default` when an entry names none), as the AWS CDK's
/// `EventBridgePutEvents`. The result has `Entries` (an `EventId` for each
/// event) and `FailedEntryCount`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_events::{EventBus, EventBusProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::{EventBridgeEntry, EventBridgePutEvents};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
/// let put = EventBridgePutEvents::new("Announce")
///     .entry(EventBridgeEntry::new("shop.orders", "OrderPlaced").detail_path("$.order").bus(&bus));
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(put));
/// assert_eq!(flow.definition_json()["States"]["Announce"]["Parameters"]["Entries"][0]["Source"], "shop.orders");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("events:PutEvents"));
/// ```
#[derive(Clone, Debug)]
pub struct EventBridgePutEvents {
    task: Task,
    pattern: IntegrationPattern,
    entries: Vec<EventBridgeEntry>,
}

impl EventBridgePutEvents {
    /// Puts the entries added with [`entry`](Self::entry) (one to ten) and
    /// goes on.
    pub fn new(name: &str) -> EventBridgePutEvents {
        EventBridgePutEvents::with_pattern(name, IntegrationPattern::RequestResponse)
    }

    /// [`new`](Self::new), or with [`IntegrationPattern::WaitForTaskToken`]
    /// waiting until whoever handles an event answers with the task token,
    /// which a detail must then carry (a synth error otherwise).
    /// [`IntegrationPattern::RunJob`] is an error: EventBridge starts no job.
    ///
    /// ```
    /// use rcdk_core::Value;
    /// use rcdk_orchestration_tasks::{EventBridgeEntry, EventBridgePutEvents, IntegrationPattern};
    /// let ask = EventBridgePutEvents::with_pattern("Ask", IntegrationPattern::WaitForTaskToken).entry(
    ///     EventBridgeEntry::new("shop.approvals", "ApprovalNeeded")
    ///         .detail(Value::object([("token.$", "$$.Task.Token".into())])),
    /// );
    /// ```
    pub fn with_pattern(name: &str, pattern: IntegrationPattern) -> EventBridgePutEvents {
        EventBridgePutEvents {
            task: Task::service(name, &pattern.resource("events:putEvents")),
            pattern,
            entries: Vec::new(),
        }
    }

    /// Adds an entry.
    ///
    /// ```
    /// use rcdk_orchestration_tasks::{EventBridgeEntry, EventBridgePutEvents};
    /// let put = EventBridgePutEvents::new("Announce").entry(EventBridgeEntry::new("shop.orders", "OrderPlaced"));
    /// ```
    pub fn entry(mut self, entry: EventBridgeEntry) -> Self {
        self.entries.push(entry);
        self
    }

    task_methods!(
        task,
        r#"use rcdk_orchestration_tasks::{EventBridgeEntry, EventBridgePutEvents};
let task = EventBridgePutEvents::new("Announce").entry(EventBridgeEntry::new("shop.orders", "OrderPlaced"));"#
    );
}

impl From<EventBridgePutEvents> for Chain {
    fn from(e: EventBridgePutEvents) -> Chain {
        let mut errors = Vec::new();
        match e.entries.len() {
            0 => errors.push(
                "EventBridgePutEvents has no entries; add one with entry(EventBridgeEntry::new(\"my.source\", \"DetailType\"))"
                    .to_owned(),
            ),
            n if n > MAX_ENTRIES => errors.push(format!(
                "EventBridgePutEvents has {n} entries, but PutEvents takes at most {MAX_ENTRIES}; split them over several tasks"
            )),
            _ => {}
        }
        let default_bus = || {
            cfn_format!(
                "arn:{}:events:{}:{}:event-bus/default",
                Aws::partition(),
                Aws::region(),
                Aws::account_id()
            )
        };
        let mut buses: Vec<Expr<String>> = Vec::new();
        let mut entries = Vec::new();
        for (i, entry) in e.entries.iter().enumerate() {
            if entry.source.starts_with("aws.") {
                errors.push(format!(
                    "Entries[{i}].Source {:?} starts with \"aws.\", which EventBridge keeps for AWS services (it refuses the event); use a source of your own such as \"com.example.orders\"",
                    entry.source
                ));
            }
            if entry.source.is_empty() || entry.detail_type.is_empty() {
                errors.push(format!(
                    "Entries[{i}] has an empty Source or DetailType, so EventBridge drops the event; give both in EventBridgeEntry::new"
                ));
            }
            let mut fields: Vec<(&str, Value)> = vec![(
                if entry.detail_path { "Detail.$" } else { "Detail" },
                entry.detail.clone(),
            )];
            fields.push(("DetailType", entry.detail_type.as_str().into()));
            if let Some(arn) = &entry.bus_arn {
                fields.push(("EventBusName", arn.clone().into()));
            }
            fields.push(("Source", entry.source.as_str().into()));
            entries.push(Value::object(fields));
            let bus = entry.bus_arn.clone().unwrap_or_else(default_bus);
            // One resource per bus, however many entries go to it.
            if !buses.iter().any(|b| Value::from(b.clone()) == Value::from(bus.clone())) {
                buses.push(bus);
            }
        }
        match e.pattern {
            IntegrationPattern::WaitForTaskToken if !e.entries.iter().any(|x| crate::reads_task_token(&x.detail)) => {
                errors.push(crate::missing_token_error(
                    "EventBridgePutEvents",
                    "the entries' Detail",
                ))
            }
            IntegrationPattern::RunJob => errors.push(crate::no_run_job("EventBridgePutEvents")),
            _ => {}
        }
        let mut task = crate::write_parameters(e.task, "EventBridgePutEvents", vec![("Entries", Value::List(entries))]);
        if !buses.is_empty() {
            task = task.grant(PolicyStatement::allow(["events:PutEvents"], buses));
        }
        for err in errors {
            task = task.add_error(err);
        }
        task.into()
    }
}
