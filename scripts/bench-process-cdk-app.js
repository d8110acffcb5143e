#!/usr/bin/env node
// The reference architecture (examples/lib.rs `call_microservice`) as an AWS
// CDK v2 app, for `scripts/bench-process --cdk`: the app
// scripts/cdk-fixtures/generate.js builds for the call_microservice fixture
// (real aws-cdk-lib from scripts/cdk-fixtures/node_modules, default feature
// flags, no version reporting), synthesized into a temporary cloud assembly;
// prints the stack's template as JSON, as the rcdk example prints YAML.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const { cdk, addCallMicroservice } = require('./cdk-fixtures/generate.js');

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcdk-bench-cdk-'));
try {
  const app = new cdk.App({ outdir, analyticsReporting: false });
  addCallMicroservice(app, 'CallMicroservice');
  const assembly = app.synth();
  process.stdout.write(JSON.stringify(assembly.getStackByName('CallMicroservice').template, null, 1) + '\n');
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
