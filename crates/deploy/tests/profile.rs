//! Review row 49: a `--profile` that does not exist said "no AWS
//! credentials found" (and, with credentials in the environment, would have
//! been ignored). Its own test binary: it points the AWS config files
//! at temporary ones, which is process-wide.

use std::io::{Read, Write};

use rcdk_core::{App, Resource, StackProps, Value};
use rcdk_deploy::{AwsOptions, DeployError, Selection};

/// An endpoint that refuses every call at once (HTTP 400, not retried), so
/// a profile that passes the check fails there instead, without waiting.
fn refusing_endpoint() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 65536];
            let _request_bytes = s.read(&mut buf);
            s.write_all(b"HTTP/1.1 400 No\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno")
                .ok();
        }
    });
    endpoint
}

fn diff_with(profile: Option<&str>, endpoint: &str) -> Result<bool, DeployError> {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    let aws = AwsOptions {
        profile: profile.map(str::to_owned),
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.into()),
        ..AwsOptions::default()
    };
    rcdk_deploy::diff(&app.synth().unwrap(), &Selection::All, &aws, false, &mut Vec::new())
}

#[test]
fn a_profile_that_no_config_file_defines_is_named_in_the_error() {
    let dir = std::env::temp_dir().join(format!("rcdk-profile-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (config, credentials) = (dir.join("config"), dir.join("credentials"));
    std::fs::write(
        &config,
        "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n",
    )
    .unwrap();
    std::fs::write(&credentials, "[ci]\naws_access_key_id = a\naws_secret_access_key = b\n").unwrap();
    std::env::set_var("AWS_CONFIG_FILE", &config);
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &credentials);
    // Credentials in the environment must not hide the missing profile.
    std::env::set_var("AWS_ACCESS_KEY_ID", "testing");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "testing");
    std::env::remove_var("AWS_PROFILE");
    let ep = refusing_endpoint();

    let e = diff_with(Some("prod"), &ep).unwrap_err().to_string();
    assert_eq!(
        e,
        format!(
            "AWS profile \"prod\" (from --profile) is not defined in {} or {} (profiles: ci, default, dev); create it with `aws configure --profile prod` or `aws configure sso`, or name another",
            config.display(),
            credentials.display()
        )
    );

    std::env::set_var("AWS_PROFILE", "prdo");
    let e = diff_with(None, &ep).unwrap_err().to_string();
    assert!(
        e.starts_with("AWS profile \"prdo\" (from AWS_PROFILE) is not defined"),
        "{e}"
    );

    // Defined profiles, from either file, pass the check.
    for p in ["dev", "ci"] {
        let e = diff_with(Some(p), &ep).unwrap_err().to_string();
        assert!(e.contains("answered HTTP 400"), "{p}: {e}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
