//! The evaluable tree: jsonata-js's `processAST` pass, which turns the parse
//! tree into paths of steps, attaches predicates, grouping and sorting to
//! their steps, resolves the parent operator `%` to the step it names, and
//! marks tail calls so that recursion in tail position runs in a loop.

use super::error::Error;
use super::parser::{P, PK};
use super::regex::Regex;
use super::signature::Signature;

/// The deepest the tree may nest; deeper fails with `S0001`, so that no
/// walk over it (this pass, evaluation) can overflow the stack.
const MAX_DEPTH: usize = 300;

#[derive(Debug)]
pub(crate) struct Node {
    pub kind: Kind,
    pub position: usize,
    pub keep_array: bool,
    /// An array constructor at the start or end of a path: its result is
    /// kept as one value, not flattened into the path's sequence.
    pub cons_array: bool,
    /// Filters on an expression that is not a path step.
    pub predicate: Vec<Stage>,
    /// Filters and `#$i` bindings on a path step.
    pub stages: Vec<Stage>,
    pub group: Option<Box<Group>>,
    /// `step@$x`: binds the step's value to `$x` and keeps the context.
    pub focus: Option<String>,
    /// `step#$i`: binds the position in the step to `$i`.
    pub index: Option<String>,
    /// This step (or path) runs as a tuple stream, carrying bindings.
    pub tuple: bool,
    /// The parent slot whose label this step binds to its input.
    pub ancestor: Option<usize>,
    /// `[]` on a step: the path's result stays an array even with one item.
    pub keep_singleton_array: bool,
    seeking_parent: Vec<usize>,
}

#[derive(Debug)]
pub(crate) enum Stage {
    Filter(Node),
    Index(String),
}

#[derive(Debug)]
pub(crate) struct Group {
    pub pairs: Vec<(Node, Node)>,
    pub position: usize,
}

