//! The Pratt parser (top-down operator precedence, as jsonata-js's): turns
//! tokens into a parse tree ([`P`]), which [`super::ast`] then rewrites into
//! paths, predicates and bindings for evaluation.

use super::error::Error;
use super::lexer::{Lexer, Tok, Token};
use super::signature::Signature;

/// The deepest the parse tree may nest (brackets, operands, operator
/// chains such as `a + b + c`); deeper expressions fail with `S0001`, so
/// that no walk over the tree (rewriting, evaluating, dropping it) can
/// overflow the stack.
pub(crate) const MAX_NESTING: usize = 100;

/// A parse-tree node: what was written, before paths are assembled.
#[derive(Debug)]
pub(crate) struct P {
    pub kind: PK,
    pub pos: usize,
    /// `[]` followed this step: keep a singleton result an array.
    pub keep_array: bool,
    /// How deep the tree under this node is (1 for a leaf).
    pub depth: usize,
}

#[derive(Debug)]
pub(crate) enum PK {
    Name(String),
    Var(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Regex(String, String),
    Wildcard,
    Descendant,
    Parent,
    /// `?` as a function argument: partial application.
    Placeholder,
    /// Arithmetic, comparison, `&`, `and`, `or`, `in`, `.` and `..`.
    Binary(&'static str, Box<P>, Box<P>),
    Predicate(Box<P>, Box<P>),
    Group(Box<P>, Vec<(P, P)>),
    Sort(Box<P>, Vec<(bool, P)>),
    Focus(Box<P>, String),
    Index(Box<P>, String),
    Bind(String, Box<P>),
    Apply(Box<P>, Box<P>),
    Neg(Box<P>),
    Array(Vec<P>),
    Object(Vec<(P, P)>),
    Call(Box<P>, Vec<P>, bool),
    Lambda(Vec<String>, Option<Signature>, Box<P>),
    Cond(Box<P>, Box<P>, Option<Box<P>>),
    Block(Vec<P>),
    Transform(Box<P>, Box<P>, Option<Box<P>>),
}

impl P {
    fn new(kind: PK, pos: usize) -> P {
        let depth = 1 + children(&kind).map(|c| c.depth).max().unwrap_or(0);
        P {
            kind,
            pos,
            keep_array: false,
            depth,
        }
    }
}

/// The direct subtrees of a node.
fn children(kind: &PK) -> Box<dyn Iterator<Item = &P> + '_> {
    match kind {
        PK::Binary(_, a, b) | PK::Predicate(a, b) | PK::Apply(a, b) => Box::new([&**a, &**b].into_iter()),
        PK::Group(a, pairs) => Box::new(std::iter::once(&**a).chain(pairs.iter().flat_map(|(k, v)| [k, v]))),
        PK::Sort(a, terms) => Box::new(std::iter::once(&**a).chain(terms.iter().map(|(_, t)| t))),
        PK::Focus(a, _) | PK::Index(a, _) | PK::Bind(_, a) | PK::Neg(a) => Box::new(std::iter::once(&**a)),
        PK::Array(items) | PK::Block(items) => Box::new(items.iter()),
        PK::Object(pairs) => Box::new(pairs.iter().flat_map(|(k, v)| [k, v])),
        PK::Call(p, args, _) => Box::new(std::iter::once(&**p).chain(args.iter())),
        PK::Lambda(_, _, body) => Box::new(std::iter::once(&**body)),
        PK::Cond(a, b, c) | PK::Transform(a, b, c) => Box::new([&**a, &**b].into_iter().chain(c.as_deref())),
        _ => Box::new(std::iter::empty()),
    }
}

/// The left binding power of a token used as an infix operator.
fn lbp(tok: &Tok) -> u8 {
    match tok {
        Tok::Op(op) => match *op {
            "." => 75,
            "[" | "(" | "@" | "#" => 80,
            "{" => 70,
            "?" => 20,
            "+" | "-" | "&" => 50,
            "*" | "/" | "%" => 60,
            "=" | "<" | ">" | "^" | "!=" | "<=" | ">=" | "~>" | "in" => 40,
            ":=" => 10,
            "and" => 30,
            "or" => 25,
            _ => 0,
        },
        _ => 0,
    }
}

pub(crate) struct Parser {
    lexer: Lexer,
    node: Token,
    depth: usize,
}

/// Parses `source` into a parse tree.
pub(crate) fn parse(source: &str) -> Result<P, Error> {
    let mut lexer = Lexer::new(source);
    let node = lexer.next(true)?;
    let mut p = Parser { lexer, node, depth: 0 };
    let tree = p.expression(0)?;
    if p.node.tok != Tok::End {
        return Err(Error::new("S0201", p.node.position, describe(&p.node.tok)));
    }
    Ok(tree)
}

/// A token as JSONata's messages quote it.
pub(crate) fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Name(s) | Tok::Var(s) | Tok::Str(s) => s.clone(),
        Tok::Num(n) => n.to_string(),
        Tok::Bool(b) => b.to_string(),
        Tok::Null => "null".into(),
        Tok::Op(op) => (*op).into(),
        Tok::Regex(p, _) => format!("/{p}/"),
        Tok::End => "(end)".into(),
    }
}

