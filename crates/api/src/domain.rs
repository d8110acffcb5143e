//! Custom domain names: [`DomainName`] defined in the app,
//! [`ImportedDomainName`] from its attributes, both [`IDomainName`]s that
//! an API's default domain mapping takes.

use std::fmt::Debug;

use rcdk_cfn::api_gateway_v2::{domain_name, CfnDomainName, CfnDomainNameProps};
use rcdk_core::{Construct, Expr, Scope};

/// A custom domain name, defined in the app or imported: what a mapping
/// and DNS records need.
pub trait IDomainName: Construct + Debug {
    /// The domain name (`api.example.com`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{DomainName, DomainNameAttributes, IDomainName};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let domain = DomainName::from_attributes(&stack, "Shared", DomainNameAttributes::new("api.example.com", "d-abc.execute-api.eu-west-1.amazonaws.com", "Z2FDTNDATAQYW2"));
    /// assert_eq!(domain.name().value().as_str(), Some("api.example.com"));
    /// ```
    fn name(&self) -> Expr<String>;

    /// The API Gateway host name a DNS record of the domain points to.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{DomainName, DomainNameProps, IDomainName};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let domain = DomainName::new(&stack, "Domain", DomainNameProps::new("api.example.com", "arn:aws:acm:eu-west-1:111111111111:certificate/abc"));
    /// assert!(format!("{:?}", domain.regional_domain_name().value()).contains("RegionalDomainName"));
    /// ```
    fn regional_domain_name(&self) -> Expr<String>;

    /// The Route 53 hosted zone of [`regional_domain_name`](Self::regional_domain_name),
    /// for an alias record.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{DomainName, DomainNameAttributes, IDomainName};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let domain = DomainName::from_attributes(&stack, "Shared", DomainNameAttributes::new("api.example.com", "d-abc.execute-api.eu-west-1.amazonaws.com", "Z2FDTNDATAQYW2"));
    /// assert_eq!(domain.regional_hosted_zone_id().value().as_str(), Some("Z2FDTNDATAQYW2"));
    /// ```
    fn regional_hosted_zone_id(&self) -> Expr<String>;
}

/// The options of a [`DomainName`].
#[derive(Clone, Debug)]
pub struct DomainNameProps {
    /// The domain name, in lowercase (`api.example.com`, or a wildcard
    /// `*.example.com`).
    pub domain_name: Expr<String>,
    /// The ARN of an ACM certificate for it, in the API's region.
    pub certificate_arn: Expr<String>,
}

impl DomainNameProps {
    /// `domain_name` served with the certificate `certificate_arn`.
    ///
    /// ```
    /// let props = rcdk_api::DomainNameProps::new("api.example.com", "arn:aws:acm:eu-west-1:111111111111:certificate/abc");
    /// assert_eq!(props.domain_name.value().as_str(), Some("api.example.com"));
    /// ```
    pub fn new(domain_name: impl Into<Expr<String>>, certificate_arn: impl Into<Expr<String>>) -> DomainNameProps {
        DomainNameProps {
            domain_name: domain_name.into(),
            certificate_arn: certificate_arn.into(),
        }
    }
}

/// A regional custom domain name for APIs, with its ACM certificate: a
/// construct whose `AWS::ApiGatewayV2::DomainName` is its `Resource` child,
/// as in the AWS CDK. APIs are mapped to it with
/// [`HttpApiProps::default_domain_mapping`](crate::HttpApiProps::default_domain_mapping).
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let domain = DomainName::new(&stack, "Domain", DomainNameProps::new("api.example.com", "arn:aws:acm:eu-west-1:111111111111:certificate/abc"));
/// HttpApi::new(&stack, "Api", HttpApiProps { default_domain_mapping: Some(&domain), ..Default::default() });
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AWS::ApiGatewayV2::ApiMapping"));
/// ```
#[derive(Clone, Debug)]
pub struct DomainName {
    scope: Scope,
    domain: CfnDomainName,
}

impl Construct for DomainName {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IDomainName for DomainName {
    fn name(&self) -> Expr<String> {
        self.domain.reference()
    }

    fn regional_domain_name(&self) -> Expr<String> {
        self.domain.attr_regional_domain_name()
    }

    fn regional_hosted_zone_id(&self) -> Expr<String> {
        self.domain.attr_regional_hosted_zone_id()
    }
}

impl DomainName {
    /// Adds a domain name. A literal name must be a lowercase host name, a
    /// literal certificate ARN an ACM certificate's, in the stack's region
    /// when the stack has one (a regional endpoint serves only a
    /// certificate of its own region).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{DomainName, DomainNameProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// DomainName::new(&stack, "Domain", DomainNameProps::new("Api.Example.com", "arn:aws:acm:eu-west-1:111111111111:certificate/abc"));
    /// assert!(app.synth().is_err());
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: DomainNameProps) -> DomainName {
        let node = scope.child(id);
        if let Some(name) = props.domain_name.value().as_str() {
            check_domain_name(&node, name);
        }
        if let Some(arn) = props.certificate_arn.value().as_str() {
            match certificate_region(arn) {
                None => node.add_error(format!(
                    "certificate ARN {arn:?} is not an ACM certificate ARN; use arn:<partition>:acm:<region>:<12-digit account>:certificate/<id>"
                )),
                Some(cert_region) => {
                    let region = node.stack().and_then(|s| s.environment().region);
                    if let Some(region) = region.filter(|r| r != cert_region) {
                        node.add_error(format!(
                            "the certificate is in {cert_region}, but a regional domain name is served only with a certificate of the API's region, {region}; request or import the certificate in {region}"
                        ));
                    }
                }
            }
        }
        let domain = CfnDomainName::new(
            &node,
            "Resource",
            CfnDomainNameProps {
                domain_name_configurations: Some(vec![domain_name::DomainNameConfiguration {
                    certificate_arn: Some(props.certificate_arn),
                    endpoint_type: Some("REGIONAL".into()),
                    ..Default::default()
                }]),
                ..CfnDomainNameProps::new(props.domain_name)
            },
        );
        DomainName { scope: node, domain }
    }

