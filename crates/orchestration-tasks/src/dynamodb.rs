//! Reading and writing DynamoDB items.

use rcdk_core::{cfn_format, Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_orchestration::{task_methods, Chain, Task};
use rcdk_storage::ITable;

/// What reading an item needs of the table's customer managed key: the same
/// as the table's `grant_read_data`.
const KEY_READ: [&str; 2] = ["kms:Decrypt", "kms:DescribeKey"];
/// What writing an item needs of it: the same as `grant_write_data`.
const KEY_WRITE: [&str; 5] = [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
];

/// A DynamoDB attribute value in the definition, as the item calls take
/// it: `{"S": "a"}`, `{"N": "1"}`, ... given, or read from the state's
/// input (`{"S.$": "$.id"}`).
///
/// ```
/// use rcdk_orchestration_tasks::DynamoAttributeValue as V;
/// assert_eq!(V::string("a").to_value(), rcdk_core::Value::from(serde_json::json!({"S": "a"})));
/// assert_eq!(V::number(42).to_value(), rcdk_core::Value::from(serde_json::json!({"N": "42"})));
/// assert_eq!(V::string_path("$.id").to_value(), rcdk_core::Value::from(serde_json::json!({"S.$": "$.id"})));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DynamoAttributeValue(Value);

impl DynamoAttributeValue {
    fn of(kind: &str, value: Value) -> Self {
        DynamoAttributeValue(Value::object([(kind, value)]))
    }

    /// `S`: a string.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::string("open");
    /// ```
    pub fn string(value: &str) -> Self {
        Self::of("S", value.into())
    }

    /// `S.$`: a string read from the input at `path`.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::string_path("$.order.id");
    /// ```
    pub fn string_path(path: &str) -> Self {
        Self::of("S.$", path.into())
    }

    /// `N`: a number (DynamoDB takes numbers as strings).
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::number(12.5);
    /// ```
    pub fn number(value: impl std::fmt::Display) -> Self {
        Self::of("N", value.to_string().into())
    }

    /// `N.$`: a number read from the input at `path`, a JSON number or a
    /// string of one. It is written `States.Format('{}', path)`, since
    /// DynamoDB takes a number as a string and refuses a JSON number.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::number_path("$.quantity");
    /// assert_eq!(v.to_value(), rcdk_core::Value::from(serde_json::json!({"N.$": "States.Format('{}', $.quantity)"})));
    /// ```
    pub fn number_path(path: &str) -> Self {
        Self::of("N.$", format!("States.Format('{{}}', {path})").into())
    }

    /// `B`: binary data, base64-encoded.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::binary("aGVsbG8=");
    /// ```
    pub fn binary(base64: &str) -> Self {
        Self::of("B", base64.into())
    }

    /// `B.$`: base64-encoded binary data read from the input at `path`.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::binary_path("$.blob");
    /// ```
    pub fn binary_path(path: &str) -> Self {
        Self::of("B.$", path.into())
    }

    /// `BOOL`: a boolean.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::boolean(true);
    /// ```
    pub fn boolean(value: bool) -> Self {
        Self::of("BOOL", value.into())
    }

    /// `BOOL.$`: a boolean read from the input at `path`.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::boolean_path("$.paid");
    /// ```
    pub fn boolean_path(path: &str) -> Self {
        Self::of("BOOL.$", path.into())
    }

    /// `NULL`.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::null();
    /// ```
    pub fn null() -> Self {
        Self::of("NULL", true.into())
    }

    /// `SS`: a set of strings.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::string_set(&["red", "blue"]);
    /// ```
    pub fn string_set(values: &[&str]) -> Self {
        Self::of("SS", Value::list(values.iter().map(|v| (*v).into())))
    }

    /// `L`: a list of values.
    ///
    /// ```
    /// use rcdk_orchestration_tasks::DynamoAttributeValue as V;
    /// let v = V::list([V::string("a"), V::number(1)]);
    /// ```
    pub fn list(values: impl IntoIterator<Item = DynamoAttributeValue>) -> Self {
        Self::of("L", Value::list(values.into_iter().map(|v| v.0)))
    }

    /// `M`: a map of values.
    ///
    /// ```
    /// use rcdk_orchestration_tasks::DynamoAttributeValue as V;
    /// let v = V::map([("street", V::string_path("$.street")), ("number", V::number(1))]);
    /// ```
    pub fn map<'a>(values: impl IntoIterator<Item = (&'a str, DynamoAttributeValue)>) -> Self {
        Self::of("M", Value::object(values.into_iter().map(|(k, v)| (k, v.0))))
    }

    /// The value as the definition writes it.
    ///
    /// ```
    /// let v = rcdk_orchestration_tasks::DynamoAttributeValue::boolean(false).to_value();
    /// ```
    pub fn to_value(&self) -> Value {
        self.0.clone()
    }
}

