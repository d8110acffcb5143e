//! Route integrations: what a route sends its requests to. Each is named by
//! its id and, as in the AWS CDK, made under the first route of each API
//! that uses it (`<api>/<route>/<id>/Resource`); the AWS service
//! integrations call the service with a role of their own,
//! `<api>/<route>/InvokeRole`, allowed exactly the one action on the one
//! resource (and, for an encrypted queue, the use of its key); a Lambda
//! integration is admitted by the function's resource policy instead, one
//! `AWS::Lambda::Permission` per route (`<api>/<route>/<id>-Permission`).

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::api_gateway_v2::{CfnIntegration, CfnIntegrationProps};
use rcdk_cfn::lambda::{CfnPermission, CfnPermissionProps};
use rcdk_compute::IApplicationListener;
use rcdk_core::{cfn_format, Aws, Construct, Duration, Expr, IndexMap, Scope, Value};
use rcdk_events::IEventBus;
use rcdk_iam::{IRole, PolicyStatement, Role, RoleProps};
use rcdk_lambda::{IFunction, INVOKE_FUNCTION};
use rcdk_messaging::IQueue;
use rcdk_orchestration::IStateMachine;

use crate::{IHttpApi, Method, VpcLink};

/// What a route sends requests to: binds itself to an API for a route and
/// returns the integration's id, for the route's `Target`.
///
/// ```
/// use rcdk_core::{App, Construct, Expr, Scope, StackProps};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// let upstream = HttpUrlIntegration::new("Upstream", "https://upstream.example.com");
/// let id: Expr<String> = upstream.bind(&api, &api.scope().child("Manual"));
/// assert!(!id.is_literal());
/// ```
pub trait IHttpRouteIntegration {
    /// The integration of `api` that the route at `route` targets, made
    /// under `route` on its first use with `api` and reused after; its id.
    ///
    /// ```
    /// use rcdk_core::{App, Construct, StackProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let upstream = HttpUrlIntegration::new("Upstream", "https://upstream.example.com");
    /// let first = upstream.bind(&api, &api.scope().child("A"));
    /// assert_eq!(upstream.bind(&api, &api.scope().child("B")), first);
    /// ```
    fn bind(&self, api: &dyn IHttpApi, route: &Scope) -> Expr<String>;

    /// Called for every route that uses the integration, after
    /// [`bind`](Self::bind), with the route's node and key: what each route
    /// needs of its own (the AWS CDK's `completeBind`), such as
    /// [`LambdaIntegration`]'s permission scoped to the route. Does nothing
    /// unless the integration says otherwise.
    ///
    /// ```
    /// use rcdk_core::{App, Construct, StackProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let upstream = HttpUrlIntegration::new("Upstream", "https://upstream.example.com");
    /// let route = api.scope().child("Manual");
    /// upstream.bind(&api, &route);
    /// upstream.complete_bind(&api, &route, "GET /manual");
    /// ```
    fn complete_bind(&self, api: &dyn IHttpApi, route: &Scope, route_key: &str) {
        let _ = (api, route, route_key);
    }
}

/// The integration each API (by node) got from one integration value, so
/// routes of one API share it (and clones share the record).
#[derive(Clone, Debug, Default)]
struct Bindings(Rc<RefCell<Vec<Binding>>>);

/// An API's node and the id of the integration made for it.
type Binding = (Scope, Expr<String>);

impl Bindings {
    fn get_or_create(&self, api: &dyn IHttpApi, create: impl FnOnce() -> Expr<String>) -> Expr<String> {
        let found = self
            .0
            .borrow()
            .iter()
            .find(|(s, _)| s.same_node(api.scope()))
            .map(|(_, e)| e.clone());
        if let Some(found) = found {
            return found;
        }
        let made = create();
        self.0.borrow_mut().push((api.scope().clone(), made.clone()));
        made
    }
}