    /// Imports a domain name that exists outside the app. A literal name is
    /// checked as [`DomainName::new`] checks it.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let domain = DomainName::from_attributes(&stack, "Shared", DomainNameAttributes::new("api.example.com", "d-abc.execute-api.eu-west-1.amazonaws.com", "Z2FDTNDATAQYW2"));
    /// HttpApi::new(&stack, "Api", HttpApiProps { default_domain_mapping: Some(&domain), ..Default::default() });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("DomainName: api.example.com"));
    /// ```
    #[track_caller]
    pub fn from_attributes(scope: &Scope, id: &str, attributes: DomainNameAttributes) -> ImportedDomainName {
        let node = scope.child(id);
        if let Some(name) = attributes.name.value().as_str() {
            check_domain_name(&node, name);
        }
        ImportedDomainName {
            scope: node,
            attributes,
        }
    }

    /// The L1 domain name, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{DomainName, DomainNameProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let domain = DomainName::new(&stack, "Domain", DomainNameProps::new("api.example.com", "arn:aws:acm:eu-west-1:111111111111:certificate/abc"));
    /// domain.cfn().set_routing_mode(rcdk_cfn::api_gateway_v2::domain_name::RoutingMode::ApiMappingOnly);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("RoutingMode: API_MAPPING_ONLY"));
    /// ```
    pub fn cfn(&self) -> &CfnDomainName {
        &self.domain
    }
}

/// The region of a literal ACM certificate ARN, or `None` if it is not one.
fn certificate_region(arn: &str) -> Option<&str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", partition, "acm", region, account, resource]
            if !partition.is_empty()
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && resource.strip_prefix("certificate/").is_some_and(|id| !id.is_empty()) =>
        {
            Some(region)
        }
        _ => None,
    }
}

fn check_domain_name(node: &Scope, name: &str) {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        node.add_error(format!(
            "domain name {name:?} has capital letters, which API Gateway refuses in a custom domain name; write it in lowercase ({:?})",
            name.to_ascii_lowercase()
        ));
        return;
    }
    let host = name.strip_prefix("*.").unwrap_or(name);
    let labels: Vec<&str> = host.split('.').collect();
    let valid = name.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if !valid {
        node.add_error(format!(
            "domain name {name:?} is not a host name; use two or more dot-separated labels of lowercase letters, digits and hyphens (1 to 63 characters each, no hyphen first or last), as in api.example.com"
        ));
    }
}

/// What the app knows of a domain name it imports with [`DomainName::from_attributes`].
#[derive(Clone, Debug)]
pub struct DomainNameAttributes {
    /// The domain name.
    pub name: Expr<String>,
    /// Its API Gateway host name (`d-<id>.execute-api.<region>.amazonaws.com`).
    pub regional_domain_name: Expr<String>,
    /// The hosted zone of that host name.
    pub regional_hosted_zone_id: Expr<String>,
}

impl DomainNameAttributes {
    /// The attributes of an existing domain name.
    ///
    /// ```
    /// let a = rcdk_api::DomainNameAttributes::new("api.example.com", "d-abc.execute-api.eu-west-1.amazonaws.com", "Z2FDTNDATAQYW2");
    /// assert_eq!(a.name.value().as_str(), Some("api.example.com"));
    /// ```
    pub fn new(
        name: impl Into<Expr<String>>,
        regional_domain_name: impl Into<Expr<String>>,
        regional_hosted_zone_id: impl Into<Expr<String>>,
    ) -> DomainNameAttributes {
        DomainNameAttributes {
            name: name.into(),
            regional_domain_name: regional_domain_name.into(),
            regional_hosted_zone_id: regional_hosted_zone_id.into(),
        }
    }
}

/// A domain name that exists outside the app, imported with [`DomainName::from_attributes`].
#[derive(Clone, Debug)]
pub struct ImportedDomainName {
    scope: Scope,
    attributes: DomainNameAttributes,
}

impl Construct for ImportedDomainName {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IDomainName for ImportedDomainName {
    fn name(&self) -> Expr<String> {
        self.attributes.name.clone()
    }

    fn regional_domain_name(&self) -> Expr<String> {
        self.attributes.regional_domain_name.clone()
    }

    fn regional_hosted_zone_id(&self) -> Expr<String> {
        self.attributes.regional_hosted_zone_id.clone()
    }
}