#[derive(Debug)]
pub(crate) struct Lambda {
    pub params: Vec<String>,
    pub signature: Option<Signature>,
    pub body: Node,
    /// A tail call wrapped for the trampoline in `apply`.
    pub thunk: bool,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Path(Vec<Node>),
    Binary(&'static str, Box<Node>, Box<Node>),
    Neg(Box<Node>),
    Array(Vec<Node>),
    Object(Vec<(Node, Node)>),
    Name(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Wildcard,
    Descendant,
    /// `%`: the slot whose label the ancestor step binds.
    Parent(usize),
    Cond(Box<Node>, Box<Node>, Option<Box<Node>>),
    Block(Vec<Node>),
    Bind(String, Box<Node>),
    Regex(Box<Regex>),
    Call(Box<Node>, Vec<Node>),
    Partial(Box<Node>, Vec<Node>),
    Placeholder,
    Variable(String),
    Lambda(Box<Lambda>),
    Apply(Box<Node>, Box<Node>),
    Transform(Box<Node>, Box<Node>, Option<Box<Node>>),
    Sort(Vec<(bool, Node)>),
}

impl Node {
    fn new(kind: Kind, position: usize) -> Node {
        Node {
            kind,
            position,
            keep_array: false,
            cons_array: false,
            predicate: Vec::new(),
            stages: Vec::new(),
            group: None,
            focus: None,
            index: None,
            tuple: false,
            ancestor: None,
            keep_singleton_array: false,
            seeking_parent: Vec::new(),
        }
    }

    fn is_path(&self) -> bool {
        matches!(self.kind, Kind::Path(_))
    }

    fn is_array_constructor(&self) -> bool {
        matches!(self.kind, Kind::Array(_))
    }
}

/// A parent slot: how many steps up it still has to go, and the label its
/// value is bound under.
struct Slot {
    label: usize,
    level: i32,
}

/// Rewrites a parse tree. Returns the tree and each parent slot's label.
pub(crate) fn process(tree: P) -> Result<(Node, Vec<usize>), Error> {
    let mut pr = Processor {
        slots: Vec::new(),
        depth: 0,
    };
    let node = pr.process(tree)?;
    if matches!(node.kind, Kind::Parent(_)) || !node.seeking_parent.is_empty() {
        return Err(Error::new("S0217", node.position, "parent"));
    }
    Ok((node, pr.slots.iter().map(|s| s.label).collect()))
}

struct Processor {
    slots: Vec<Slot>,
    depth: usize,
}

impl Processor {
    fn process(&mut self, p: P) -> Result<Node, Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::with_message(
                "S0001",
                p.pos,
                format!("The expression nests more than {MAX_DEPTH} levels deep"),
            ));
        }
        let keep_array = p.keep_array;
        let mut result = match p.kind {
            PK::Focus(lhs, name) => self.focus(*lhs, name, p.pos, keep_array)?,
            PK::Name(name) => {
                let mut step = Node::new(Kind::Name(name), p.pos);
                step.keep_array = keep_array;
                let mut path = Node::new(Kind::Path(vec![step]), p.pos);
                path.keep_singleton_array = keep_array;
                path
            }
            kind => self.process_kind(kind, p.pos)?,
        };
        if keep_array {
            result.keep_array = true;
        }
        self.depth -= 1;
        Ok(result)
    }

    fn boxed(&mut self, p: P) -> Result<Box<Node>, Error> {
        Ok(Box::new(self.process(*Box::new(p))?))
    }

    fn process_kind(&mut self, kind: PK, pos: usize) -> Result<Node, Error> {
        // The node whose ancestry (`%` slots still looking for their step)
        // the children's adds to; its kind is set once they are processed.
        let mut n = Node::new(Kind::Null, pos);
        n.kind = match kind {
            PK::Binary(".", lhs, rhs) => return self.path(*lhs, *rhs),
            PK::Predicate(lhs, rhs) => return self.predicate(*lhs, *rhs, pos),
            PK::Group(lhs, pairs) => return self.group(*lhs, pairs, pos),
            PK::Sort(lhs, terms) => return self.sort(*lhs, terms, pos),
            PK::Index(lhs, name) => return self.index(*lhs, name),
            PK::Neg(e) => return self.negation(*e, pos),
            PK::Apply(lhs, rhs) => {
                let (lhs, rhs) = (self.boxed(*lhs)?, self.boxed(*rhs)?);
                n.keep_array = lhs.keep_array || rhs.keep_array;
                Kind::Apply(lhs, rhs)
            }
            PK::Bind(name, rhs) => Kind::Bind(name, self.child(&mut n, *rhs)?),
            PK::Binary(op, lhs, rhs) => Kind::Binary(op, self.child(&mut n, *lhs)?, self.child(&mut n, *rhs)?),
            PK::Array(items) => Kind::Array(self.children(&mut n, items)?),
            PK::Object(pairs) => Kind::Object(self.pairs(pairs, Some(&mut n))?),
            PK::Call(procedure, args, partial) => {
                let args = self.children(&mut n, args)?;
                let procedure = self.boxed(*procedure)?;
                if partial {
                    Kind::Partial(procedure, args)
                } else {
                    Kind::Call(procedure, args)
                }
            }
            PK::Lambda(params, signature, body) => {
                let body = tail_call_optimize(self.process(*body)?);
                Kind::Lambda(Box::new(Lambda {
                    params,
                    signature,
                    body,
                    thunk: false,
                }))
            }
            PK::Cond(c, t, e) => {
                let (c, t) = (self.child(&mut n, *c)?, self.child(&mut n, *t)?);
                let e = match e {
                    Some(e) => Some(self.child(&mut n, *e)?),
                    None => None,
                };
                Kind::Cond(c, t, e)
            }
            PK::Transform(pattern, update, delete) => {
                let (pattern, update) = (self.boxed(*pattern)?, self.boxed(*update)?);
                let delete = match delete {
                    Some(d) => Some(self.boxed(*d)?),
                    None => None,
                };
                Kind::Transform(pattern, update, delete)
            }
            PK::Block(items) => {
                let items = self.children(&mut n, items)?;
                n.cons_array = items.iter().any(|part| match &part.kind {
                    Kind::Path(steps) => part.cons_array || steps[0].cons_array,
                    _ => part.cons_array,
                });
                Kind::Block(items)
            }
            PK::Parent => {
                let id = self.slots.len();
                self.slots.push(Slot { label: id, level: 1 });
                Kind::Parent(id)
            }
            PK::Str(s) => Kind::Str(s),
            PK::Num(v) => Kind::Num(v),
            PK::Bool(b) => Kind::Bool(b),
            PK::Null => Kind::Null,
            PK::Wildcard => Kind::Wildcard,
            PK::Descendant => Kind::Descendant,
            PK::Var(v) => Kind::Variable(v),
            PK::Placeholder => Kind::Placeholder,
            PK::Regex(pattern, flags) => Kind::Regex(Box::new(Regex::new(&pattern, &flags, pos)?)),
            PK::Name(_) | PK::Focus(..) => unreachable!("handled in process"),
        };
        Ok(n)
    }

    /// Processes a child of `parent`, passing its ancestry up.
    fn child(&mut self, parent: &mut Node, p: P) -> Result<Box<Node>, Error> {
        let c = self.process(p)?;
        push_ancestry(parent, &c);
        Ok(Box::new(c))
    }

    fn children(&mut self, parent: &mut Node, items: Vec<P>) -> Result<Vec<Node>, Error> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let c = self.process(item)?;
            push_ancestry(parent, &c);
            out.push(c);
        }
        Ok(out)
    }

    /// `-x`; a negated number literal is folded into the literal.
    fn negation(&mut self, e: P, pos: usize) -> Result<Node, Error> {
        let e = self.process(e)?;
        if let Kind::Num(v) = e.kind {
            let mut n = e;
            n.kind = Kind::Num(-v);
            return Ok(n);
        }
        let mut n = Node::new(Kind::Null, pos);
        push_ancestry(&mut n, &e);
        n.kind = Kind::Neg(Box::new(e));
        Ok(n)
    }

    /// `step{k: v}`: grouping on a step.
    fn group(&mut self, lhs: P, pairs: Vec<(P, P)>, pos: usize) -> Result<Node, Error> {
        let mut result = self.process(lhs)?;
        if result.group.is_some() {
            return Err(Error::new("S0210", pos, ""));
        }
        let pairs = self.pairs(pairs, None)?;
        result.group = Some(Box::new(Group { pairs, position: pos }));
        Ok(result)
    }

    fn pairs(&mut self, pairs: Vec<(P, P)>, mut owner: Option<&mut Node>) -> Result<Vec<(Node, Node)>, Error> {
        let mut out = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            let k = self.process(k)?;
            let v = self.process(v)?;
            if let Some(o) = owner.as_deref_mut() {
                push_ancestry(o, &k);
                push_ancestry(o, &v);
            }
            out.push((k, v));
        }
        Ok(out)
    }

    /// `lhs.rhs`: one path of all the steps.
    fn path(&mut self, lhs: P, rhs: P) -> Result<Node, Error> {
        let lstep = self.process(lhs)?;
        let pos = lstep.position;
        let parent_slot = match lstep.kind {
            Kind::Parent(slot) => Some(slot),
            _ => None,
        };
        let mut result = if lstep.is_path() {
            lstep
        } else {
            Node::new(Kind::Path(vec![lstep]), pos)
        };
        if let Some(slot) = parent_slot {
            result.seeking_parent = vec![slot];
        }
        let mut rest = self.process(rhs)?;
        let Kind::Path(steps) = &mut result.kind else {
            unreachable!()
        };
        if let Kind::Path(more) = rest.kind {
            steps.extend(more);
        } else {
            if !rest.predicate.is_empty() {
                rest.stages = std::mem::take(&mut rest.predicate);
            }
            steps.push(rest);
        }
        for step in steps.iter_mut() {
            match &step.kind {
                Kind::Num(_) | Kind::Bool(_) | Kind::Null => {
                    let v = match &step.kind {
                        Kind::Num(n) => n.to_string(),
                        Kind::Bool(b) => b.to_string(),
                        _ => "null".into(),
                    };
                    return Err(Error::new("S0213", step.position, v));
                }
                Kind::Str(s) => step.kind = Kind::Name(s.clone()),
                _ => {}
            }
        }
        if steps.iter().any(|s| s.keep_array) {
            result.keep_singleton_array = true;
        }
        let Kind::Path(steps) = &mut result.kind else {
            unreachable!()
        };
        if steps[0].is_array_constructor() {
            steps[0].cons_array = true;
        }
        if let Some(last) = steps.last_mut().filter(|s| s.is_array_constructor()) {
            last.cons_array = true;
        }
        self.resolve_ancestry(&mut result)?;
        Ok(result)
    }

    fn predicate(&mut self, lhs: P, rhs: P, pos: usize) -> Result<Node, Error> {
        let mut result = self.process(lhs)?;
        let predicate = self.process(rhs)?;
        let in_path = result.is_path();
        let step = last_step(&mut result);
        if step.group.is_some() {
            return Err(Error::new("S0209", pos, ""));
        }
        if !predicate.seeking_parent.is_empty() {
            for &slot in &predicate.seeking_parent {
                if self.slots[slot].level == 1 {
                    self.seek_parent(step, slot)?;
                } else {
                    self.slots[slot].level -= 1;
                }
            }
            push_ancestry(step, &predicate);
        }
        let stage = Stage::Filter(predicate);
        if in_path {
            step.stages.push(stage);
        } else {
            step.predicate.push(stage);
        }
        Ok(result)
    }

    fn sort(&mut self, lhs: P, terms: Vec<(bool, P)>, pos: usize) -> Result<Node, Error> {
        let lhs = self.process(lhs)?;
        let mut result = if lhs.is_path() {
            lhs
        } else {
            Node::new(Kind::Path(vec![lhs]), pos)
        };
        let mut step = Node::new(Kind::Null, pos);
        let mut out = Vec::with_capacity(terms.len());
        for (descending, e) in terms {
            let e = self.process(e)?;
            push_ancestry(&mut step, &e);
            out.push((descending, e));
        }
        step.kind = Kind::Sort(out);
        if let Kind::Path(steps) = &mut result.kind {
            steps.push(step);
        }
        self.resolve_ancestry(&mut result)?;
        Ok(result)
    }

    fn focus(&mut self, lhs: P, name: String, pos: usize, keep: bool) -> Result<Node, Error> {
        let mut result = self.process(lhs)?;
        let step = last_step(&mut result);
        if !step.stages.is_empty() || !step.predicate.is_empty() {
            return Err(Error::new("S0215", pos, ""));
        }
        if matches!(step.kind, Kind::Sort(_)) {
            return Err(Error::new("S0216", pos, ""));
        }
        if keep {
            step.keep_array = true;
        }
        step.focus = Some(name);
        step.tuple = true;
        Ok(result)
    }

    fn index(&mut self, lhs: P, name: String) -> Result<Node, Error> {
        let mut result = self.process(lhs)?;
        if !result.is_path() {
            if !result.predicate.is_empty() {
                result.stages = std::mem::take(&mut result.predicate);
            }
            let pos = result.position;
            result = Node::new(Kind::Path(vec![result]), pos);
        }
        let step = last_step(&mut result);
        if step.stages.is_empty() {
            step.index = Some(name);
        } else {
            step.stages.push(Stage::Index(name));
        }
        step.tuple = true;
        Ok(result)
    }

    fn seek_parent(&mut self, node: &mut Node, slot: usize) -> Result<usize, Error> {
        match &mut node.kind {
            Kind::Name(_) | Kind::Wildcard => {
                self.slots[slot].level -= 1;
                if self.slots[slot].level == 0 {
                    if let Some(old) = node.ancestor {
                        self.slots[slot].label = self.slots[old].label;
                    }
                    node.ancestor = Some(slot);
                    node.tuple = true;
                }
            }
            Kind::Parent(_) => self.slots[slot].level += 1,
            Kind::Block(items) => {
                if let Some(last) = items.last_mut() {
                    let s = self.seek_parent(last, slot)?;
                    node.tuple = true;
                    return Ok(s);
                }
            }
            Kind::Path(steps) => {
                let mut index = steps.len() as isize - 1;
                let mut slot = self.seek_parent(&mut steps[index as usize], slot)?;
                index -= 1;
                while self.slots[slot].level > 0 && index >= 0 {
                    slot = self.seek_parent(&mut steps[index as usize], slot)?;
                    index -= 1;
                }
                node.tuple = true;
                return Ok(slot);
            }
            _ => return Err(Error::new("S0217", node.position, "parent")),
        }
        Ok(slot)
    }

    fn resolve_ancestry(&mut self, path: &mut Node) -> Result<(), Error> {
        let Kind::Path(steps) = &mut path.kind else {
            return Ok(());
        };
        let last = steps.len() - 1;
        let mut slots = steps[last].seeking_parent.clone();
        if let Kind::Parent(s) = steps[last].kind {
            slots.push(s);
        }
        let mut seeking = Vec::new();
        for mut slot in slots {
            let mut index = last as isize - 1;
            while self.slots[slot].level > 0 {
                if index < 0 {
                    seeking.push(slot);
                    break;
                }
                let mut i = index as usize;
                index -= 1;
                while index >= 0 && steps[i].focus.is_some() && steps[index as usize].focus.is_some() {
                    i = index as usize;
                    index -= 1;
                }
                slot = self.seek_parent(&mut steps[i], slot)?;
            }
        }
        path.seeking_parent.extend(seeking);
        Ok(())
    }
}

