// Writes a cloud assembly with the real AWS CDK (aws-cdk-lib, pinned in
// package-lock.json) to crates/cli/tests/fixtures/cdk-assembly, so rcdk's
// tests read and deploy an assembly the CDK wrote without Node at test time.
// The sources of its assets are in crates/cli/tests/fixtures/cdk-app.
//   node assembly.js          (regenerates; run from this folder)
const fs = require('fs');
const path = require('path');
const { App, Stack, CfnOutput } = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const s3_assets = require('aws-cdk-lib/aws-s3-assets');
const ecr_assets = require('aws-cdk-lib/aws-ecr-assets');
const sns = require('aws-cdk-lib/aws-sns');

const fixtures = path.join(__dirname, '..', '..', 'crates', 'cli', 'tests', 'fixtures');
const inputs = path.join(fixtures, 'cdk-app');
const outdir = path.join(fixtures, 'cdk-assembly');
fs.rmSync(outdir, { recursive: true, force: true });

const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
const fn = new Stack(app, 'CdkFunction');
new lambda.Function(fn, 'Fn', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset(path.join(inputs, 'lambda')),
});
const notes = new s3_assets.Asset(fn, 'Notes', { path: path.join(inputs, 'notes.txt') });
new CfnOutput(fn, 'NotesUrl', { value: notes.s3ObjectUrl });

const image = new Stack(app, 'CdkImage', { env: { account: '123456789012', region: 'us-east-1' } });
const img = new ecr_assets.DockerImageAsset(image, 'Image', { directory: path.join(inputs, 'docker') });
new CfnOutput(image, 'ImageUri', { value: img.imageUri });
new sns.Topic(image, 'Topic');
image.addStackDependency(fn);
app.synth();
// The tree and the CDK's own metadata files are not part of what rcdk reads.
for (const f of fs.readdirSync(outdir)) {
  if (f === 'tree.json' || f === 'validation-report.json' || f.endsWith('.metadata.json')) fs.rmSync(path.join(outdir, f));
}
