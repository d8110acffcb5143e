//! The commands that talk to AWS, through `rcdk-deploy`.

use std::io::Write;

use rcdk::cli::{
    print_warnings, Approval, AwsArgs, BootstrapArgs, Cli, Cloud, Command, DeployArgs, DeployMethod, ImportArgs,
};
use rcdk::Assembly;

/// Runs `diff`, `deploy`, `destroy` and `bootstrap` with `rcdk-deploy`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Deploy;

impl Cloud for Deploy {
    fn run(
        &mut self,
        cli: Cli,
        load: &mut dyn FnMut() -> Result<Assembly, String>,
        out: &mut dyn Write,
        err: &mut dyn Write,
        confirm: &mut dyn FnMut(&str) -> bool,
    ) -> Result<i32, String> {
        let options = aws_options(&cli.aws);
        let Some(command) = cli.command else { return Ok(0) };
        if let Command::Bootstrap(args) = command {
            return bootstrap(&args, &options, out);
        }
        let assembly = load()?;
        print_warnings(&assembly, err)?;
        cloud(&assembly, command, &options, out, confirm)
    }
}

fn aws_options(aws: &AwsArgs) -> rcdk_deploy::AwsOptions {
    rcdk_deploy::AwsOptions {
        profile: aws.profile.clone(),
        region: aws.region.clone(),
        endpoint_url: aws.endpoint_url.clone(),
        poll_interval: None,
        max_wait: None,
    }
}

/// `bootstrap`: creates or updates the bootstrap stack, or prints its template.
fn bootstrap(args: &BootstrapArgs, options: &rcdk_deploy::AwsOptions, out: &mut dyn Write) -> Result<i32, String> {
    let opts = rcdk_deploy::BootstrapOptions {
        qualifier: args.qualifier.clone(),
        toolkit_stack_name: args.toolkit_stack_name.clone(),
    };
    if args.show_template {
        out.write_all(rcdk_deploy::bootstrap_template().as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}"))?;
        return Ok(0);
    }
    rcdk_deploy::bootstrap(options, &opts, out).map_err(|e| e.to_string())?;
    Ok(0)
}

/// Runs `confirm` and remembers whether any answer was no, so that a
/// declined command can say which flag skips the question.
fn remembering_no<'a>(
    confirm: &'a mut dyn FnMut(&str) -> bool,
    declined: &'a std::cell::Cell<bool>,
) -> impl FnMut(&str) -> bool + 'a {
    move |question| {
        let yes = confirm(question);
        declined.set(declined.get() || !yes);
        yes
    }
}

/// The error of a `deploy` a question stopped, with the flag that skips it
/// (unless the error already names it).
fn deploy_declined(message: String) -> String {
    const SKIP: &str = "--require-approval never";
    if message.contains(SKIP) {
        message
    } else {
        format!("{message}: pass {SKIP} to deploy without asking")
    }
}

/// The error of a `destroy` that was declined: it asks once, before it
/// deletes anything.
const DESTROY_DECLINED: &str = "destroy declined; nothing was deleted: pass --force to delete without asking";

/// `diff`, `deploy` and `destroy`, through CloudFormation.
fn cloud(
    assembly: &Assembly,
    cmd: Command,
    options: &rcdk_deploy::AwsOptions,
    stdout: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<i32, String> {
    let options = options.clone();
    match cmd {
        Command::Diff { stacks, markdown, fail } => {
            let differs = rcdk_deploy::diff(assembly, &selection(stacks, false), &options, markdown, stdout)
                .map_err(|e| e.to_string())?;
            Ok(if fail && differs { 1 } else { 0 })
        }
        Command::Deploy(args) => deploy(assembly, args, &options, stdout, confirm),
        Command::Drift { stacks, fail } => {
            let drifted =
                rcdk_deploy::drift(assembly, &selection(stacks, false), &options, stdout).map_err(|e| e.to_string())?;
            Ok(if fail && drifted { 1 } else { 0 })
        }
        Command::Import(args) => import(assembly, args, &options, stdout, confirm),
        Command::Destroy { stacks, all, force } => {
            let declined = std::cell::Cell::new(false);
            let mut confirm = remembering_no(confirm, &declined);
            let sel = selection(stacks, all);
            rcdk_deploy::destroy(assembly, &sel, &options, force, stdout, &mut confirm).map_err(|e| {
                if declined.get() {
                    DESTROY_DECLINED.to_owned()
                } else {
                    e.to_string()
                }
            })?;
            Ok(0)
        }
        _ => Ok(0),
    }
}

/// The stacks `--stack` and `--all` chose.
fn selection(stacks: Vec<String>, all: bool) -> rcdk_deploy::Selection {
    use rcdk_deploy::Selection;
    if all {
        Selection::All
    } else if stacks.is_empty() {
        Selection::Default
    } else {
        Selection::Stacks(stacks)
    }
}

/// `deploy`.
fn deploy(
    assembly: &Assembly,
    args: DeployArgs,
    options: &rcdk_deploy::AwsOptions,
    stdout: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<i32, String> {
    let opts = rcdk_deploy::DeployOptions {
        method: match args.method {
            DeployMethod::Direct => rcdk_deploy::Method::Direct,
            _ => rcdk_deploy::Method::ChangeSet,
        },
        parameters: args.parameters,
        execute: !args.no_execute,
        require_approval: match args.require_approval {
            Approval::Never => rcdk_deploy::Approval::Never,
            _ => rcdk_deploy::Approval::Broadening,
        },
        concurrency: args.concurrency.get(),
        force: args.force,
        toolkit_stack_name: args.toolkit_stack_name,
    };
    let declined = std::cell::Cell::new(false);
    let mut confirm = remembering_no(confirm, &declined);
    let sel = selection(args.stacks, args.all);
    rcdk_deploy::deploy(assembly, &sel, options, &opts, stdout, &mut confirm).map_err(|e| {
        if declined.get() {
            deploy_declined(e.to_string())
        } else {
            e.to_string()
        }
    })?;
    Ok(0)
}

/// `import`: existing resources into one deployed stack.
fn import(
    assembly: &Assembly,
    args: ImportArgs,
    options: &rcdk_deploy::AwsOptions,
    stdout: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<i32, String> {
    let resource_mapping = match &args.resource_mapping {
        Some(path) => rcdk_deploy::load_resource_mapping(path).map_err(|e| e.to_string())?,
        None => Default::default(),
    };
    let opts = rcdk_deploy::ImportOptions {
        resource_mapping,
        skip: args.skip,
        require_approval: match args.require_approval {
            Approval::Never => rcdk_deploy::Approval::Never,
            _ => rcdk_deploy::Approval::Broadening,
        },
        execute: !args.no_execute,
        force: args.force,
    };
    let declined = std::cell::Cell::new(false);
    let mut confirm = remembering_no(confirm, &declined);
    let sel = selection(args.stack.into_iter().collect(), false);
    rcdk_deploy::import(assembly, &sel, options, &opts, stdout, &mut confirm).map_err(|e| {
        if declined.get() {
            "import declined; nothing was imported: pass --require-approval never to import without asking".to_owned()
        } else {
            e.to_string()
        }
    })?;
    Ok(0)
}