/// The step a predicate or binding attaches to: a path's last step, or the node itself.
fn last_step(node: &mut Node) -> &mut Node {
    if !node.is_path() {
        return node;
    }
    match &mut node.kind {
        Kind::Path(steps) => steps.last_mut().expect("a path has steps"),
        _ => unreachable!("checked to be a path"),
    }
}

fn push_ancestry(result: &mut Node, value: &Node) {
    result.seeking_parent.extend(value.seeking_parent.iter().copied());
    if let Kind::Parent(slot) = value.kind {
        result.seeking_parent.push(slot);
    }
}

/// Wraps calls in tail position in thunks, which `apply` runs in a loop.
fn tail_call_optimize(mut expr: Node) -> Node {
    match expr.kind {
        Kind::Call(..) if expr.predicate.is_empty() => {
            let pos = expr.position;
            Node::new(
                Kind::Lambda(Box::new(Lambda {
                    params: vec![],
                    signature: None,
                    body: expr,
                    thunk: true,
                })),
                pos,
            )
        }
        Kind::Cond(c, t, e) => {
            let t = Box::new(tail_call_optimize(*t));
            let e = e.map(|e| Box::new(tail_call_optimize(*e)));
            expr.kind = Kind::Cond(c, t, e);
            expr
        }
        Kind::Block(mut items) => {
            if let Some(last) = items.pop() {
                items.push(tail_call_optimize(last));
            }
            expr.kind = Kind::Block(items);
            expr
        }
        _ => expr,
    }
}

