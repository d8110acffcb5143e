//! Event buses: [`EventBus`] defined in the app, [`ImportedEventBus`] by
//! name or ARN (the account's `default` bus included), both [`IEventBus`]s.

use rcdk_cfn::events::{CfnArchive, CfnArchiveProps, CfnEventBus, CfnEventBusProps};
use rcdk_core::{cfn_format, Aws, Construct, Duration, Expr, Scope};
use rcdk_iam::{Grant, IGrantable};

use crate::EventPattern;

/// An event bus, defined in the app or imported.
pub trait IEventBus: Construct {
    /// The bus name (`default` for the account's default bus).
    fn event_bus_name(&self) -> Expr<String>;

    /// The bus ARN.
    fn event_bus_arn(&self) -> Expr<String>;

    /// Lets `grantee` put events on this bus.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{EventBus, EventBusProps, IEventBus};
    /// use rcdk_iam::{Role, RoleProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    /// let role = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    /// assert!(bus.grant_put_events_to(&role).success());
    /// ```
    fn grant_put_events_to(&self, grantee: &dyn IGrantable) -> Grant {
        Grant::add_to_principal(grantee, ["events:PutEvents"], [self.event_bus_arn()], self.scope())
    }
}

/// The options of an [`EventBus`].
#[derive(Clone, Debug, Default)]
pub struct EventBusProps {
    /// The bus name; default unique from the construct path, as the AWS CDK.
    pub event_bus_name: Option<String>,
    /// A description.
    pub description: Option<String>,
}

/// The options of an archive ([`EventBus::archive`]).
#[derive(Clone, Debug)]
pub struct ArchiveProps {
    /// Which events to keep.
    pub event_pattern: EventPattern,
    /// How long to keep them (whole days); `None` keeps them forever.
    pub retention: Option<Duration>,
}

/// A custom event bus: a construct whose `AWS::Events::EventBus` is its
/// `Resource` child, as in the AWS CDK.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_events::{EventBus, EventBusProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// EventBus::new(&stack, "Bus", EventBusProps::default());
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Name: SBus9A63633F"));
/// ```
#[derive(Clone, Debug)]
pub struct EventBus {
    scope: Scope,
    bus: CfnEventBus,
}

impl Construct for EventBus {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IEventBus for EventBus {
    fn event_bus_name(&self) -> Expr<String> {
        self.bus.reference()
    }

    fn event_bus_arn(&self) -> Expr<String> {
        self.bus.attr_arn()
    }
}

impl EventBus {
    /// Adds an event bus.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: EventBusProps) -> EventBus {
        let node = scope.child(id);
        let name = props.event_bus_name.unwrap_or_else(|| node.unique_id());
        if let Some(problem) = invalid_bus_name(&name) {
            node.add_error(problem);
        }
        let bus = CfnEventBus::new(
            &node,
            "Resource",
            CfnEventBusProps {
                description: props.description.map(Into::into),
                ..CfnEventBusProps::new(name)
            },
        );
        EventBus { scope: node, bus }
    }

    /// The account's default bus in the stack's region, where AWS services
    /// send their events.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{EventBus, IEventBus};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// assert_eq!(EventBus::default_bus(&stack, "Default").event_bus_name().value().as_str(), Some("default"));
    /// ```
    #[track_caller]
    pub fn default_bus(scope: &Scope, id: &str) -> ImportedEventBus {
        EventBus::from_name(scope, id, "default")
    }

    /// Imports a bus of the stack's account and region by name.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{EventBus, IEventBus};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bus = EventBus::from_name(&stack, "Shared", "orders");
    /// # let _ = bus.event_bus_arn();
    /// ```
    #[track_caller]
    pub fn from_name(scope: &Scope, id: &str, name: &str) -> ImportedEventBus {
        let node = scope.child(id);
        if let Some(problem) = invalid_bus_name(name).filter(|_| name != "default") {
            node.add_error(problem);
        }
        let arn = cfn_format!(
            "arn:{}:events:{}:{}:event-bus/{}",
            Aws::partition(),
            Aws::region(),
            Aws::account_id(),
            Expr::from(name)
        );
        ImportedEventBus {
            scope: node,
            name: name.into(),
            arn,
        }
    }