fn attribute_map(pairs: &[(String, DynamoAttributeValue)]) -> Value {
    Value::object(pairs.iter().map(|(k, v)| (k.as_str(), v.0.clone())))
}

/// The table a call reads or writes, and what granting it needs.
#[derive(Clone, Debug)]
struct TableRef {
    name: Expr<String>,
    arn: Expr<String>,
    key: Option<Expr<String>>,
}

impl TableRef {
    fn of(table: &dyn ITable) -> TableRef {
        TableRef {
            name: table.table_name(),
            arn: table.table_arn(),
            key: table.encryption_key_arn(),
        }
    }
}

/// Expressions and their placeholders, which every item call may take.
#[derive(Clone, Debug, Default)]
struct Expressions {
    /// `(field, expression)`, in the order written.
    expressions: Vec<(&'static str, String)>,
    names: Vec<(String, String)>,
    values: Vec<(String, DynamoAttributeValue)>,
}

impl Expressions {
    fn set(&mut self, field: &'static str, expression: &str) {
        self.expressions.retain(|(f, _)| *f != field);
        self.expressions.push((field, expression.to_owned()));
    }

    /// Writes the expressions, names and values, and checks them as
    /// DynamoDB does: every `#name` and `:value` an expression uses is
    /// defined, every one defined is used (DynamoDB refuses both), and each
    /// starts with `#` or `:`.
    fn write(&self, p: &mut Vec<(&'static str, Value)>, errors: &mut Vec<String>) {
        for (field, expression) in &self.expressions {
            p.push((*field, expression.as_str().into()));
        }
        let used = |sigil: char| -> Vec<String> {
            let mut out = Vec::new();
            for (_, e) in &self.expressions {
                let mut rest = e.as_str();
                while let Some(i) = rest.find(sigil) {
                    let tail = &rest[i + 1..];
                    let end = tail
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(tail.len());
                    let token = format!("{sigil}{}", &tail[..end]);
                    if end > 0 && !out.contains(&token) {
                        out.push(token);
                    }
                    rest = &tail[end..];
                }
            }
            out
        };
        let (used_names, used_values) = (used('#'), used(':'));
        for (placeholder, _) in &self.names {
            if !placeholder.starts_with('#') {
                errors.push(format!(
                    "ExpressionAttributeNames: {placeholder:?} does not start with #, which a name placeholder must; rename it \"#{placeholder}\""
                ));
            } else if !used_names.contains(placeholder) {
                errors.push(format!(
                    "ExpressionAttributeNames: {placeholder} is used by no expression, which DynamoDB refuses; use it or drop it"
                ));
            }
        }
        for (placeholder, _) in &self.values {
            if !placeholder.starts_with(':') {
                errors.push(format!(
                    "ExpressionAttributeValues: {placeholder:?} does not start with :, which a value placeholder must; rename it \":{placeholder}\""
                ));
            } else if !used_values.contains(placeholder) {
                errors.push(format!(
                    "ExpressionAttributeValues: {placeholder} is used by no expression, which DynamoDB refuses; use it or drop it"
                ));
            }
        }
        for name in used_names {
            if !self.names.iter().any(|(n, _)| *n == name) {
                errors.push(format!(
                    "an expression uses {name}, which ExpressionAttributeNames does not define; add expression_attribute_name({name:?}, \"attribute\")"
                ));
            }
        }
        for value in used_values {
            if !self.values.iter().any(|(v, _)| *v == value) {
                errors.push(format!(
                    "an expression uses {value}, which ExpressionAttributeValues does not define; add expression_attribute_value({value:?}, DynamoAttributeValue::...)"
                ));
            }
        }
        if !self.names.is_empty() {
            p.push((
                "ExpressionAttributeNames",
                Value::object(self.names.iter().map(|(k, v)| (k.as_str(), v.as_str().into()))),
            ));
        }
        if !self.values.is_empty() {
            p.push(("ExpressionAttributeValues", attribute_map(&self.values)));
        }
    }
}

/// The methods every item call has for its expressions' placeholders.
macro_rules! expression_methods {
    ($example:literal) => {
        /// `ExpressionAttributeNames`: `placeholder` (`#name`) stands for
        /// `attribute` in the expressions (for a reserved word such as
        /// `status`). Every placeholder must be used, as DynamoDB requires.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.expression_attribute_name("#s", "status");
        /// ```
        pub fn expression_attribute_name(mut self, placeholder: &str, attribute: &str) -> Self {
            self.expr.names.retain(|(p, _)| p != placeholder);
            self.expr
                .names
                .push((placeholder.to_owned(), attribute.to_owned()));
            self
        }

        /// `ExpressionAttributeValues`: `placeholder` (`:value`) stands for
        /// `value` in the expressions. Every placeholder must be used, as
        /// DynamoDB requires.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.expression_attribute_value(":open", rcdk_orchestration_tasks::DynamoAttributeValue::string("open"));
        /// ```
        pub fn expression_attribute_value(mut self, placeholder: &str, value: DynamoAttributeValue) -> Self {
            self.expr.values.retain(|(p, _)| p != placeholder);
            self.expr.values.push((placeholder.to_owned(), value));
            self
        }
    };
}

/// `ConditionExpression`, for the calls that write.
macro_rules! condition_method {
    ($example:literal) => {
        /// `ConditionExpression`: the write happens only when it holds
        /// (otherwise the task fails with
        /// `DynamoDB.ConditionalCheckFailedException`).
        ///
        /// ```
        #[doc = $example]
        /// let task = task.condition_expression("attribute_not_exists(pk)");
        /// ```
        pub fn condition_expression(mut self, expression: &str) -> Self {
            self.expr.set("ConditionExpression", expression);
            self
        }
    };
}

/// The methods every call keyed by the primary key has.
macro_rules! key_method {
    ($example:literal) => {
        /// A `Key` attribute: the partition key, and the sort key if the
        /// table has one.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.key("sk", rcdk_orchestration_tasks::DynamoAttributeValue::number(1));
        /// ```
        pub fn key(mut self, attribute: &str, value: DynamoAttributeValue) -> Self {
            self.key.retain(|(a, _)| a != attribute);
            self.key.push((attribute.to_owned(), value));
            self
        }
    };
}

/// `Key`, checked: one or two attributes.
fn write_key(key: &[(String, DynamoAttributeValue)], p: &mut Vec<(&'static str, Value)>, errors: &mut Vec<String>) {
    if key.is_empty() {
        errors.push(
            "Key is empty; give the item's partition key (and sort key) with key(\"pk\", DynamoAttributeValue::string_path(\"$.id\"))"
                .to_owned(),
        );
    } else if key.len() > 2 {
        errors.push(format!(
            "Key has {} attributes, but a key is a partition key and at most a sort key; keep those two",
            key.len()
        ));
    }
    p.push(("Key", attribute_map(key)));
}

/// Writes the parameters and the grant of one item call.
fn finish(
    task: Task,
    integration: &str,
    p: Vec<(&str, Value)>,
    errors: Vec<String>,
    action: &str,
    resources: Vec<Expr<String>>,
    key: Option<(Expr<String>, &[&str])>,
) -> Chain {
    let mut task = crate::write_parameters(task, integration, p);
    task = task.grant(PolicyStatement::allow([action], resources));
    if let Some((key, actions)) = key {
        task = task.grant(PolicyStatement::allow(actions.iter().copied(), [key]));
    }
    for e in errors {
        task = task.add_error(e);
    }
    task.into()
}

/// A Task reading one item (`arn:${AWS::Partition}:states:::dynamodb:getItem`).
/// The role may `dynamodb:GetItem` on that table only (and read with its
/// customer managed key), as the AWS CDK's `DynamoGetItem`. The result has
/// the item, as DynamoDB JSON, in `Item` (no `Item` when there is none).
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::{DynamoAttributeValue, DynamoGetItem};
/// use rcdk_storage::{Attribute, Table, TableProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
/// let get = DynamoGetItem::new("Load", &table).key("pk", DynamoAttributeValue::string_path("$.id"));
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(get));
/// assert_eq!(flow.definition_json()["States"]["Load"]["Parameters"]["Key"]["pk"]["S.$"], "$.id");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("dynamodb:GetItem"));
/// ```
#[derive(Clone, Debug)]
pub struct DynamoGetItem {
    task: Task,
    table: TableRef,
    key: Vec<(String, DynamoAttributeValue)>,
    expr: Expressions,
    consistent_read: Option<bool>,
}

impl DynamoGetItem {
    /// Reads the item of `table` with the key set by [`key`](Self::key).
    pub fn new(name: &str, table: &dyn ITable) -> DynamoGetItem {
        DynamoGetItem {
            task: Task::service(name, "dynamodb:getItem"),
            table: TableRef::of(table),
            key: Vec::new(),
            expr: Expressions::default(),
            consistent_read: None,
        }
    }

