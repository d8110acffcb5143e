//! Runtimes, architectures and tracing modes.

/// A Lambda runtime: the ones AWS supports for new functions, and
/// [`Runtime::Custom`] for any other identifier (a runtime newer than this
/// crate, or a deprecated one an existing function still uses).
///
/// ```
/// use rcdk_lambda::Runtime;
/// assert_eq!(Runtime::Python313.name(), "python3.13");
/// assert_eq!(Runtime::Custom("nodejs26.x".into()).name(), "nodejs26.x");
/// assert!(Runtime::ProvidedAl2023.is_provided());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Runtime {
    /// `nodejs20.x`
    Nodejs20,
    /// `nodejs22.x`
    Nodejs22,
    /// `nodejs24.x`
    Nodejs24,
    /// `python3.10`
    Python310,
    /// `python3.11`
    Python311,
    /// `python3.12`
    Python312,
    /// `python3.13`
    Python313,
    /// `python3.14`
    Python314,
    /// `java11`
    Java11,
    /// `java17`
    Java17,
    /// `java21`
    Java21,
    /// `java25`
    Java25,
    /// `dotnet8`
    Dotnet8,
    /// `dotnet10`
    Dotnet10,
    /// `ruby3.2`
    Ruby32,
    /// `ruby3.3`
    Ruby33,
    /// `ruby3.4`
    Ruby34,
    /// `provided.al2`: an OS-only runtime; the code brings an executable
    /// named `bootstrap`.
    ProvidedAl2,
    /// `provided.al2023`: the OS-only runtime for Rust (and Go) functions;
    /// the code brings an executable named `bootstrap`
    /// ([`Code::from_rust_binary`](crate::Code::from_rust_binary)).
    ProvidedAl2023,
    /// Any other runtime identifier, written as given.
    Custom(String),
}

impl Runtime {
    /// The identifier Lambda knows the runtime by.
    ///
    /// ```
    /// assert_eq!(rcdk_lambda::Runtime::ProvidedAl2023.name(), "provided.al2023");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Runtime::Nodejs20 => "nodejs20.x",
            Runtime::Nodejs22 => "nodejs22.x",
            Runtime::Nodejs24 => "nodejs24.x",
            Runtime::Python310 => "python3.10",
            Runtime::Python311 => "python3.11",
            Runtime::Python312 => "python3.12",
            Runtime::Python313 => "python3.13",
            Runtime::Python314 => "python3.14",
            Runtime::Java11 => "java11",
            Runtime::Java17 => "java17",
            Runtime::Java21 => "java21",
            Runtime::Java25 => "java25",
            Runtime::Dotnet8 => "dotnet8",
            Runtime::Dotnet10 => "dotnet10",
            Runtime::Ruby32 => "ruby3.2",
            Runtime::Ruby33 => "ruby3.3",
            Runtime::Ruby34 => "ruby3.4",
            Runtime::ProvidedAl2 => "provided.al2",
            Runtime::ProvidedAl2023 => "provided.al2023",
            Runtime::Custom(name) => name,
        }
    }

    /// Whether it is an OS-only runtime (`provided`, `provided.al2`,
    /// `provided.al2023`), which runs the code's `bootstrap` and needs no
    /// handler.
    ///
    /// ```
    /// use rcdk_lambda::Runtime;
    /// assert!(!Runtime::Nodejs22.is_provided());
    /// assert!(Runtime::Custom("provided".into()).is_provided());
    /// ```
    pub fn is_provided(&self) -> bool {
        self.name().starts_with("provided")
    }

    /// Whether Lambda can run code given inline (`Code.ZipFile`): the
    /// Node.js and Python runtimes only, as the CloudFormation docs of
    /// `ZipFile` say.
    ///
    /// ```
    /// use rcdk_lambda::Runtime;
    /// assert!(Runtime::Python313.supports_inline_code());
    /// assert!(!Runtime::Java21.supports_inline_code());
    /// ```
    pub fn supports_inline_code(&self) -> bool {
        let name = self.name();
        name.starts_with("nodejs") || name.starts_with("python")
    }
}

impl std::fmt::Display for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The instruction set a function runs on.
///
/// ```
/// assert_eq!(rcdk_lambda::Architecture::Arm64.name(), "arm64");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Architecture {
    /// `x86_64` (Lambda's default).
    #[default]
    X86_64,
    /// `arm64` (Graviton): cheaper per GB-second.
    Arm64,
}

impl Architecture {
    /// The identifier Lambda knows it by.
    ///
    /// ```
    /// assert_eq!(rcdk_lambda::Architecture::X86_64.name(), "x86_64");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Architecture::X86_64 => "x86_64",
            Architecture::Arm64 => "arm64",
        }
    }
}

/// AWS X-Ray tracing of a function's invocations.
///
/// ```
/// let props = rcdk_lambda::FunctionProps { tracing: Some(rcdk_lambda::Tracing::Active), ..rcdk_lambda::FunctionProps::rust("bootstrap") };
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tracing {
    /// Sample and trace incoming requests (`Active`); the function's role
    /// may then write to X-Ray.
    Active,
    /// Trace only requests that come with a sampled trace header
    /// (`PassThrough`).
    PassThrough,
}