/// An `AWS_PROXY` integration calling an AWS service with a role API
/// Gateway assumes (`<route>/InvokeRole`, as the AWS CDK names it), allowed
/// `statements` only.
fn service_integration(
    api: &dyn IHttpApi,
    route: &Scope,
    id: &str,
    subtype: &str,
    statements: Vec<PolicyStatement>,
    parameters: IndexMap<String, Expr<String>>,
) -> Expr<String> {
    let role = Role::new(route, "InvokeRole", RoleProps::assumed_by("apigateway.amazonaws.com"));
    for statement in statements {
        role.add_to_policy(statement);
    }
    CfnIntegration::new(
        &route.child(id),
        "Resource",
        CfnIntegrationProps {
            connection_type: Some("INTERNET".into()),
            credentials_arn: Some(role.role_arn()),
            integration_subtype: Some(subtype.into()),
            payload_format_version: Some("1.0".into()),
            request_parameters: Some(parameters),
            ..CfnIntegrationProps::new(api.api_id(), "AWS_PROXY")
        },
    )
    .reference()
}

/// An `HTTP_PROXY` integration through a VPC link to a load balancer listener.
/// Creating it opens the listener's port from the link's security group.
///
/// As the CDK's `HttpAlbIntegration`, it is named by its `id` and its
/// `AWS::ApiGatewayV2::Integration` sits under the first route of each API
/// that uses it: `Api/GET--/<id>/Resource`.
///
/// rcdk cannot check that the link and the load balancer are in one VPC:
/// [`IApplicationListener`] does not say which VPC its load balancer is in.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{SecurityGroup, Vpc, VpcProps};
/// use rcdk_compute::{Listener, ListenerAttributes};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let lb_sg = SecurityGroup::from_id(&stack, "LbSg", "sg-0a1b2c3d");
/// let shared = Listener::from_attributes(&stack, "Shared", ListenerAttributes::new(
///     "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210", &lb_sg, 443));
/// let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// api.add_route("ANY /{proxy+}", &AlbIntegration::new("Shared", &shared, &link), RouteAuth::Iam);
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("ConnectionType: VPC_LINK"));
/// ```
#[derive(Clone, Debug)]
pub struct AlbIntegration {
    id: String,
    listener_arn: Expr<String>,
    link_id: Expr<String>,
    bound: Bindings,
}

impl AlbIntegration {
    /// An integration named `id` with `listener` (defined in the app or
    /// imported), reached through `link`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// let listener = lb.add_http_listener("Http", 80, 8080, "/health");
    /// let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
    /// let _web = AlbIntegration::new("Web", &listener, &link);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AWS::EC2::SecurityGroupIngress"));
    /// ```
    #[track_caller]
    pub fn new(id: &str, listener: &dyn IApplicationListener, link: &VpcLink) -> AlbIntegration {
        if let Some(lb_vpc) = listener.vpc_id() {
            let link_vpc = link.vpc().vpc_id();
            if definitely_differ(&lb_vpc, &link_vpc) {
                link.scope().add_error(format!(
                    "integration {id}: the VPC link is in another VPC than the load balancer of {}, so API Gateway cannot reach it; make the link in the load balancer's VPC",
                    listener.scope().path()
                ));
            }
        }
        listener.allow_from(link.security_group(), "API Gateway VPC link");
        AlbIntegration {
            id: id.to_owned(),
            listener_arn: listener.listener_arn(),
            link_id: link.vpc_link_id(),
            bound: Bindings::default(),
        }
    }
}

impl IHttpRouteIntegration for AlbIntegration {
    fn bind(&self, api: &dyn IHttpApi, route: &Scope) -> Expr<String> {
        self.bound.get_or_create(api, || {
            CfnIntegration::new(
                &route.child(&self.id),
                "Resource",
                CfnIntegrationProps {
                    connection_id: Some(self.link_id.clone()),
                    connection_type: Some("VPC_LINK".into()),
                    integration_method: Some("ANY".into()),
                    integration_uri: Some(self.listener_arn.clone()),
                    payload_format_version: Some("1.0".into()),
                    ..CfnIntegrationProps::new(api.api_id(), "HTTP_PROXY")
                },
            )
            .reference()
        })
    }
}