    key_method!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoGetItem::new("Load", &table);"#
    );

    /// `ProjectionExpression`: the attributes to read.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoGetItem::new("Load", &table).projection_expression("pk, total");
    /// ```
    pub fn projection_expression(mut self, expression: &str) -> Self {
        self.expr.set("ProjectionExpression", expression);
        self
    }

    /// `ConsistentRead`.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoGetItem::new("Load", &table).consistent_read(true);
    /// ```
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = Some(consistent);
        self
    }

    expression_methods!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoGetItem::new("Load", &table);"#
    );

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoGetItem::new("Load", &table);"#
    );
}

impl From<DynamoGetItem> for Chain {
    fn from(g: DynamoGetItem) -> Chain {
        let mut errors = Vec::new();
        let mut p: Vec<(&str, Value)> = vec![("TableName", g.table.name.into())];
        write_key(&g.key, &mut p, &mut errors);
        g.expr.write(&mut p, &mut errors);
        if let Some(c) = g.consistent_read {
            p.push(("ConsistentRead", c.into()));
        }
        let key = g.table.key.map(|k| (k, &KEY_READ[..]));
        finish(
            g.task,
            "DynamoGetItem",
            p,
            errors,
            "dynamodb:GetItem",
            vec![g.table.arn],
            key,
        )
    }
}

