//! Logical IDs, computed exactly as the AWS CDK computes them, so a stack
//! built in rcdk with the same construct paths keeps a CDK stack's logical
//! IDs and can take it over without replacing resources.
//!
//! The rules: the path below the stack is the input. Components named
//! `Default` are dropped entirely. A single remaining component is used as is
//! (non-alphanumerics removed) when it fits in 255 characters. Otherwise the
//! ID is a human part (components without `Resource`, consecutive duplicates
//! removed, non-alphanumerics removed, cut to 240 characters) followed by the
//! first 8 hex digits, upper case, of the MD5 of the components joined by `/`.

use md5::{Digest, Md5};

const HIDDEN_ID: &str = "Default";
const HIDDEN_FROM_HUMAN_ID: &str = "Resource";
const HASH_LEN: usize = 8;
const MAX_HUMAN_LEN: usize = 240;
const MAX_ID_LEN: usize = 255;

/// The logical ID of an element whose path below its stack is `components`.
///
/// Returns `None` when every component is `Default` (no ID can be derived).
///
/// ```
/// use rcdk_core::logical_id::make_unique_id;
/// assert_eq!(make_unique_id(&["MyAwesomeness"]).unwrap(), "MyAwesomeness");
/// assert_eq!(make_unique_id(&["Parent", "Child", "Resource", "HeyThere"]).unwrap(), "ParentChildHeyThere35220347");
/// ```
pub fn make_unique_id<S: AsRef<str>>(components: &[S]) -> Option<String> {
    let components: Vec<&str> = components
        .iter()
        .map(AsRef::as_ref)
        .filter(|c| *c != HIDDEN_ID)
        .collect();
    if components.is_empty() {
        return None;
    }
    if components.len() == 1 {
        let candidate = remove_non_alphanumeric(components[0]);
        if candidate.len() <= MAX_ID_LEN {
            return Some(candidate);
        }
    }
    let hash = path_hash(&components);
    let mut human = String::with_capacity(64);
    for c in remove_dupes(&components)
        .into_iter()
        .filter(|c| *c != HIDDEN_FROM_HUMAN_ID)
    {
        human.extend(c.chars().filter(char::is_ascii_alphanumeric));
    }
    human.truncate(MAX_HUMAN_LEN);
    human.push_str(&hash);
    Some(human)
}

fn path_hash(components: &[&str]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut hasher = Md5::new();
    for (i, c) in components.iter().enumerate() {
        if i > 0 {
            hasher.update(b"/");
        }
        hasher.update(c.as_bytes());
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(HASH_LEN);
    for b in &digest[..HASH_LEN / 2] {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

fn remove_non_alphanumeric(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Drops a component when the one before it already ends with it
/// (`Bucket`, `Bucket` reads `Bucket` once in the human part).
fn remove_dupes<'a>(components: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for c in components {
        if out.last().is_none_or(|prev| !prev.ends_with(c)) {
            out.push(c);
        }
    }
    out
}

/// True when `id` is a valid CloudFormation logical ID: 1 to 255 ASCII letters and digits.
pub fn is_valid_logical_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID_LEN && id.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Vectors from the AWS CDK's own tests (core/test/logical-id.test.ts and
    // the cross-stack reference tests), so rcdk stays byte-compatible.
    #[test]
    fn top_level_ids_are_kept() {
        assert_eq!(make_unique_id(&["MyAwesomeness"]).unwrap(), "MyAwesomeness");
        assert_eq!(make_unique_id(&["x".repeat(255)]).unwrap(), "x".repeat(255));
        assert_eq!(make_unique_id(&["*y-".repeat(255)]).unwrap(), "y".repeat(255));
    }

    #[test]
    fn long_top_level_ids_are_trimmed_with_a_hash() {
        assert_eq!(
            make_unique_id(&["x".repeat(256)]).unwrap(),
            "x".repeat(240) + "C7A139A2"
        );
    }

    #[test]
    fn resource_is_hidden_from_the_human_part() {
        assert_eq!(
            make_unique_id(&["Parent", "Child", "Resource", "HeyThere"]).unwrap(),
            "ParentChildHeyThere35220347"
        );
    }

    #[test]
    fn default_is_transparent() {
        assert_eq!(
            make_unique_id(&["Parent", "Default", "HeyThere"]),
            make_unique_id(&["Parent", "HeyThere"])
        );
        assert_eq!(make_unique_id(&["Default"]), None);
    }

    #[test]
    fn non_alphanumerics_leave_the_human_part_but_not_the_hash() {
        assert_eq!(
            make_unique_id(&["Foo-bar", "B00m", "Hello_World", "&&Horray Horray."]).unwrap(),
            "FoobarB00mHelloWorldHorrayHorray640E99FB"
        );
        assert_eq!(
            make_unique_id(&["Foobar", "B00m", "HelloWorld", "HorrayHorray"]).unwrap(),
            "FoobarB00mHelloWorldHorrayHorray744334FD"
        );
        assert_eq!(make_unique_id(&["Foo-bar"]).unwrap(), "Foobar");
    }

    #[test]
    fn renamed_parent_example() {
        assert_eq!(
            make_unique_id(&["Parent", "ThingResource"]).unwrap(),
            "ParentThingResource75D1D9CB"
        );
        assert_eq!(
            make_unique_id(&["Parent", "ThingResource1"]).unwrap(),
            "ParentThingResource1916E7808"
        );
        assert_eq!(
            make_unique_id(&["Parent", "ThingResource2"]).unwrap(),
            "ParentThingResource2F19948CB"
        );
    }

    #[test]
    fn cross_stack_export_ids() {
        assert_eq!(
            make_unique_id(&["Exports", r#"Output{"Fn::GetAtt":["MyResource","Arn"]}"#]).unwrap(),
            "ExportsOutputFnGetAttMyResourceArnE157F485"
        );
    }

    #[test]
    fn consecutive_duplicates_read_once() {
        let id = make_unique_id(&["Bucket", "Bucket"]).unwrap();
        assert!(id.starts_with("Bucket") && id.len() == 6 + 8, "{id}");
    }

    #[test]
    fn long_paths_stay_within_limits() {
        let a = "a".repeat(100);
        let id1 = make_unique_id(&[a.as_str(), &a, &("b".repeat(60) + &"c".repeat(40))]).unwrap();
        let id2 = make_unique_id(&[a.as_str(), &a, &("b".repeat(60) + &"d".repeat(40))]).unwrap();
        assert!(id1.len() <= 255 && id2.len() <= 255);
        assert_ne!(id1, id2);
    }

    #[test]
    fn validity() {
        assert!(is_valid_logical_id("Abc123"));
        assert!(!is_valid_logical_id(""));
        assert!(!is_valid_logical_id("a-b"));
        assert!(!is_valid_logical_id(&"a".repeat(256)));
    }
}