/// An `HTTP_PROXY` integration to a public URL, as the AWS CDK's
/// `HttpUrlIntegration`: `<route>/<id>/Resource`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// api.add_route("GET /orders/{id}", &HttpUrlIntegration::new("Upstream", "https://upstream.example.com/orders/{id}"), RouteAuth::Iam);
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("IntegrationType: HTTP_PROXY"));
/// ```
#[derive(Clone, Debug)]
pub struct HttpUrlIntegration {
    id: String,
    url: Expr<String>,
    method: Method,
    bound: Bindings,
}

impl HttpUrlIntegration {
    /// An integration named `id` forwarding every method to `url`, an
    /// `http://` or `https://` URL (checked when literal).
    ///
    /// ```
    /// let upstream = rcdk_api::HttpUrlIntegration::new("Upstream", "https://upstream.example.com");
    /// # let _ = upstream;
    /// ```
    #[track_caller]
    pub fn new(id: &str, url: impl Into<Expr<String>>) -> HttpUrlIntegration {
        HttpUrlIntegration {
            id: id.to_owned(),
            url: url.into(),
            method: Method::Any,
            bound: Bindings::default(),
        }
    }

    /// Calls the URL with `method` whatever the request's (default: the
    /// request's own, `ANY`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// api.add_route("POST /ping", &HttpUrlIntegration::new("Ping", "https://ping.example.com").method(Method::Get), RouteAuth::None);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("IntegrationMethod: GET"));
    /// ```
    pub fn method(mut self, method: Method) -> HttpUrlIntegration {
        self.method = method;
        self
    }
}

impl IHttpRouteIntegration for HttpUrlIntegration {
    fn bind(&self, api: &dyn IHttpApi, route: &Scope) -> Expr<String> {
        self.bound.get_or_create(api, || {
            if let Some(url) = self.url.value().as_str() {
                let host = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"))
                    .unwrap_or_default();
                if host.is_empty() || host.starts_with('/') {
                    route.add_error(format!(
                        "integration {}: {url:?} is not an http:// or https:// URL, which an HTTP proxy integration calls; give the full URL, as in https://upstream.example.com/orders",
                        self.id
                    ));
                }
            }
            CfnIntegration::new(
                &route.child(&self.id),
                "Resource",
                CfnIntegrationProps {
                    integration_method: Some(self.method.as_str().into()),
                    integration_uri: Some(self.url.clone()),
                    payload_format_version: Some("1.0".into()),
                    ..CfnIntegrationProps::new(api.api_id(), "HTTP_PROXY")
                },
            )
            .reference()
        })
    }
}

/// Sends the request to an SQS queue (`SQS-SendMessage`), as the AWS CDK's
/// `HttpSqsIntegration`: the message body is the request body's
/// `MessageBody` field unless told otherwise. A FIFO queue needs a message
/// group id (an error without one), and a deduplication id unless the
/// queue deduplicates by content.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_messaging::{Queue, QueueProps};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let queue = Queue::new(&stack, "Queue", QueueProps::default());
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// api.add_route("POST /enqueue", &SqsSendMessageIntegration::new("Enqueue", &queue), RouteAuth::Iam);
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("IntegrationSubtype: SQS-SendMessage") && yaml.contains("sqs:SendMessage"));
/// ```
#[derive(Clone, Debug)]
pub struct SqsSendMessageIntegration {
    id: String,
    queue_arn: Expr<String>,
    queue_url: Expr<String>,
    queue_path: String,
    fifo: Option<bool>,
    key_arn: Option<Expr<String>>,
    message_body: Expr<String>,
    message_group_id: Option<Expr<String>>,
    message_deduplication_id: Option<Expr<String>>,
    bound: Bindings,
}

