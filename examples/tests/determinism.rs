//! Synthesis is a pure function of the program: the same bytes in one process
//! and across processes (whose hash seeds differ).

use std::process::Command;

fn render() -> String {
    let assembly = rcdk_examples::two_stacks().synth().expect("the example synthesizes");
    let mut out = String::new();
    for s in assembly.stacks() {
        out.push_str(&s.to_yaml());
        out.push_str(&s.to_json());
    }
    out.push_str(&serde_json::to_string(&assembly.manifest()).unwrap());
    out
}

const BEGIN: &str = "<<<RCDK-BEGIN>>>";
const END: &str = "<<<RCDK-END>>>";

/// Run by `same_bytes_across_processes` in a child process.
#[test]
fn child_prints_its_synthesis() {
    if std::env::var_os("RCDK_DETERMINISM_CHILD").is_some() {
        println!("{BEGIN}{}{END}", render());
    }
}

#[test]
fn same_bytes_within_a_process() {
    let first = render();
    for _ in 0..5 {
        assert_eq!(render(), first);
    }
}

#[test]
fn same_bytes_across_processes() {
    let exe = std::env::current_exe().unwrap();
    let mut outputs = Vec::new();
    for _ in 0..2 {
        let out = Command::new(&exe)
            .args([
                "--exact",
                "child_prints_its_synthesis",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("RCDK_DETERMINISM_CHILD", "1")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let start = text.find(BEGIN).expect("child printed its synthesis") + BEGIN.len();
        let end = text.find(END).unwrap();
        outputs.push(text[start..end].to_owned());
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], render());
}

#[test]
fn the_cloud_assembly_is_written_identically() {
    let dir = std::env::temp_dir().join(format!("rcdk-assembly-{}", std::process::id()));
    let read = |d: &std::path::Path| {
        let mut files: Vec<(String, String)> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    rcdk_examples::two_stacks()
        .synth()
        .unwrap()
        .write_to(&dir.join("a"))
        .unwrap();
    rcdk_examples::two_stacks()
        .synth()
        .unwrap()
        .write_to(&dir.join("b"))
        .unwrap();
    let (a, b) = (read(&dir.join("a")), read(&dir.join("b")));
    assert_eq!(a, b);
    let names: Vec<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Notifications.template.json",
            "Storage.template.json",
            "cdk.out",
            "manifest.json",
            // What rcdk wrote, so a later write removes only its own stale templates.
            "rcdk-written.json"
        ]
    );
    let manifest: serde_json::Value = serde_json::from_str(&a[3].1).unwrap();
    assert_eq!(
        manifest["artifacts"]["Notifications"]["dependencies"],
        serde_json::json!(["Storage"])
    );
    assert_eq!(manifest["artifacts"]["Storage"]["type"], "aws:cloudformation:stack");
    std::fs::remove_dir_all(&dir).ok();
}