/// Adds the names of the variables `node` reads (`$name`) to `out`, so
/// that an evaluation converts only the bound values it can reach.
pub(crate) fn variables<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
    if let Kind::Variable(name) = &node.kind {
        if !out.contains(&name.as_str()) {
            out.push(name);
        }
    }
    for child in children(node) {
        variables(child, out);
    }
}

/// The direct subtrees of a node, its filters and grouping included.
fn children(node: &Node) -> Vec<&Node> {
    let mut out: Vec<&Node> = Vec::new();
    match &node.kind {
        Kind::Path(items) | Kind::Array(items) | Kind::Block(items) => out.extend(items),
        Kind::Binary(_, a, b) | Kind::Apply(a, b) => out.extend([&**a, &**b]),
        Kind::Neg(a) | Kind::Bind(_, a) => out.push(a),
        Kind::Object(pairs) => pairs.iter().for_each(|(k, v)| out.extend([k, v])),
        Kind::Cond(a, b, c) | Kind::Transform(a, b, c) => {
            out.extend([&**a, &**b]);
            out.extend(c.as_deref());
        }
        Kind::Call(p, args) | Kind::Partial(p, args) => {
            out.push(p);
            out.extend(args);
        }
        Kind::Lambda(l) => out.push(&l.body),
        Kind::Sort(terms) => out.extend(terms.iter().map(|(_, t)| t)),
        _ => {}
    }
    for stage in node.predicate.iter().chain(&node.stages) {
        if let Stage::Filter(p) = stage {
            out.push(p);
        }
    }
    if let Some(g) = &node.group {
        g.pairs.iter().for_each(|(k, v)| out.extend([k, v]));
    }
    out
}