/// A Task writing one whole item (`arn:${AWS::Partition}:states:::dynamodb:putItem`).
/// The role may `dynamodb:PutItem` on that table only (and write with its
/// customer managed key), as the AWS CDK's `DynamoPutItem`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::{DynamoAttributeValue as V, DynamoPutItem};
/// use rcdk_storage::{Attribute, Table, TableProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
/// let put = DynamoPutItem::new("Save", &table)
///     .item("pk", V::string_path("$.id"))
///     .item("total", V::number_path("$.total"))
///     .condition_expression("attribute_not_exists(pk)");
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(put));
/// assert_eq!(flow.definition_json()["States"]["Save"]["Resource"], "arn:aws:states:::dynamodb:putItem");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("dynamodb:PutItem"));
/// ```
#[derive(Clone, Debug)]
pub struct DynamoPutItem {
    task: Task,
    table: TableRef,
    item: Vec<(String, DynamoAttributeValue)>,
    expr: Expressions,
}

impl DynamoPutItem {
    /// Writes the item set by [`item`](Self::item) into `table`.
    pub fn new(name: &str, table: &dyn ITable) -> DynamoPutItem {
        DynamoPutItem {
            task: Task::service(name, "dynamodb:putItem"),
            table: TableRef::of(table),
            item: Vec::new(),
            expr: Expressions::default(),
        }
    }