impl Parser {
    /// Moves to the next token, checking the current one is `expect` if given.
    /// `infix`: an operand just ended, so a `/` next is division.
    fn advance(&mut self, expect: Option<&str>, infix: bool) -> Result<(), Error> {
        if let Some(id) = expect {
            if self.node.tok != Tok::Op(op_static(id)) {
                let (code, got) = if self.node.tok == Tok::End {
                    ("S0203", String::new())
                } else {
                    ("S0202", format!(", got {}", describe(&self.node.tok)))
                };
                let msg = if code == "S0203" {
                    format!("Expected {id:?} before end of expression")
                } else {
                    format!("Expected {id:?}{got}")
                };
                let mut e = Error::with_message(code, self.node.position, msg);
                e.token = Some(describe(&self.node.tok));
                return Err(e);
            }
        }
        self.node = self.lexer.next(!infix)?;
        if let Tok::Op(op @ ("!" | "~")) = self.node.tok {
            return Err(Error::new("S0204", self.node.position, op));
        }
        Ok(())
    }

    fn is(&self, op: &str) -> bool {
        matches!(self.node.tok, Tok::Op(o) if o == op)
    }

    pub(crate) fn expression(&mut self, rbp: u8) -> Result<P, Error> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(Error::with_message(
                "S0001",
                self.node.position,
                format!("The expression nests more than {MAX_NESTING} levels deep"),
            ));
        }
        let t = self.node.clone();
        self.advance(None, true)?;
        let mut left = self.nud(t)?;
        while rbp < lbp(&self.node.tok) {
            check_depth(&left)?;
            let t = self.node.clone();
            self.advance(None, false)?;
            left = self.led(t, left)?;
        }
        check_depth(&left)?;
        self.depth -= 1;
        Ok(left)
    }

    fn nud(&mut self, t: Token) -> Result<P, Error> {
        let pos = t.position;
        let kind = match t.tok {
            Tok::Name(s) => PK::Name(s),
            Tok::Var(s) => PK::Var(s),
            Tok::Str(s) => PK::Str(s),
            Tok::Num(n) => PK::Num(n),
            Tok::Bool(b) => PK::Bool(b),
            Tok::Null => PK::Null,
            Tok::Regex(p, f) => PK::Regex(p, f),
            Tok::End => return Err(Error::new("S0207", pos, "")),
            Tok::Op(op) => return self.prefix(op, pos),
        };
        Ok(P::new(kind, pos))
    }

    fn prefix(&mut self, op: &'static str, pos: usize) -> Result<P, Error> {
        let kind = match op {
            "and" | "or" | "in" => PK::Name(op.into()),
            "-" => PK::Neg(Box::new(self.expression(70)?)),
            "*" => PK::Wildcard,
            "**" => PK::Descendant,
            "%" => PK::Parent,
            "(" => {
                let mut items = Vec::new();
                while !self.is(")") {
                    items.push(self.expression(0)?);
                    if !self.is(";") {
                        break;
                    }
                    self.advance(Some(";"), false)?;
                }
                self.advance(Some(")"), true)?;
                PK::Block(items)
            }
            "[" => PK::Array(self.array_items()?),
            "{" => PK::Object(self.object_pairs()?),
            "|" => {
                let pattern = self.expression(0)?;
                self.advance(Some("|"), false)?;
                let update = self.expression(0)?;
                let delete = if self.is(",") {
                    self.advance(Some(","), false)?;
                    Some(Box::new(self.expression(0)?))
                } else {
                    None
                };
                self.advance(Some("|"), false)?;
                PK::Transform(Box::new(pattern), Box::new(update), delete)
            }
            _ => return Err(Error::new("S0211", pos, op)),
        };
        Ok(P::new(kind, pos))
    }

    fn array_items(&mut self) -> Result<Vec<P>, Error> {
        let mut items = Vec::new();
        if !self.is("]") {
            loop {
                let mut item = self.expression(0)?;
                if self.is("..") {
                    let pos = self.node.position;
                    self.advance(Some(".."), false)?;
                    let rhs = self.expression(0)?;
                    item = P::new(PK::Binary("..", Box::new(item), Box::new(rhs)), pos);
                }
                items.push(item);
                if !self.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("]"), true)?;
        Ok(items)
    }

    fn object_pairs(&mut self) -> Result<Vec<(P, P)>, Error> {
        let mut pairs = Vec::new();
        if !self.is("}") {
            loop {
                let k = self.expression(0)?;
                self.advance(Some(":"), false)?;
                let v = self.expression(0)?;
                pairs.push((k, v));
                if !self.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("}"), true)?;
        Ok(pairs)
    }

    fn led(&mut self, t: Token, left: P) -> Result<P, Error> {
        let pos = t.position;
        let Tok::Op(op) = t.tok else {
            return Err(Error::new("S0201", pos, describe(&t.tok)));
        };
        let bp = lbp(&t.tok);
        let kind = match op {
            "(" => return self.call(left, pos),
            "[" => {
                if self.is("]") {
                    let mut left = left;
                    mark_keep_array(&mut left);
                    self.advance(Some("]"), true)?;
                    return Ok(left);
                }
                let rhs = self.expression(0)?;
                self.advance(Some("]"), true)?;
                PK::Predicate(Box::new(left), Box::new(rhs))
            }
            "{" => PK::Group(Box::new(left), self.object_pairs()?),
            "^" => PK::Sort(Box::new(left), self.sort_terms()?),
            ":=" => {
                let PK::Var(name) = left.kind else {
                    return Err(Error::new("S0212", left.pos, ""));
                };
                PK::Bind(name, Box::new(self.expression(bp - 1)?))
            }
            "@" | "#" => {
                let rhs = self.expression(bp)?;
                let PK::Var(name) = rhs.kind else {
                    return Err(Error::new("S0214", rhs.pos, op));
                };
                if op == "@" {
                    PK::Focus(Box::new(left), name)
                } else {
                    PK::Index(Box::new(left), name)
                }
            }
            "?" => {
                let then = self.expression(0)?;
                let otherwise = if self.is(":") {
                    self.advance(Some(":"), false)?;
                    Some(Box::new(self.expression(0)?))
                } else {
                    None
                };
                PK::Cond(Box::new(left), Box::new(then), otherwise)
            }
            "~>" => PK::Apply(Box::new(left), Box::new(self.expression(bp)?)),
            _ => PK::Binary(op, Box::new(left), Box::new(self.expression(bp)?)),
        };
        Ok(P::new(kind, pos))
    }

    fn sort_terms(&mut self) -> Result<Vec<(bool, P)>, Error> {
        self.advance(Some("("), false)?;
        let mut terms = Vec::new();
        loop {
            let mut descending = false;
            if self.is("<") {
                self.advance(Some("<"), false)?;
            } else if self.is(">") {
                descending = true;
                self.advance(Some(">"), false)?;
            }
            terms.push((descending, self.expression(0)?));
            if !self.is(",") {
                break;
            }
            self.advance(Some(","), false)?;
        }
        self.advance(Some(")"), true)?;
        Ok(terms)
    }

    fn call(&mut self, procedure: P, pos: usize) -> Result<P, Error> {
        let mut args = Vec::new();
        let mut partial = false;
        if !self.is(")") {
            loop {
                if self.is("?") {
                    partial = true;
                    args.push(P::new(PK::Placeholder, self.node.position));
                    self.advance(Some("?"), false)?;
                } else {
                    args.push(self.expression(0)?);
                }
                if !self.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some(")"), true)?;
        let is_lambda = matches!(&procedure.kind, PK::Name(n) if n == "function" || n == "λ");
        if !is_lambda {
            return Ok(P::new(PK::Call(Box::new(procedure), args, partial), pos));
        }
        let mut params = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            match a.kind {
                PK::Var(v) => params.push(v),
                _ => return Err(Error::new("S0208", a.pos, (i + 1).to_string())),
            }
        }
        let signature = if self.is("<") { Some(self.signature()?) } else { None };
        self.advance(Some("{"), false)?;
        let body = self.expression(0)?;
        self.advance(Some("}"), true)?;
        Ok(P::new(PK::Lambda(params, signature, Box::new(body)), pos))
    }

    /// Reads `<...>` from the source text (the lexer would split it into
    /// operators and names) and re-synchronizes the lexer after it.
    fn signature(&mut self) -> Result<Signature, Error> {
        let start = self.node.position - 1;
        let text = self.lexer.raw_from(start);
        let mut depth = 0;
        let mut end = None;
        for (i, c) in text.iter().enumerate() {
            match c {
                '<' => depth += 1,
                '>' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                '{' => break,
                _ => {}
            }
        }
        let Some(end) = end else {
            return Err(Error::with_message(
                "S0202",
                start,
                "Expected \">\" to end the function signature",
            ));
        };
        let sig: String = text[..=end].iter().collect();
        let signature = Signature::parse(&sig).map_err(|e| e.at(start))?;
        self.lexer.seek(start + end + 1);
        self.node = self.lexer.next(true)?;
        Ok(signature)
    }
}

fn check_depth(p: &P) -> Result<(), Error> {
    if p.depth > MAX_NESTING {
        return Err(Error::with_message(
            "S0001",
            p.pos,
            format!("The expression nests more than {MAX_NESTING} levels deep"),
        ));
    }
    Ok(())
}

/// `x[]`: marks the innermost step of `x` (under its predicates) to keep arrays.
fn mark_keep_array(p: &mut P) {
    let mut step = p;
    while let PK::Predicate(lhs, _) = &mut step.kind {
        step = lhs;
    }
    step.keep_array = true;
}

fn op_static(id: &str) -> &'static str {
    const ALL: &[&str] = &["(", ")", "[", "]", "{", "}", ",", ";", ":", "|", "?", "..", "<", ">"];
    ALL.iter().find(|o| **o == id).copied().unwrap_or("")
}
