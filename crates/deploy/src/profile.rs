//! Checks that a named AWS profile exists before anything else. Without
//! this check a misspelt `--profile` reads as "no AWS credentials found",
//! or, with credentials in the environment, is silently ignored (the
//! default chain tries the environment first), so the command runs as
//! someone else.

use std::path::PathBuf;

use crate::error::DeployError;

/// The profile a command names, and where the name came from.
fn named(flag: Option<&str>) -> Option<(String, &'static str)> {
    match flag {
        Some(p) => Some((p.to_owned(), "--profile")),
        None => std::env::var("AWS_PROFILE")
            .ok()
            .filter(|p| !p.is_empty())
            .map(|p| (p, "AWS_PROFILE")),
    }
}

/// The shared config and credentials files, where the SDK looks for them.
fn files() -> [PathBuf; 2] {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .unwrap_or_default();
    let at = |var: &str, default: &str| match std::env::var(var) {
        Ok(p) if p.starts_with("~/") => home.join(&p[2..]),
        Ok(p) if !p.is_empty() => PathBuf::from(p),
        _ => home.join(".aws").join(default),
    };
    [
        at("AWS_CONFIG_FILE", "config"),
        at("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
    ]
}

/// The profiles the config file (`[default]`, `[profile NAME]`) and the
/// credentials file (`[NAME]`) define, as the SDK reads them: other config
/// sections (`[sso-session ...]`, `[services ...]`, a bare `[NAME]`) are not
/// profiles.
pub(crate) fn defined(config: &str, credentials: &str) -> Vec<String> {
    let headers = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.trim().strip_prefix('['))
            .filter_map(|l| l.split(']').next())
            .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let mut names: Vec<String> = headers(config)
        .into_iter()
        .filter_map(|h| match h.strip_prefix("profile ") {
            Some(p) => Some(p.trim().to_owned()),
            None => (h == "default").then_some(h),
        })
        .collect();
    names.extend(headers(credentials));
    names.sort();
    names.dedup();
    names
}

/// Fails when the profile named by `--profile` or `AWS_PROFILE` is defined
/// in neither file. `default` always passes: the SDK does not require it.
pub(crate) fn check(flag: Option<&str>) -> Result<(), DeployError> {
    let Some((profile, from)) = named(flag) else {
        return Ok(());
    };
    if profile == "default" {
        return Ok(());
    }
    let [config, credentials] = files();
    let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap_or_default();
    let known = defined(&read(&config), &read(&credentials));
    if known.contains(&profile) {
        return Ok(());
    }
    Err(DeployError::NoSuchProfile {
        profile,
        from: from.to_owned(),
        files: vec![config.display().to_string(), credentials.display().to_string()],
        known,
    })
}

#[cfg(test)]
mod tests {
    use super::defined;

    #[test]
    fn profiles_are_read_as_the_sdk_reads_them() {
        let config = "\
[default]
region = us-east-1
[profile dev]
sso_session = corp
[ profile  spaced ]
[sso-session corp]
sso_region = eu-west-1
[services local]
[bare]
# [profile commented]
";
        let credentials = "[ci]\naws_access_key_id = x\n[dev]\n";
        assert_eq!(defined(config, credentials), ["ci", "default", "dev", "spaced"]);
        assert!(defined("", "").is_empty());
    }
}