    /// An attribute of `Item` (the key attributes among them).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoPutItem::new("Save", &table)
    ///     .item("pk", rcdk_orchestration_tasks::DynamoAttributeValue::string_path("$.id"));
    /// ```
    pub fn item(mut self, attribute: &str, value: DynamoAttributeValue) -> Self {
        self.item.retain(|(a, _)| a != attribute);
        self.item.push((attribute.to_owned(), value));
        self
    }

    condition_method!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoPutItem::new("Save", &table);"#
    );

    expression_methods!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoPutItem::new("Save", &table);"#
    );

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoPutItem::new("Save", &table);"#
    );
}

impl From<DynamoPutItem> for Chain {
    fn from(d: DynamoPutItem) -> Chain {
        let mut errors = Vec::new();
        let mut p: Vec<(&str, Value)> = vec![("TableName", d.table.name.into())];
        if d.item.is_empty() {
            errors.push(
                "Item is empty; give its attributes, the key among them, with item(\"pk\", DynamoAttributeValue::string_path(\"$.id\"))"
                    .to_owned(),
            );
        }
        p.push(("Item", attribute_map(&d.item)));
        d.expr.write(&mut p, &mut errors);
        let key = d.table.key.map(|k| (k, &KEY_WRITE[..]));
        finish(
            d.task,
            "DynamoPutItem",
            p,
            errors,
            "dynamodb:PutItem",
            vec![d.table.arn],
            key,
        )
    }
}

/// A Task changing attributes of one item
/// (`arn:${AWS::Partition}:states:::dynamodb:updateItem`) with an
/// `UpdateExpression`. The role may `dynamodb:UpdateItem` on that table
/// only (and write with its customer managed key), as the AWS CDK's
/// `DynamoUpdateItem`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::{DynamoAttributeValue as V, DynamoUpdateItem};
/// use rcdk_storage::{Attribute, Table, TableProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
/// let update = DynamoUpdateItem::new("Ship", &table)
///     .key("pk", V::string_path("$.id"))
///     .update_expression("SET #s = :shipped")
///     .expression_attribute_name("#s", "status")
///     .expression_attribute_value(":shipped", V::string("shipped"));
/// StateMachine::new(&stack, "Flow", StateMachineProps::new(update));
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("dynamodb:UpdateItem"));
/// ```
#[derive(Clone, Debug)]
pub struct DynamoUpdateItem {
    task: Task,
    table: TableRef,
    key: Vec<(String, DynamoAttributeValue)>,
    expr: Expressions,
}

impl DynamoUpdateItem {
    /// Updates the item of `table` with the key set by [`key`](Self::key),
    /// as [`update_expression`](Self::update_expression) says.
    pub fn new(name: &str, table: &dyn ITable) -> DynamoUpdateItem {
        DynamoUpdateItem {
            task: Task::service(name, "dynamodb:updateItem"),
            table: TableRef::of(table),
            key: Vec::new(),
            expr: Expressions::default(),
        }
    }

    key_method!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoUpdateItem::new("Ship", &table);"#
    );

    /// `UpdateExpression` (required).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoUpdateItem::new("Count", &table).update_expression("ADD visits :one");
    /// ```
    pub fn update_expression(mut self, expression: &str) -> Self {
        self.expr.set("UpdateExpression", expression);
        self
    }

    condition_method!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoUpdateItem::new("Ship", &table);"#
    );

    expression_methods!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoUpdateItem::new("Ship", &table);"#
    );

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoUpdateItem::new("Ship", &table);"#
    );
}

