#!/usr/bin/env node
// Extracts the externally visible contract of the AWS CDK's bootstrap template
// (the `CDKToolkit` stack that `cdk bootstrap` deploys) from the aws-cdk CLI
// package pinned in package-lock.json, and writes it to
// crates/deploy/bootstrap/cdk-contract.json. rcdk's own bootstrap template
// (crates/deploy/bootstrap/template.json) is checked against that file by
// crates/deploy/tests/bootstrap_template.rs, so tests never need Node.
//
// The contract is what the CDK CLI and CDK apps rely on, not the template:
//   - parameters: type, default and allowed values (the CLI passes them by
//     name and keeps previous values; BootstrapVariant's default must match);
//   - condition names;
//   - resources: logical ID, type, condition, deletion policies and the
//     properties that fix a physical name (role, bucket, repository, ...);
//   - outputs: value and export name;
//   - the bootstrap version (SSM parameter value = BootstrapVersion output).
//
//   node bootstrap-contract.js           write the contract
//   node bootstrap-contract.js --check   write nothing; exit 1 if it would change
'use strict';

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const CLI_DIR = path.dirname(require.resolve('aws-cdk/package.json'));
const CLI_VERSION = require('aws-cdk/package.json').version;
const TEMPLATE_REL = 'lib/api/bootstrap/bootstrap-template.yaml';
const OUT_FILE = path.resolve(__dirname, '..', '..', 'crates', 'deploy', 'bootstrap', 'cdk-contract.json');

// The property that holds each resource type's physical name. A type missing
// here is an error: decide what its name property is before accepting it.
const NAME_PROPERTIES = {
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::IAM::Policy': ['PolicyName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::ECR::Repository': ['RepositoryName'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::KMS::Key': [],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::S3::BucketPolicy': [],
  'AWS::SSM::Parameter': ['Name'],
};

// The resource and output that carry the bootstrap version (names the CLI
// hard-codes: BOOTSTRAP_VERSION_RESOURCE and BOOTSTRAP_VERSION_OUTPUT).
const VERSION_RESOURCE = 'CdkBootstrapVersion';
const VERSION_OUTPUT = 'BootstrapVersion';

function fail(msg) {
  console.error(`bootstrap-contract: ${msg}`);
  process.exit(2);
}

// Deep copy with object keys sorted, so the output is byte-stable.
function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = sorted(value[k]);
    return out;
  }
  return value;
}

function contractOf(template) {
  const parameters = {};
  for (const [name, p] of Object.entries(template.Parameters ?? {})) {
    const entry = { type: p.Type };
    if ('Default' in p) entry.default = String(p.Default);
    if (p.AllowedValues) entry.allowed_values = p.AllowedValues.map(String);
    if (p.AllowedPattern) entry.allowed_pattern = p.AllowedPattern;
    parameters[name] = entry;
  }

  const resources = {};
  for (const [id, r] of Object.entries(template.Resources ?? {})) {
    if (!(r.Type in NAME_PROPERTIES)) {
      fail(`resource ${id} has type ${r.Type}, which NAME_PROPERTIES does not know; add it`);
    }
    const entry = { type: r.Type, physical_name: {} };
    if (r.Condition) entry.condition = r.Condition;
    if (r.DeletionPolicy) entry.deletion_policy = r.DeletionPolicy;
    if (r.UpdateReplacePolicy) entry.update_replace_policy = r.UpdateReplacePolicy;
    for (const prop of NAME_PROPERTIES[r.Type]) {
      const v = r.Properties?.[prop];
      if (v === undefined) fail(`resource ${id} (${r.Type}) has no ${prop}`);
      entry.physical_name[prop] = v;
    }
    resources[id] = entry;
  }

  const outputs = {};
  for (const [name, o] of Object.entries(template.Outputs ?? {})) {
    const entry = { value: o.Value };
    if (o.Export) entry.export = o.Export.Name;
    outputs[name] = entry;
  }

  const ssmVersion = template.Resources?.[VERSION_RESOURCE]?.Properties?.Value;
  const outputVersion = template.Outputs?.[VERSION_OUTPUT]?.Value;
  if (typeof ssmVersion !== 'string' || ssmVersion !== outputVersion) {
    fail(`version mismatch: ${VERSION_RESOURCE}.Value=${JSON.stringify(ssmVersion)}, output ${VERSION_OUTPUT}=${JSON.stringify(outputVersion)}`);
  }

  return {
    conditions: Object.keys(template.Conditions ?? {}).sort(),
    outputs,
    parameters,
    resources,
    version: ssmVersion,
  };
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length) fail(`unknown arguments: ${unknown.join(' ')}`);

  const file = path.join(CLI_DIR, TEMPLATE_REL);
  const text = fs.readFileSync(file, 'utf8');
  const template = YAML.parse(text);
  const contract = {
    generated_by: `aws-cdk ${CLI_VERSION}, ${TEMPLATE_REL} (scripts/cdk-fixtures/bootstrap-contract.js)`,
    ...contractOf(template),
  };
  const json = JSON.stringify(sorted(contract), null, 2) + '\n';

  const current = fs.existsSync(OUT_FILE) ? fs.readFileSync(OUT_FILE, 'utf8') : null;
  if (check) {
    if (current !== json) {
      console.error(`${path.relative(process.cwd(), OUT_FILE)} is out of date; run scripts/cdk-fixtures/bootstrap-contract.js`);
      process.exit(1);
    }
    console.log(`up to date (bootstrap version ${contract.version}, aws-cdk ${CLI_VERSION})`);
    return;
  }
  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  fs.writeFileSync(OUT_FILE, json);
  console.log(`wrote ${path.relative(process.cwd(), OUT_FILE)} (bootstrap version ${contract.version}, aws-cdk ${CLI_VERSION})`);
}

main();
