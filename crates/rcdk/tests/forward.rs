//! An app's program hands the commands that talk to AWS to the `rcdk`
//! command line, naming itself as the app, or says how to install it. One
//! test in this binary: it changes the environment.

use rcdk::prelude::*;

fn app() -> App {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    Topic::new(&s, "Topic", TopicProps::default());
    app
}

fn run(args: &[&str]) -> (i32, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk::cli::run_with(&app(), &args, &mut out, &mut err, &mut |_| false);
    (code, String::from_utf8(err).unwrap())
}

#[test]
fn cloud_commands_go_to_the_rcdk_command_line() {
    // The only test in this binary: nothing else reads the environment meanwhile.
    std::env::remove_var("RCDK_CLI");
    std::env::set_var("PATH", "");
    let (code, err) = run(&["deploy", "--require-approval", "never"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`deploy` runs in the rcdk command line"), "{err}");
    assert!(err.contains("cargo install rcdk-cli"), "{err}");
    assert!(err.contains("rcdk deploy --app "), "{err}");

    #[cfg(unix)]
    {
        // A stand-in `rcdk` that records its arguments.
        let dir = std::env::temp_dir().join(format!("rcdk-forward-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = dir.join("rcdk");
        let record = dir.join("args");
        std::fs::write(
            &script,
            format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > {}\nexit 7\n", record.display()),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::env::set_var("RCDK_CLI", &script);
        let (code, err) = run(&["diff", "--fail"]);
        assert_eq!(code, 7, "the command line's exit code is the program's: {err}");
        let args = std::fs::read_to_string(&record).unwrap();
        let exe = std::env::current_exe().unwrap();
        assert_eq!(args, format!("diff\n--fail\n--app\n{}\n", exe.display()));
        // Local commands never go there.
        std::fs::remove_file(&record).unwrap();
        assert_eq!(run(&["list"]).0, 0);
        assert!(!record.exists());
    }
}