impl From<DynamoUpdateItem> for Chain {
    fn from(u: DynamoUpdateItem) -> Chain {
        let mut errors = Vec::new();
        let mut p: Vec<(&str, Value)> = vec![("TableName", u.table.name.into())];
        write_key(&u.key, &mut p, &mut errors);
        if !u.expr.expressions.iter().any(|(f, _)| *f == "UpdateExpression") {
            errors.push(
                "DynamoUpdateItem has no UpdateExpression, so it changes nothing; set one such as update_expression(\"SET #s = :s\")"
                    .to_owned(),
            );
        }
        u.expr.write(&mut p, &mut errors);
        let key = u.table.key.map(|k| (k, &KEY_WRITE[..]));
        finish(
            u.task,
            "DynamoUpdateItem",
            p,
            errors,
            "dynamodb:UpdateItem",
            vec![u.table.arn],
            key,
        )
    }
}

/// A Task deleting one item (`arn:${AWS::Partition}:states:::dynamodb:deleteItem`).
/// The role may `dynamodb:DeleteItem` on that table only (and write with
/// its customer managed key), as the AWS CDK's `DynamoDeleteItem`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::{DynamoAttributeValue as V, DynamoDeleteItem};
/// use rcdk_storage::{Attribute, Table, TableProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
/// let delete = DynamoDeleteItem::new("Forget", &table).key("pk", V::string_path("$.id"));
/// StateMachine::new(&stack, "Flow", StateMachineProps::new(delete));
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("dynamodb:DeleteItem"));
/// ```
#[derive(Clone, Debug)]
pub struct DynamoDeleteItem {
    task: Task,
    table: TableRef,
    key: Vec<(String, DynamoAttributeValue)>,
    expr: Expressions,
}

impl DynamoDeleteItem {
    /// Deletes the item of `table` with the key set by [`key`](Self::key).
    pub fn new(name: &str, table: &dyn ITable) -> DynamoDeleteItem {
        DynamoDeleteItem {
            task: Task::service(name, "dynamodb:deleteItem"),
            table: TableRef::of(table),
            key: Vec::new(),
            expr: Expressions::default(),
        }
    }

    key_method!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoDeleteItem::new("Forget", &table);"#
    );

    condition_method!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoDeleteItem::new("Forget", &table);"#
    );

    expression_methods!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoDeleteItem::new("Forget", &table);"#
    );

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoDeleteItem::new("Forget", &table);"#
    );
}

impl From<DynamoDeleteItem> for Chain {
    fn from(d: DynamoDeleteItem) -> Chain {
        let mut errors = Vec::new();
        let mut p: Vec<(&str, Value)> = vec![("TableName", d.table.name.into())];
        write_key(&d.key, &mut p, &mut errors);
        d.expr.write(&mut p, &mut errors);
        let key = d.table.key.map(|k| (k, &KEY_WRITE[..]));
        finish(
            d.task,
            "DynamoDeleteItem",
            p,
            errors,
            "dynamodb:DeleteItem",
            vec![d.table.arn],
            key,
        )
    }
}

/// A Task querying a table or one of its indexes through the AWS SDK
/// integration (`arn:${AWS::Partition}:states:::aws-sdk:dynamodb:query`:
/// Step Functions has no optimized `query`). The role may `dynamodb:Query`
/// on that table, and on `<table>/index/<name>` of the index queried (not
/// every index, as the table's `grant_read_data` allows). The result is the
/// SDK's: `Items`, `Count`, `ScannedCount`, `LastEvaluatedKey` (the next
/// page's start, when there is one).
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::{DynamoAttributeValue as V, DynamoQuery};
/// use rcdk_storage::{Attribute, Table, TableProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
/// let query = DynamoQuery::new("Lines", &table)
///     .key_condition_expression("pk = :pk")
///     .expression_attribute_value(":pk", V::string_path("$.id"));
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(query));
/// assert_eq!(flow.definition_json()["States"]["Lines"]["Resource"], "arn:aws:states:::aws-sdk:dynamodb:query");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("dynamodb:Query"));
/// ```
#[derive(Clone, Debug)]
pub struct DynamoQuery {
    task: Task,
    table: TableRef,
    index: Option<String>,
    expr: Expressions,
    limit: Option<u32>,
    scan_index_forward: Option<bool>,
    consistent_read: Option<bool>,
}