impl SqsSendMessageIntegration {
    /// An integration named `id` sending to `queue` (defined in the app or
    /// imported).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::Queue;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::from_arn(&stack, "Shared", "arn:aws:sqs:eu-west-1:111111111111:shared");
    /// let _enqueue = rcdk_api::SqsSendMessageIntegration::new("Enqueue", &queue);
    /// ```
    #[track_caller]
    pub fn new(id: &str, queue: &dyn IQueue) -> SqsSendMessageIntegration {
        SqsSendMessageIntegration {
            id: id.to_owned(),
            queue_arn: queue.queue_arn(),
            queue_url: queue.queue_url(),
            queue_path: queue.scope().path(),
            fifo: queue.fifo(),
            key_arn: queue.encryption_key_arn(),
            message_body: "$request.body.MessageBody".into(),
            message_group_id: None,
            message_deduplication_id: None,
            bound: Bindings::default(),
        }
    }

    /// Where the message body comes from: a mapping such as `$request.body`
    /// (the whole body) or a static value.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{Queue, QueueProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Queue", QueueProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// api.add_route("POST /jobs", &SqsSendMessageIntegration::new("Enqueue", &queue).message_body("$request.body"), RouteAuth::Iam);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("MessageBody: $request.body\n"));
    /// ```
    pub fn message_body(mut self, mapping: impl Into<Expr<String>>) -> SqsSendMessageIntegration {
        self.message_body = mapping.into();
        self
    }

    /// The message group id, which a FIFO queue requires: a mapping such as
    /// `$request.header.x-group-id` or a static value.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::Queue;
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::from_arn(&stack, "Orders", "arn:aws:sqs:eu-west-1:111111111111:orders.fifo");
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let enqueue = SqsSendMessageIntegration::new("Enqueue", &queue)
    ///     .message_group_id("$request.header.x-customer")
    ///     .message_deduplication_id("$context.requestId");
    /// api.add_route("POST /orders", &enqueue, RouteAuth::Iam);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("MessageGroupId: $request.header.x-customer"));
    /// ```
    pub fn message_group_id(mut self, mapping: impl Into<Expr<String>>) -> SqsSendMessageIntegration {
        self.message_group_id = Some(mapping.into());
        self
    }

    /// The deduplication id, which a FIFO queue without content-based
    /// deduplication requires (`$context.requestId` keeps retries of one
    /// request from being sent twice).
    ///
    /// ```
    /// let enqueue = rcdk_api::SqsSendMessageIntegration::new("Enqueue", &rcdk_messaging::Queue::from_arn(
    ///     &rcdk_core::App::new().stack("S", Default::default()), "Q", "arn:aws:sqs:eu-west-1:111111111111:q.fifo"))
    ///     .message_deduplication_id("$context.requestId");
    /// # let _ = enqueue;
    /// ```
    pub fn message_deduplication_id(mut self, mapping: impl Into<Expr<String>>) -> SqsSendMessageIntegration {
        self.message_deduplication_id = Some(mapping.into());
        self
    }
}

impl IHttpRouteIntegration for SqsSendMessageIntegration {
    fn bind(&self, api: &dyn IHttpApi, route: &Scope) -> Expr<String> {
        self.bound.get_or_create(api, || {
            if self.fifo == Some(true) && self.message_group_id.is_none() {
                route.add_error(format!(
                    "integration {}: the queue {} is FIFO, and SQS refuses a message to a FIFO queue without a message group id; give one with message_group_id (for example \"$request.header.x-group-id\")",
                    self.id, self.queue_path
                ));
            }
            let mut statements =
                vec![PolicyStatement::allow(["sqs:SendMessage"], [self.queue_arn.clone()]).with_sid("AllowSqsExecution")];
            // SQS encrypts the message with the queue's key as the sender:
            // without the key's use, SendMessage to an SSE-KMS queue fails.
            if let Some(key) = &self.key_arn {
                statements.push(PolicyStatement::allow(
                    ["kms:GenerateDataKey", "kms:Decrypt"],
                    [key.clone()],
                ));
            }
            let mut parameters = IndexMap::new();
            parameters.insert("QueueUrl".to_owned(), self.queue_url.clone());
            parameters.insert("MessageBody".to_owned(), self.message_body.clone());
            if let Some(group) = &self.message_group_id {
                parameters.insert("MessageGroupId".to_owned(), group.clone());
            }
            if let Some(dedup) = &self.message_deduplication_id {
                parameters.insert("MessageDeduplicationId".to_owned(), dedup.clone());
            }
            service_integration(api, route, &self.id, "SQS-SendMessage", statements, parameters)
        })
    }
}

