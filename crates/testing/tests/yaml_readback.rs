//! Every string rcdk writes into YAML reads back as that string with a
//! YAML 1.1 reader (PyYAML, as CloudFormation and cfn-lint read YAML 1.1),
//! in keys and in values, in mappings and in sequences.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Strings a YAML 1.1 or 1.2 resolver, or the YAML syntax, would change.
#[rustfmt::skip]
const CORPUS: &[&str] = &[
    // booleans, every spelling
    "y", "Y", "n", "N", "yes", "Yes", "YES", "yEs", "no", "No", "NO", "true", "True", "TRUE", "tRUE",
    "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    // null
    "", "~", "null", "Null", "NULL", "nuLL",
    // integers
    "0", "7", "-0", "+12", "010", "0777", "08", "0o17", "0x1F", "0X1f", "-0x1F", "0b1010", "+0b11", "1_000",
    "1__0", "12:30:00", "190:20:30", "-1:30", "12345678901234567890123",
    // floats
    ".5", "1.", "-1.5", "+1.0", "1e3", "1E3", "1e+3", "1.0e-3", "-2E+05", "6.8523015e+5", "685.230_15e+03",
    "1_000.5", "190:20:30.15", ".inf", "-.inf", "+.INF", ".Inf", ".nan", ".NaN", ".NAN", "1.2.3", "10.0.0.1",
    "0.", "00.5",
    // timestamps
    "2010-09-09", "2012-10-17", "2008-10-17", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "2001-12-15T02:59:43.1Z", "2002-1-1", "2002-12-14 ",
    // merge and value keys
    "<<", "=",
    // indicators and syntax
    "-", "--", "---", "--- a", "...", "... a", "- a", "-a", "?", "? a", "?a", ":", ": a", ":a", "a:", "a: b",
    "a:b", "a :b", "#", "# a", "a #b", "a#b", "a,b", "[a]", "{a}", "a[b]", "&a", "*a", "!a", "!!str", "|", ">",
    "'", "''", "\"", "%a", "@a", "`a`", "a'b", "a\"b", "\\", "a\\nb", "{}", "[]", "a: ", "key: value # c",
    // whitespace and breaks
    " ", "  ", " a", "a ", " a ", "a  b", "\t", "a\tb", "\ta", "a\t", "\n", "\n\n", "a\n", "a\n\n", "\na", "a\nb",
    "a\n b", "a \nb", "a\n\nb", " a\nb", "a\nb ", "a\r\nb", "\r", "a\rb", "\u{85}", "a\u{85}b", "a\u{2028}b",
    "a\u{2029}b", "\u{2028}", "\u{feff}a", "a\u{0}b", "\u{7}", "\u{1b}[0m", "\u{7f}", "\u{a0}", "a\u{a0}",
    // unicode
    "é", "日本語", "😀", "a😀b", "\u{fffd}", "\u{e000}",
    // template-looking strings that must stay as they are
    "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:t", "kms:*", "*", "10.0.0.0/16", "Fn::GetAtt",
    "!Ref Foo", "!GetAtt A.B", "{{resolve:ssm:/a}}", "${AWS::Region}", "Ref",
];

fn document(strings: &[String]) -> Value {
    let as_keys: Map<String, Value> = strings.iter().map(|s| (s.clone(), json!(s))).collect();
    json!({
        "Values": strings,
        "Keys": as_keys,
        "Nested": strings.iter().map(|s| json!({"K": s, "L": [s, [s]], "M": {s.clone(): [s]}})).collect::<Vec<_>>(),
    })
}

fn assert_reads_back(strings: &[String]) {
    let doc = document(strings);
    let yaml = rcdk_core::yaml::to_string(&doc);
    if let Some(read) = rcdk_testing::read_yaml_1_1(ROOT, &yaml) {
        if read != doc {
            let read_back = read["Values"].as_array().cloned().unwrap_or_default();
            let wrong: Vec<_> = strings
                .iter()
                .zip(&read_back)
                .filter(|(s, r)| json!(s) != **r)
                .take(10)
                .collect();
            panic!("PyYAML read back other values; first differences (written, read): {wrong:?}\n{yaml}");
        }
    }
}

#[test]
fn the_corpus_reads_back_exactly() {
    assert_eq!(CORPUS.len(), 181, "the corpus changed size: update the count");
    let strings: Vec<String> = CORPUS.iter().map(|s| s.to_string()).collect();
    assert_reads_back(&strings);
}

#[test]
fn long_and_multi_line_keys_read_back() {
    assert_reads_back(&[
        "k".repeat(1500),
        format!("{}\n{}", "a".repeat(1100), "b"),
        "a\nb".into(),
    ]);
}

/// Pieces YAML gives a meaning, weighted above arbitrary characters.
fn tricky_string() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        3 => proptest::sample::select(vec![
            " ", "\t", "\n", "\r", ":", "#", "-", "?", "'", "\"", "\\", ",", "[", "]", "{", "}", "&", "*", "!",
            "|", ">", "%", "@", "`", ".", "~", "=", "<<", "0", "1", "9", "0x", "0o", "0b", "e", "E", "+", "_",
            "yes", "No", "ON", "y", "null", ".inf", ".nan", "2010-09-09", "12:30", "é", "😀", "\u{85}",
            "\u{2028}", "\u{2029}", "\u{feff}", "\u{0}",
        ])
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z0-9]{1,4}",
    ];
    proptest::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_read_back_exactly(strings in proptest::collection::vec(tricky_string(), 1..150)) {
        assert_reads_back(&strings);
    }
}