impl DynamoQuery {
    /// Queries `table` with the condition set by
    /// [`key_condition_expression`](Self::key_condition_expression).
    pub fn new(name: &str, table: &dyn ITable) -> DynamoQuery {
        DynamoQuery {
            task: Task::service(name, "aws-sdk:dynamodb:query"),
            table: TableRef::of(table),
            index: None,
            expr: Expressions::default(),
            limit: None,
            scan_index_forward: None,
            consistent_read: None,
        }
    }

    /// `KeyConditionExpression` (required).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoQuery::new("Lines", &table).key_condition_expression("pk = :pk");
    /// ```
    pub fn key_condition_expression(mut self, expression: &str) -> Self {
        self.expr.set("KeyConditionExpression", expression);
        self
    }

    /// `IndexName`: queries that index (the grant then covers it).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoQuery::new("ByCustomer", &table).index_name("byCustomer");
    /// ```
    pub fn index_name(mut self, index: &str) -> Self {
        self.index = Some(index.to_owned());
        self
    }

    /// `FilterExpression`: which of the items found to return.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoQuery::new("Lines", &table).filter_expression("qty > :zero");
    /// ```
    pub fn filter_expression(mut self, expression: &str) -> Self {
        self.expr.set("FilterExpression", expression);
        self
    }

    /// `ProjectionExpression`: the attributes to read.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoQuery::new("Lines", &table).projection_expression("pk, qty");
    /// ```
    pub fn projection_expression(mut self, expression: &str) -> Self {
        self.expr.set("ProjectionExpression", expression);
        self
    }

    /// `Limit`: at most this many items evaluated.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoQuery::new("Lines", &table).limit(25);
    /// ```
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// `ScanIndexForward`: `false` reads the sort key descending.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoQuery::new("Latest", &table).scan_index_forward(false);
    /// ```
    pub fn scan_index_forward(mut self, forward: bool) -> Self {
        self.scan_index_forward = Some(forward);
        self
    }

    /// `ConsistentRead` (not on a global secondary index).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_storage::{Attribute, Table, TableProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let task = rcdk_orchestration_tasks::DynamoQuery::new("Lines", &table).consistent_read(true);
    /// ```
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = Some(consistent);
        self
    }

    expression_methods!(
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoQuery::new("Lines", &table);"#
    );

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_storage::{Attribute, Table, TableProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
let task = rcdk_orchestration_tasks::DynamoQuery::new("Lines", &table);"#
    );
}

impl From<DynamoQuery> for Chain {
    fn from(q: DynamoQuery) -> Chain {
        let mut errors = Vec::new();
        let mut p: Vec<(&str, Value)> = vec![("TableName", q.table.name.into())];
        if let Some(index) = &q.index {
            p.push(("IndexName", index.as_str().into()));
        }
        if !q.expr.expressions.iter().any(|(f, _)| *f == "KeyConditionExpression") {
            errors.push(
                "DynamoQuery has no KeyConditionExpression, which a query requires; set one such as key_condition_expression(\"pk = :pk\")"
                    .to_owned(),
            );
        }
        q.expr.write(&mut p, &mut errors);
        if let Some(limit) = q.limit {
            if limit == 0 {
                errors.push("Limit is 0, and DynamoDB takes at least 1; use limit(1) or more, or drop it".to_owned());
            }
            p.push(("Limit", limit.into()));
        }
        if let Some(forward) = q.scan_index_forward {
            p.push(("ScanIndexForward", forward.into()));
        }
        if let Some(c) = q.consistent_read {
            p.push(("ConsistentRead", c.into()));
        }
        let mut resources = vec![q.table.arn.clone()];
        if let Some(index) = &q.index {
            resources.push(cfn_format!("{}/index/{}", q.table.arn, index.as_str()));
        }
        let key = q.table.key.map(|k| (k, &KEY_READ[..]));
        finish(q.task, "DynamoQuery", p, errors, "dynamodb:Query", resources, key)
    }
}