/// Puts the request on an EventBridge bus as an event
/// (`EventBridge-PutEvents`), as the AWS CDK's `HttpEventBridgeIntegration`:
/// the detail, detail type and source are the request body's `Detail`,
/// `DetailType` and `Source` fields unless told otherwise.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_events::{EventBus, EventBusProps};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// api.add_route("POST /events", &EventBridgePutEventsIntegration::new("Publish", &bus), RouteAuth::Iam);
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("events:PutEvents"));
/// ```
#[derive(Clone, Debug)]
pub struct EventBridgePutEventsIntegration {
    id: String,
    bus_arn: Expr<String>,
    bus_name: Expr<String>,
    detail: Expr<String>,
    detail_type: Expr<String>,
    source: Expr<String>,
    bound: Bindings,
}

impl EventBridgePutEventsIntegration {
    /// An integration named `id` putting events on `bus` (defined in the
    /// app or imported).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::EventBus;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let _publish = rcdk_api::EventBridgePutEventsIntegration::new("Publish", &EventBus::default_bus(&stack, "Default"));
    /// ```
    #[track_caller]
    pub fn new(id: &str, bus: &dyn IEventBus) -> EventBridgePutEventsIntegration {
        EventBridgePutEventsIntegration {
            id: id.to_owned(),
            bus_arn: bus.event_bus_arn(),
            bus_name: bus.event_bus_name(),
            detail: "$request.body.Detail".into(),
            detail_type: "$request.body.DetailType".into(),
            source: "$request.body.Source".into(),
            bound: Bindings::default(),
        }
    }

    /// Where the event's detail comes from (a mapping such as `$request.body`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::EventBus;
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let publish = EventBridgePutEventsIntegration::new("Publish", &EventBus::default_bus(&stack, "Default"))
    ///     .detail("$request.body")
    ///     .detail_type("Order Placed")
    ///     .source("com.example.orders");
    /// api.add_route("POST /orders", &publish, RouteAuth::Iam);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Source: com.example.orders"));
    /// ```
    pub fn detail(mut self, mapping: impl Into<Expr<String>>) -> EventBridgePutEventsIntegration {
        self.detail = mapping.into();
        self
    }

    /// Where the event's detail type comes from (a mapping or a static value).
    ///
    /// ```
    /// use rcdk_events::EventBus;
    /// let stack = rcdk_core::App::new().stack("S", Default::default());
    /// let publish = rcdk_api::EventBridgePutEventsIntegration::new("Publish", &EventBus::default_bus(&stack, "Default"))
    ///     .detail_type("Order Placed");
    /// # let _ = publish;
    /// ```
    pub fn detail_type(mut self, mapping: impl Into<Expr<String>>) -> EventBridgePutEventsIntegration {
        self.detail_type = mapping.into();
        self
    }

    /// Where the event's source comes from (a mapping or a static value,
    /// which may not start with `aws.`: EventBridge keeps those for AWS).
    ///
    /// ```
    /// use rcdk_events::EventBus;
    /// let stack = rcdk_core::App::new().stack("S", Default::default());
    /// let publish = rcdk_api::EventBridgePutEventsIntegration::new("Publish", &EventBus::default_bus(&stack, "Default"))
    ///     .source("com.example.orders");
    /// # let _ = publish;
    /// ```
    pub fn source(mut self, mapping: impl Into<Expr<String>>) -> EventBridgePutEventsIntegration {
        self.source = mapping.into();
        self
    }
}