    /// Imports a bus by ARN (of any account or region).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{EventBus, IEventBus};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bus = EventBus::from_arn(&stack, "Central", "arn:aws:events:eu-west-1:222222222222:event-bus/central");
    /// assert_eq!(bus.event_bus_name().value().as_str(), Some("central"));
    /// ```
    #[track_caller]
    pub fn from_arn(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedEventBus {
        let node = scope.child(id);
        let arn = arn.into();
        let name = match arn.value().as_str() {
            Some(literal) => match literal.split_once(":event-bus/") {
                Some((head, name)) if head.starts_with("arn:") && head.contains(":events:") && !name.is_empty() => {
                    Expr::from(name)
                }
                _ => {
                    node.add_error(format!(
                        "EventBus::from_arn: {literal:?} is not an event bus ARN; use arn:<partition>:events:<region>:<account>:event-bus/<name>"
                    ));
                    Expr::from("invalid")
                }
            },
            None => arn.split("/").select(1),
        };
        ImportedEventBus { scope: node, name, arn }
    }

    /// Keeps the bus's events matching `props.event_pattern` in an archive
    /// (`<bus>/<id>/Archive`, the CDK's path), to replay them later.
    ///
    /// ```
    /// use rcdk_core::{App, Duration, StackProps};
    /// use rcdk_events::{ArchiveProps, EventBus, EventBusProps, EventPattern};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    /// bus.archive("Archive", ArchiveProps { event_pattern: EventPattern::new().source(["orders"]), retention: Some(Duration::days(7)) });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("RetentionDays: 7"));
    /// ```
    #[track_caller]
    pub fn archive(&self, id: &str, props: ArchiveProps) -> CfnArchive {
        let node = self.scope.child(id);
        props.event_pattern.check(&node);
        let retention = props.retention.and_then(|r| match r.to_days() {
            Some(0) => {
                node.add_error("an archive retention of 0 days means keep forever to EventBridge; use retention: None for that, or at least one day");
                None
            }
            Some(days) => Some(Expr::from(days as i64)),
            None => {
                node.add_error(format!(
                    "an archive keeps events for whole days, not {r}; use Duration::days"
                ));
                None
            }
        });
        CfnArchive::new(
            &node,
            "Archive",
            CfnArchiveProps {
                event_pattern: Some(props.event_pattern.to_value()),
                retention_days: retention,
                ..CfnArchiveProps::new(self.event_bus_arn())
            },
        )
    }

    /// The L1 bus, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{EventBus, EventBusProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    /// bus.cfn().set_description("orders");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Description: orders"));
    /// ```
    pub fn cfn(&self) -> &CfnEventBus {
        &self.bus
    }
}

fn invalid_bus_name(name: &str) -> Option<String> {
    let valid_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c));
    if name.is_empty() || name.len() > 256 || !valid_chars {
        Some(format!(
            "event bus name {name:?} is invalid; use 1 to 256 letters, digits and / . _ -"
        ))
    } else if name == "default" {
        Some(
            "a custom event bus cannot be named \"default\"; pick another name, or use EventBus::default_bus"
                .to_owned(),
        )
    } else {
        None
    }
}

/// A bus that exists outside the app.
#[derive(Clone, Debug)]
pub struct ImportedEventBus {
    scope: Scope,
    name: Expr<String>,
    arn: Expr<String>,
}

impl Construct for ImportedEventBus {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IEventBus for ImportedEventBus {
    fn event_bus_name(&self) -> Expr<String> {
        self.name.clone()
    }

    fn event_bus_arn(&self) -> Expr<String> {
        self.arn.clone()
    }
}
