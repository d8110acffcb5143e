#!/usr/bin/env node
// The reference architecture (examples/lib.rs `call_microservice`) as an AWS
// CDK v2 app, for `scripts/bench-process --cdk`: builds it with the real
// aws-cdk-lib (from scripts/cdk-fixtures/node_modules, installed by
// scripts/cdk-fixtures/generate), synthesizes it into a temporary cloud
// assembly and prints the stack's template as JSON, which is what the rcdk
// example does in YAML. The app is the one scripts/cdk-fixtures/generate.js
// builds for the call_microservice fixture (aws-cdk-lib's default feature
// flags, no version reporting).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const cdkRequire = createRequire(path.join(__dirname, 'cdk-fixtures', 'package.json'));
const cdk = cdkRequire('aws-cdk-lib');
const ec2 = cdkRequire('aws-cdk-lib/aws-ec2');
const ecs = cdkRequire('aws-cdk-lib/aws-ecs');
const ecsPatterns = cdkRequire('aws-cdk-lib/aws-ecs-patterns');
const apigwv2 = cdkRequire('aws-cdk-lib/aws-apigatewayv2');
const { HttpAlbIntegration } = cdkRequire('aws-cdk-lib/aws-apigatewayv2-integrations');
const { HttpIamAuthorizer } = cdkRequire('aws-cdk-lib/aws-apigatewayv2-authorizers');
const sns = cdkRequire('aws-cdk-lib/aws-sns');
const sfn = cdkRequire('aws-cdk-lib/aws-stepfunctions');
const tasks = cdkRequire('aws-cdk-lib/aws-stepfunctions-tasks');

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcdk-bench-cdk-'));
try {
  const app = new cdk.App({ outdir, analyticsReporting: false });
  const stack = new cdk.Stack(app, 'CallMicroservice', {
    description: 'Call a microservice running on Fargate through API Gateway, from Step Functions',
  });

  // network
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  vpc.addFlowLog('FlowLog');

  // compute
  const cluster = new ecs.Cluster(stack, 'Cluster', {
    vpc,
    containerInsightsV2: ecs.ContainerInsights.ENABLED,
  });
  const service = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Service', {
    cluster,
    cpu: 512,
    memoryLimitMiB: 1024,
    desiredCount: 2,
    minHealthyPercent: 50,
    maxHealthyPercent: 200,
    circuitBreaker: { rollback: true },
    publicLoadBalancer: false,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('amazon/amazon-ecs-sample'),
      containerPort: 80,
    },
  });

  // api
  const vpcLink = new apigwv2.VpcLink(stack, 'VpcLink', { vpc });
  const api = new apigwv2.HttpApi(stack, 'Api');
  api.addRoutes({
    path: '/',
    methods: [apigwv2.HttpMethod.GET],
    integration: new HttpAlbIntegration('ServiceIntegration', service.listener, { vpcLink }),
    authorizer: new HttpIamAuthorizer(),
  });

  // messaging
  const topic = new sns.Topic(stack, 'Topic');

  // orchestration
  const call = new tasks.CallApiGatewayHttpApiEndpoint(stack, 'Call API', {
    apiId: api.apiId,
    apiStack: stack,
    method: tasks.HttpMethod.GET,
    authType: tasks.AuthType.IAM_ROLE,
  });
  const notify = (id, message) =>
    new tasks.SnsPublish(stack, id, { topic, message: sfn.TaskInput.fromText(message) });
  const definition = call.next(
    new sfn.Choice(stack, 'Call Successful?')
      .when(sfn.Condition.numberEquals('$.StatusCode', 200), notify('Notify Success', 'Call was successful'))
      .otherwise(notify('Notify Failure', 'Call was not successful')),
  );
  new sfn.StateMachine(stack, 'StateMachine', {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
    comment: 'Calling APIGW HTTP Endpoint',
  });

  const assembly = app.synth();
  process.stdout.write(JSON.stringify(assembly.getStackByName('CallMicroservice').template, null, 1) + '\n');
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