impl IHttpRouteIntegration for EventBridgePutEventsIntegration {
    fn bind(&self, api: &dyn IHttpApi, route: &Scope) -> Expr<String> {
        self.bound.get_or_create(api, || {
            if let Some(source) = self.source.value().as_str().filter(|s| s.starts_with("aws.")) {
                route.add_error(format!(
                    "integration {}: the event source {source:?} starts with \"aws.\", which EventBridge keeps for AWS services and refuses from PutEvents; use a source of your own, as in com.example.orders",
                    self.id
                ));
            }
            let statements = vec![
                PolicyStatement::allow(["events:PutEvents"], [self.bus_arn.clone()]).with_sid("AllowEventBridgePutEvents"),
            ];
            let mut parameters = IndexMap::new();
            parameters.insert("Detail".to_owned(), self.detail.clone());
            parameters.insert("DetailType".to_owned(), self.detail_type.clone());
            parameters.insert("Source".to_owned(), self.source.clone());
            parameters.insert("EventBusName".to_owned(), self.bus_name.clone());
            service_integration(api, route, &self.id, "EventBridge-PutEvents", statements, parameters)
        })
    }
}

/// Starts an execution of a state machine (`StepFunctions-StartExecution`),
/// as the AWS CDK's `HttpStepFunctionsIntegration`. The execution's input
/// is empty unless [`input`](Self::input) maps one.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps, Succeed};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(Succeed::new("Done")));
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// api.add_route("POST /start", &StepFunctionsStartExecutionIntegration::new("Start", &flow), RouteAuth::Iam);
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("states:StartExecution"));
/// ```
#[derive(Clone, Debug)]
pub struct StepFunctionsStartExecutionIntegration {
    id: String,
    state_machine_arn: Expr<String>,
    input: Option<Expr<String>>,
    bound: Bindings,
}

impl StepFunctionsStartExecutionIntegration {
    /// An integration named `id` starting executions of `state_machine`
    /// (defined in the app or imported).
    ///
    /// ```
    /// use rcdk_orchestration::StateMachine;
    /// let stack = rcdk_core::App::new().stack("S", Default::default());
    /// let billing = StateMachine::from_arn(&stack, "Billing", "arn:aws:states:eu-west-1:111111111111:stateMachine:billing");
    /// let _start = rcdk_api::StepFunctionsStartExecutionIntegration::new("Start", &billing);
    /// ```
    #[track_caller]
    pub fn new(id: &str, state_machine: &dyn IStateMachine) -> StepFunctionsStartExecutionIntegration {
        StepFunctionsStartExecutionIntegration {
            id: id.to_owned(),
            state_machine_arn: state_machine.state_machine_arn(),
            input: None,
            bound: Bindings::default(),
        }
    }

    /// The execution's input: a mapping such as `$request.body`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::StateMachine;
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let billing = StateMachine::from_arn(&stack, "Billing", "arn:aws:states:eu-west-1:111111111111:stateMachine:billing");
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// api.add_route("POST /bills", &StepFunctionsStartExecutionIntegration::new("Start", &billing).input("$request.body"), RouteAuth::Iam);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Input: $request.body"));
    /// ```
    pub fn input(mut self, mapping: impl Into<Expr<String>>) -> StepFunctionsStartExecutionIntegration {
        self.input = Some(mapping.into());
        self
    }
}

impl IHttpRouteIntegration for StepFunctionsStartExecutionIntegration {
    fn bind(&self, api: &dyn IHttpApi, route: &Scope) -> Expr<String> {
        self.bound.get_or_create(api, || {
            let statements = vec![
                PolicyStatement::allow(["states:StartExecution"], [self.state_machine_arn.clone()])
                    .with_sid("AllowStepFunctionsExecution"),
            ];
            let mut parameters = IndexMap::new();
            parameters.insert("StateMachineArn".to_owned(), self.state_machine_arn.clone());
            if let Some(input) = &self.input {
                parameters.insert("Input".to_owned(), input.clone());
            }
            service_integration(
                api,
                route,
                &self.id,
                "StepFunctions-StartExecution",
                statements,
                parameters,
            )
        })
    }
}

/// The format of the event API Gateway sends a Lambda function and of the
/// response it reads back ([`LambdaIntegration::payload_format_version`]).
///
/// ```
/// assert_eq!(rcdk_api::PayloadFormatVersion::default().as_str(), "2.0");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PayloadFormatVersion {
    /// `1.0`: the REST API's proxy event (`httpMethod`, `path`,
    /// `multiValueHeaders`), for handlers written for REST APIs.
    V1,
    /// `2.0` (the default, as in the AWS CDK): the HTTP API event
    /// (`routeKey`, `rawPath`, `requestContext.http`), and a response that
    /// may be just a body.
    #[default]
    V2,
}

impl PayloadFormatVersion {
    /// The version as API Gateway names it (`1.0`, `2.0`).
    ///
    /// ```
    /// assert_eq!(rcdk_api::PayloadFormatVersion::V1.as_str(), "1.0");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PayloadFormatVersion::V1 => "1.0",
            PayloadFormatVersion::V2 => "2.0",
        }
    }
}

/// Invokes a Lambda function with the request (`AWS_PROXY`), as the AWS
/// CDK's `HttpLambdaIntegration`: the integration at `<route>/<id>/Resource`
/// under the first route of each API that uses it, payload format 2.0
/// unless told otherwise, and for every route an `AWS::Lambda::Permission`
/// at `<route>/<id>-Permission` that lets `apigateway.amazonaws.com` invoke
/// the function for that route only: `SourceArn`
/// `arn:<partition>:execute-api:<region>:<account>:<api id>/*/*<route path>`
/// (any stage and method; `/*/*` alone for `$default`).
///
/// A function imported from another account than the stack's cannot be
/// given the permission here: an error (add it in the function's account).
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let orders = Function::new(&stack, "Orders", FunctionProps::new(
///     Runtime::Python313,
///     Code::inline("def handler(event, context):\n    return {'statusCode': 200}\n"),
/// ).handler("index.handler"));
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// api.add_route("GET /orders/{id}", &LambdaIntegration::new("Orders", &orders), RouteAuth::Iam);
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("IntegrationType: AWS_PROXY"));
/// assert!(yaml.contains("PayloadFormatVersion: '2.0'"));
/// assert!(yaml.contains("/*/*/orders/{id}"));
/// ```
#[derive(Clone, Debug)]
pub struct LambdaIntegration {
    id: String,
    function_arn: Expr<String>,
    function_path: String,
    payload_format_version: PayloadFormatVersion,
    timeout: Option<Duration>,
    bound: Bindings,
}

impl LambdaIntegration {
    /// An integration named `id` invoking `function` (defined in the app or
    /// imported).
    ///
    /// ```
    /// use rcdk_lambda::Function;
    /// let stack = rcdk_core::App::new().stack("S", Default::default());
    /// let shared = Function::from_function_arn(&stack, "Shared", "arn:aws:lambda:eu-west-1:111111111111:function:shared");
    /// let _call = rcdk_api::LambdaIntegration::new("Shared", &shared);
    /// ```
    #[track_caller]
    pub fn new(id: &str, function: &dyn IFunction) -> LambdaIntegration {
        LambdaIntegration {
            id: id.to_owned(),
            function_arn: function.function_arn(),
            function_path: function.scope().path(),
            payload_format_version: PayloadFormatVersion::default(),
            timeout: None,
            bound: Bindings::default(),
        }
    }

    /// The event format the function takes (default
    /// [`PayloadFormatVersion::V2`]).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let legacy = Function::new(&stack, "Legacy", FunctionProps::new(Runtime::Nodejs22, Code::inline("exports.handler = async () => ({});")).handler("index.handler"));
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let call = LambdaIntegration::new("Legacy", &legacy).payload_format_version(PayloadFormatVersion::V1);
    /// api.add_route("ANY /{proxy+}", &call, RouteAuth::Iam);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("PayloadFormatVersion: '1.0'"));
    /// ```
    pub fn payload_format_version(mut self, version: PayloadFormatVersion) -> LambdaIntegration {
        self.payload_format_version = version;
        self
    }

    /// How long API Gateway waits for the function, in whole milliseconds
    /// from 50 ms to 30 seconds (default, and most, 30 seconds).
    ///
    /// ```
    /// use rcdk_core::{App, Duration, StackProps};
    /// use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let quick = Function::new(&stack, "Quick", FunctionProps::new(Runtime::Nodejs22, Code::inline("exports.handler = async () => ({});")).handler("index.handler"));
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// api.add_route("GET /ping", &LambdaIntegration::new("Quick", &quick).timeout(Duration::seconds(5)), RouteAuth::Iam);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("TimeoutInMillis: 5000"));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> LambdaIntegration {
        self.timeout = Some(timeout);
        self
    }
}

impl IHttpRouteIntegration for LambdaIntegration {
    fn bind(&self, api: &dyn IHttpApi, route: &Scope) -> Expr<String> {
        self.bound.get_or_create(api, || {
            let timeout = self.timeout.and_then(|t| {
                let ms = t.to_millis();
                if (50..=30_000).contains(&ms) {
                    Some(Expr::from(ms as i64))
                } else {
                    route.add_error(format!(
                        "integration {}: a timeout of {t} is outside what an HTTP API waits for an integration; use from Duration::millis(50) to Duration::seconds(30)",
                        self.id
                    ));
                    None
                }
            });
            CfnIntegration::new(
                &route.child(&self.id),
                "Resource",
                CfnIntegrationProps {
                    integration_uri: Some(self.function_arn.clone()),
                    payload_format_version: Some(self.payload_format_version.as_str().into()),
                    timeout_in_millis: timeout,
                    ..CfnIntegrationProps::new(api.api_id(), "AWS_PROXY")
                },
            )
            .reference()
        })
    }

    fn complete_bind(&self, api: &dyn IHttpApi, route: &Scope, route_key: &str) {
        if let Some(account) = rcdk_lambda::foreign_account(&self.function_arn, route) {
            route.add_error(format!(
                "integration {}: {} is a function of the account {account}, not the stack's, and a stack can only add the permission API Gateway needs to its own account's functions; add the permission in the function's account (apigateway.amazonaws.com, for this API's execute-api ARN)",
                self.id, self.function_path
            ));
            return;
        }
        // The CDK's `route.path`: the key's path as written (path
        // parameters included, which the source ARN of a call names as
        // written too), nothing for `$default`.
        let path = route_key.split_once(' ').map_or("", |(_, path)| path);
        let source_arn = cfn_format!(
            "arn:{}:execute-api:{}:{}:{}/*/*{}",
            Aws::partition(),
            Aws::region(),
            Aws::account_id(),
            api.api_id(),
            path
        );
        CfnPermission::new(
            route,
            &format!("{}-Permission", self.id),
            CfnPermissionProps {
                source_arn: Some(source_arn),
                ..CfnPermissionProps::new(INVOKE_FUNCTION, self.function_arn.clone(), "apigateway.amazonaws.com")
            },
        );
    }
}

/// Whether two VPC ids surely name different VPCs: two literals that differ,
/// two VPCs of the app (each `Ref` is a VPC of its own), or a VPC of the app
/// and a literal (a VPC the app creates has no id yet). Anything else (an
/// import, a parameter) may resolve to the same VPC.
fn definitely_differ(a: &Expr<String>, b: &Expr<String>) -> bool {
    use rcdk_core::Intrinsic;
    let known = |e: &Expr<String>| match e.value() {
        Value::String(_) => true,
        Value::Intrinsic(i) => matches!(**i, Intrinsic::Ref(_)),
        _ => false,
    };
    known(a) && known(b) && a.value() != b.value()
}
