#!/usr/bin/env node
// Synthesizes small AWS CDK v2 apps that mirror rcdk's constructs and examples
// and writes, for each app, the logical IDs (with type and construct path) of
// every resource and output into examples/tests/fixtures/cdk/<name>.json.
// rcdk's tests read those files; they never need Node. See README.md.
//
//   node generate.js            write every fixture
//   node generate.js --check    write nothing; exit 1 if a fixture would change
//   node generate.js NAME...    only the named apps (file names without .json)
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const cdk = require('aws-cdk-lib');
const cxapi = require('aws-cdk-lib/cx-api');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecs = require('aws-cdk-lib/aws-ecs');
const ecsPatterns = require('aws-cdk-lib/aws-ecs-patterns');
const elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2');
const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');
const { HttpAlbIntegration } = require('aws-cdk-lib/aws-apigatewayv2-integrations');
const { HttpIamAuthorizer } = require('aws-cdk-lib/aws-apigatewayv2-authorizers');
const sns = require('aws-cdk-lib/aws-sns');
const subs = require('aws-cdk-lib/aws-sns-subscriptions');
const sqs = require('aws-cdk-lib/aws-sqs');
const kms = require('aws-cdk-lib/aws-kms');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');
const iam = require('aws-cdk-lib/aws-iam');
const logs = require('aws-cdk-lib/aws-logs');
const ssm = require('aws-cdk-lib/aws-ssm');
const secretsmanager = require('aws-cdk-lib/aws-secretsmanager');
const acm = require('aws-cdk-lib/aws-certificatemanager');
const events = require('aws-cdk-lib/aws-events');
const eventsTargets = require('aws-cdk-lib/aws-events-targets');

const CDK_VERSION = require('aws-cdk-lib/package.json').version;
const OUT_DIR = path.resolve(__dirname, '..', '..', 'examples', 'tests', 'fixtures', 'cdk');

// Every stack is environment-agnostic (no account, no region), as rcdk's
// stacks are by default: AZs come from Fn::GetAZs, and an agnostic VPC spans
// at most 2 zones.
const ENV = 'agnostic';

// Feature flags. "defaults": none set, i.e. the behaviour of aws-cdk-lib's own
// defaults (what `new App()` does with no cdk.json). "recommended": the flags
// `cdk init` writes into a new project's cdk.json for this version.
const FLAG_MODES = {
  defaults: {
    description: 'none set (aws-cdk-lib defaults, no cdk.json)',
    context: {},
  },
  recommended: {
    description: 'recommended (the flags `cdk init` writes to cdk.json)',
    context: { ...cxapi.NEW_PROJECT_DEFAULT_CONTEXT, ...cxapi.CURRENTLY_RECOMMENDED_FLAGS },
  },
};

// ---------------------------------------------------------------------------
// Shared pieces

function stackIn(app, name, props = {}) {
  return new cdk.Stack(app, name, props);
}

/** A VPC as rcdk's tests build it with `flow_logs: false` (2 AZs, NAT per AZ). */
function plainVpc(stack, id = 'Vpc', props = {}) {
  return new ec2.Vpc(stack, id, { maxAzs: 2, ...props });
}

/** rcdk's services always deploy like this (crates/compute/src/service.rs). */
const DEPLOYMENT = { minHealthyPercent: 50, maxHealthyPercent: 200, circuitBreaker: { rollback: true } };

/** The reference system (examples/lib.rs `add_call_microservice`). */
function addCallMicroservice(app, name) {
  const stack = stackIn(app, name, {
    description: 'Call a microservice running on Fargate through API Gateway, from Step Functions',
  });

  // network (rcdk: VpcProps { max_azs: 2, flow_logs: true }, flow log under Vpc/FlowLog)
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
    ...DEPLOYMENT,
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
}

/** examples/lib.rs `two_stacks`: L1 resources, a cross-stack reference. */
function addTwoStacks(app) {
  const tags = { project: 'rcdk-example' };
  const storage = stackIn(app, 'Storage', {
    description: 'rcdk example: a KMS key and an encrypted queue',
    tags,
  });
  const retention = new cdk.CfnParameter(storage, 'RetentionSeconds', {
    type: 'Number',
    default: 345600,
    minValue: 60,
    maxValue: 1209600,
    description: 'How long the queue keeps a message',
  });
  const key = new kms.CfnKey(storage, 'Key', {
    description: "Encrypts the example's queue and topic",
    enableKeyRotation: true,
    keyPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AccountAdministers',
          Effect: 'Allow',
          Principal: { AWS: cdk.Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'SnsDeliversToEncryptedQueue',
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
        },
      ],
    },
  });
  key.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
  const queue = new sqs.CfnQueue(storage, 'Queue', {
    kmsMasterKeyId: key.attrArn,
    messageRetentionPeriod: retention.valueAsNumber,
  });

  const notifications = stackIn(app, 'Notifications', {
    description: 'rcdk example: a topic that fans out to the queue',
    tags,
  });
  const topic = new sns.CfnTopic(notifications, 'Topic', {
    displayName: 'Example notifications',
    kmsMasterKeyId: key.attrArn,
  });
  new sns.CfnSubscription(notifications, 'QueueSubscription', {
    protocol: 'sqs',
    topicArn: topic.ref,
    endpoint: queue.attrArn,
    rawMessageDelivery: true,
  });
  // rcdk writes this one through its untyped escape hatch; so does this.
  new cdk.CfnResource(notifications, 'QueuePolicy', {
    type: 'AWS::SQS::QueuePolicy',
    properties: {
      Queues: [queue.ref],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: queue.attrArn,
            Condition: { ArnEquals: { 'aws:SourceArn': topic.ref } },
          },
        ],
      },
    },
  });
  new cdk.CfnOutput(notifications, 'TopicArn', { value: topic.ref, description: 'Publish here' });
}

// ---------------------------------------------------------------------------
// The apps. Stack "S" and construct ids follow rcdk's own tests and doc
// examples (crates/*/src, crates/*/tests) so IDs can be compared one to one.

const APPS = [
  {
    name: 'call_microservice',
    description: 'The reference system (examples/lib.rs call_microservice), stack CallMicroservice.',
    build: (app) => addCallMicroservice(app, 'CallMicroservice'),
  },
  {
    name: 'call_microservice.recommended_flags',
    flags: 'recommended',
    description: 'call_microservice with the feature flags a new `cdk init` project has.',
    build: (app) => addCallMicroservice(app, 'CallMicroservice'),
  },
  {
    name: 'two_stacks',
    description: 'examples/lib.rs two_stacks: Storage (key, queue) and Notifications (topic, subscription, queue policy) with a cross-stack reference.',
    build: addTwoStacks,
  },
  {
    name: 'two_stacks.recommended_flags',
    flags: 'recommended',
    description: 'two_stacks with the feature flags a new `cdk init` project has (note @aws-cdk/core:defaultCrossStackReferences).',
    build: addTwoStacks,
  },

  // network
  {
    name: 'l2_vpc_default',
    description: "ec2.Vpc(stack, 'Vpc') with no props (agnostic: 2 AZs; CDK adds no flow log by default).",
    build: (app) => new ec2.Vpc(stackIn(app, 'S'), 'Vpc'),
  },
  {
    name: 'l2_vpc_max_azs_2',
    description: "ec2.Vpc(stack, 'Vpc', {maxAzs: 2}).",
    build: (app) => plainVpc(stackIn(app, 'S')),
  },
  {
    name: 'l2_vpc_max_azs_1',
    description: "ec2.Vpc(stack, 'Vpc', {maxAzs: 1}).",
    build: (app) => new ec2.Vpc(stackIn(app, 'S'), 'Vpc', { maxAzs: 1 }),
  },
  {
    name: 'l2_vpc_nat_gateways_1',
    description: "ec2.Vpc(stack, 'Vpc', {maxAzs: 2, natGateways: 1}) (rcdk NatGateways::One).",
    build: (app) => plainVpc(stackIn(app, 'S'), 'Vpc', { natGateways: 1 }),
  },
  {
    name: 'l2_vpc_nat_gateways_0',
    description: "ec2.Vpc(stack, 'Vpc', {maxAzs: 2, natGateways: 0}) (rcdk NatGateways::None; CDK makes PUBLIC + PRIVATE_ISOLATED subnets).",
    build: (app) => plainVpc(stackIn(app, 'S'), 'Vpc', { natGateways: 0 }),
  },
  {
    name: 'l2_vpc_flow_log',
    description: "ec2.Vpc(stack, 'Vpc', {maxAzs: 2}) + vpc.addFlowLog('FlowLog') (rcdk's default flow_logs: true).",
    build: (app) => plainVpc(stackIn(app, 'S')).addFlowLog('FlowLog'),
  },
  {
    name: 'l2_vpc_flow_log_prop',
    description: "ec2.Vpc(stack, 'Vpc', {maxAzs: 2, flowLogs: {FlowLog: {}}}): the same flow log through the prop.",
    build: (app) => plainVpc(stackIn(app, 'S'), 'Vpc', { flowLogs: { FlowLog: {} } }),
  },
  {
    name: 'l2_security_group',
    description:
      "SecurityGroups Web, Lb (allowAllOutbound false) and Open (allowAllOutbound true); Web.connections.allowFrom(Lb, tcp 8080), allowFrom(Open, tcp 9000-9100), addIngressRule(ipv4 10.0.0.0/16, udp 53) (crates/network/tests rules_between_groups_are_written_on_both_sides).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const vpc = plainVpc(stack);
      const web = new ec2.SecurityGroup(stack, 'Web', { vpc, description: 'web', allowAllOutbound: false });
      const lb = new ec2.SecurityGroup(stack, 'Lb', { vpc, description: 'lb', allowAllOutbound: false });
      const open = new ec2.SecurityGroup(stack, 'Open', { vpc, description: 'open', allowAllOutbound: true });
      web.connections.allowFrom(lb, ec2.Port.tcp(8080), 'lb to web');
      web.connections.allowFrom(open, ec2.Port.tcpRange(9000, 9100), 'open to web');
      web.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.udp(53), 'dns');
    },
  },

  // compute
  {
    name: 'l2_cluster',
    description: "ecs.Cluster(stack, 'Cluster', {vpc, containerInsightsV2: ENABLED}).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      new ecs.Cluster(stack, 'Cluster', { vpc: plainVpc(stack), containerInsightsV2: ecs.ContainerInsights.ENABLED });
    },
  },
  {
    name: 'l2_fargate_task_definition',
    description:
      "ecs.FargateTaskDefinition(stack, 'Task', {cpu: 512, memoryLimitMiB: 1024}) + addContainer('web', nginx, port 8080, awslogs log driver with stream prefix 'web').",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const task = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 512, memoryLimitMiB: 1024 });
      task.addContainer('web', {
        image: ecs.ContainerImage.fromRegistry('nginx'),
        portMappings: [{ containerPort: 8080 }],
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web' }),
      });
    },
  },
  {
    name: 'l2_fargate_service',
    description:
      "ecs.FargateService(stack, 'Worker', {cluster, taskDefinition: Task (container 'worker', busybox, awslogs), desiredCount: 1}) (crates/compute/src/service.rs doc example).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const vpc = plainVpc(stack);
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const task = new ecs.FargateTaskDefinition(stack, 'Task');
      task.addContainer('worker', {
        image: ecs.ContainerImage.fromRegistry('busybox'),
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker' }),
      });
      new ecs.FargateService(stack, 'Worker', { cluster, taskDefinition: task, desiredCount: 1, ...DEPLOYMENT });
    },
  },
  {
    name: 'l2_application_load_balancer',
    description:
      "elbv2.ApplicationLoadBalancer(stack, 'Lb', {vpc, internetFacing: false}); listener 'Http' on 80 (open: false) forwarding to an IP target group 'TargetGroup' (port 8080, health check /health) created under the listener (rcdk add_http_listener).",
    build: (app) => addAlb(stackIn(app, 'S'), false),
  },
  {
    name: 'l2_application_load_balancer_internet_facing',
    description: 'l2_application_load_balancer with internetFacing: true (crates/compute/tests an_internet_facing_balancer_goes_in_public_subnets).',
    build: (app) => addAlb(stackIn(app, 'S'), true),
  },
  {
    name: 'l2_application_load_balanced_fargate_service',
    description:
      "ecs_patterns.ApplicationLoadBalancedFargateService(stack, 'Web', {cluster, publicLoadBalancer: false, desiredCount: 3, taskImageOptions: {nginx, containerPort 80}}) (crates/compute/src/pattern.rs doc example).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: plainVpc(stack) });
      new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Web', {
        cluster,
        publicLoadBalancer: false,
        desiredCount: 3,
        ...DEPLOYMENT,
        taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx'), containerPort: 80 },
      });
    },
  },
  {
    name: 'l2_load_balanced_fargate_service_options',
    description:
      "ALBFS 'Web' (public, HTTPS with an imported certificate and redirectHTTP, environment, an SSM and a Secrets Manager secret, FARGATE_SPOT/FARGATE strategy, platform 1.4.0) in a Cluster with enableFargateCapacityProviders; sidecar container; task role granted sns:Publish; autoScaleTaskCount with Cpu, Memory and Requests policies; listener rule 'Old' (addAction) and FargateService 'Api' added with listener.addTargets('Api') (crates/compute/tests/options.rs, examples/tests/cdk_logical_ids.rs).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const vpc = plainVpc(stack);
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, enableFargateCapacityProviders: true });
      const dbUrl = ssm.StringParameter.fromStringParameterName(stack, 'DbUrl', '/app/db-url');
      const dbSecret = secretsmanager.Secret.fromSecretCompleteArn(
        stack,
        'DbSecret',
        'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf',
      );
      const web = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Web', {
        cluster,
        publicLoadBalancer: true,
        desiredCount: 2,
        ...DEPLOYMENT,
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc'),
        redirectHTTP: true,
        capacityProviderStrategies: [
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
          { capacityProvider: 'FARGATE', weight: 1, base: 1 },
        ],
        platformVersion: ecs.FargatePlatformVersion.VERSION1_4,
        taskImageOptions: {
          image: ecs.ContainerImage.fromRegistry('nginx'),
          containerPort: 8080,
          environment: { STAGE: 'prod' },
          secrets: {
            DB_URL: ecs.Secret.fromSsmParameter(dbUrl),
            DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret),
          },
        },
      });
      web.taskDefinition.addContainer('sidecar', {
        image: ecs.ContainerImage.fromRegistry('busybox'),
        essential: false,
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'sidecar' }),
        healthCheck: { command: ['CMD-SHELL', 'true'], interval: cdk.Duration.seconds(10) },
      });
      sns.Topic.fromTopicArn(stack, 'Events', 'arn:aws:sns:eu-west-1:111111111111:events').grantPublish(
        web.taskDefinition.taskRole,
      );
      const scaling = web.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 });
      scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });
      scaling.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: 70 });
      scaling.scaleOnRequestCount('Requests', { requestsPerTarget: 1000, targetGroup: web.targetGroup });
      web.listener.addAction('Old', {
        priority: 10,
        conditions: [elbv2.ListenerCondition.pathPatterns(['/old/*'])],
        action: elbv2.ListenerAction.fixedResponse(410, { contentType: 'text/plain', messageBody: 'gone' }),
      });
      const apiTask = new ecs.FargateTaskDefinition(stack, 'ApiTask');
      apiTask.addContainer('api', {
        image: ecs.ContainerImage.fromRegistry('nginx'),
        portMappings: [{ containerPort: 8080 }],
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'api' }),
      });
      const api = new ecs.FargateService(stack, 'Api', { cluster, taskDefinition: apiTask, ...DEPLOYMENT });
      web.listener.addTargets('Api', {
        priority: 20,
        conditions: [elbv2.ListenerCondition.hostHeaders(['api.example.com'])],
        port: 8080,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targets: [api],
      });
    },
  },
  {
    name: 'l2_alb_listeners_and_rules',
    description:
      "ApplicationLoadBalancer 'Lb' with an HTTPS listener 'Https' (fixed-response default, rule 'Old' via addAction) and an HTTP listener 'Redirect' (redirect to HTTPS 443); imported listener 'Shared' (fromApplicationListenerAttributes with imported group 'LbSg') given target group 'ApiGroup' of FargateService 'Api' with rule 'Api', and rule 'Legacy' forwarding to imported target group 'Legacy' (crates/compute/tests/imports.rs).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const vpc = plainVpc(stack);
      const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc });
      const https = lb.addListener('Https', {
        port: 443,
        open: false,
        certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111111111111:certificate/abc')],
        defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'no such page' }),
      });
      lb.addListener('Redirect', {
        port: 80,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      https.addAction('Old', {
        priority: 10,
        conditions: [elbv2.ListenerCondition.pathPatterns(['/old/*'])],
        action: elbv2.ListenerAction.fixedResponse(410, { contentType: 'text/plain', messageBody: 'gone' }),
      });
      const lbSg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'LbSg', 'sg-0a1b2c3d');
      const shared = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Shared', {
        listenerArn:
          'arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210',
        securityGroup: lbSg,
        defaultPort: 443,
      });
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const task = new ecs.FargateTaskDefinition(stack, 'Task');
      task.addContainer('api', {
        image: ecs.ContainerImage.fromRegistry('nginx'),
        portMappings: [{ containerPort: 8080 }],
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'api' }),
      });
      const api = new ecs.FargateService(stack, 'Api', { cluster, taskDefinition: task, ...DEPLOYMENT });
      // An imported listener takes no addTargets: the CDK's way is a group
      // under it and a rule (rcdk's register_with_listener makes the same).
      const apiGroup = new elbv2.ApplicationTargetGroup(shared, 'ApiGroup', {
        vpc,
        port: 8080,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targets: [api],
      });
      shared.addAction('Api', {
        priority: 20,
        conditions: [elbv2.ListenerCondition.hostHeaders(['api.example.com'])],
        action: elbv2.ListenerAction.forward([apiGroup]),
      });
      const legacy = elbv2.ApplicationTargetGroup.fromTargetGroupAttributes(stack, 'Legacy', {
        targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/legacy/0123456789abcdef',
      });
      shared.addAction('Legacy', {
        priority: 30,
        conditions: [elbv2.ListenerCondition.pathPatterns(['/legacy/*'])],
        action: elbv2.ListenerAction.forward([legacy]),
      });
    },
  },

  // api
  {
    name: 'l2_http_api_default',
    description: "apigwv2.HttpApi(stack, 'Api') with no props.",
    build: (app) => new apigwv2.HttpApi(stackIn(app, 'S'), 'Api'),
  },
  {
    name: 'l2_http_api_access_logs',
    description:
      "apigwv2.HttpApi(stack, 'Api') whose default stage logs access to a logs.LogGroup(api, 'AccessLogs') (rcdk's HttpApi always does): the CDK has no such prop, so it is set on the L1 stage.",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const api = new apigwv2.HttpApi(stack, 'Api');
      const accessLogs = new logs.LogGroup(api, 'AccessLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: cdk.RemovalPolicy.DESTROY,
      });
      api.defaultStage.node.defaultChild.accessLogSettings = {
        destinationArn: accessLogs.logGroupArn,
        format: '$context.requestId',
      };
    },
  },
  {
    name: 'l2_vpc_link',
    description: "apigwv2.VpcLink(stack, 'Link', {vpc}) with and without a security group ('LinkWithSg' gets SecurityGroup 'SecurityGroup' under it).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const vpc = plainVpc(stack);
      new apigwv2.VpcLink(stack, 'Link', { vpc });
      const withSg = new apigwv2.VpcLink(stack, 'LinkWithSg', { vpc });
      withSg.addSecurityGroups(
        new ec2.SecurityGroup(withSg, 'SecurityGroup', { vpc, allowAllOutbound: false }),
      );
    },
  },
  {
    name: 'l2_http_api_alb_route',
    description:
      "HttpApi 'Api' with routes GET /items (IAM) and POST /items (no auth) to one HttpAlbIntegration('SvcIntegration') of ALBFS 'Svc' through VpcLink 'Link'; Role 'Caller' gets execute-api:Invoke via addToPolicy (crates/api/tests routes_share_one_integration_and_grants_are_exact).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const vpc = plainVpc(stack);
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const svc = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Svc', {
        cluster,
        publicLoadBalancer: false,
        desiredCount: 2,
        ...DEPLOYMENT,
        taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx'), containerPort: 80 },
      });
      const vpcLink = new apigwv2.VpcLink(stack, 'Link', { vpc });
      const api = new apigwv2.HttpApi(stack, 'Api');
      const integration = new HttpAlbIntegration('SvcIntegration', svc.listener, { vpcLink });
      api.addRoutes({
        path: '/items',
        methods: [apigwv2.HttpMethod.GET],
        integration,
        authorizer: new HttpIamAuthorizer(),
      });
      api.addRoutes({ path: '/items', methods: [apigwv2.HttpMethod.POST], integration });
      const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: [api.arnForExecuteApi('GET'), api.arnForExecuteApi('POST', '/items'), api.arnForExecuteApi()],
        }),
      );
    },
  },

  // messaging
  {
    name: 'l2_topic_default',
    description: "sns.Topic(stack, 'Topic') with no props.",
    build: (app) => new sns.Topic(stackIn(app, 'S'), 'Topic'),
  },
  {
    name: 'l2_topic_kms',
    description:
      "sns.Topic(stack, 'Topic', {displayName: 't', masterKey: imported key ARN}) + grantPublish(Role 'Publisher') (crates/messaging/tests a_customer_key_is_used_and_granted); Topic 'Owned' with a new kms.Key 'OwnedKey'.",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const key = kms.Key.fromKeyArn(stack, 'ImportedKey', 'arn:aws:kms:eu-west-1:111111111111:key/abc');
      const topic = new sns.Topic(stack, 'Topic', { displayName: 't', masterKey: key });
      const role = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      topic.grantPublish(role);
      new sns.Topic(stack, 'Owned', { masterKey: new kms.Key(stack, 'OwnedKey') });
    },
  },
  {
    name: 'l2_subscription',
    description:
      "sns.Topic(stack, 'Topic') with sns.Subscription(topic, 'Mail', email) (rcdk topic.add_subscription(\"Mail\", ...)) and topic.addSubscription(new EmailSubscription('ops@example.com')) (the CDK's own naming).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const topic = new sns.Topic(stack, 'Topic');
      new sns.Subscription(topic, 'Mail', {
        topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: 'ops@example.com',
      });
      topic.addSubscription(new subs.EmailSubscription('ops@example.com'));
    },
  },

  // orchestration
  {
    name: 'l2_state_machine',
    description:
      "sfn.StateMachine(stack, 'Flow'): Pass 'Start' -> Choice 'Big?' (SnsPublish 'Alert' to Topic 'Topic' / Succeed 'Done'); the task grants the role sns:Publish (DefaultPolicy); Role 'Caller' gets grantStartExecution (crates/orchestration/src/lib.rs doc example).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const topic = new sns.Topic(stack, 'Topic');
      const definition = new sfn.Pass(stack, 'Start').next(
        new sfn.Choice(stack, 'Big?')
          .when(
            sfn.Condition.numberGreaterThan('$.size', 10),
            new tasks.SnsPublish(stack, 'Alert', { topic, message: sfn.TaskInput.fromText('big') }),
          )
          .otherwise(new sfn.Succeed(stack, 'Done')),
      );
      const sm = new sfn.StateMachine(stack, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
      const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      sm.grantStartExecution(caller);
    },
  },
  {
    name: 'l2_state_machine_logging',
    description:
      "sfn.StateMachine(stack, 'Flow') (Wait 'Pause' 30 s -> Succeed 'Done') with logs to logs.LogGroup(stack, 'Logs') at level ERROR and tracing (rcdk logging: Some(LogLevel::Error), tracing: true).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const definition = new sfn.Wait(stack, 'Pause', { time: sfn.WaitTime.duration(cdk.Duration.seconds(30)) }).next(
        new sfn.Succeed(stack, 'Done'),
      );
      // rcdk creates the log group itself, under the state machine
      // (S/Flow/Logs); the CDK takes one from outside.
      const logGroup = new logs.LogGroup(stack, 'Logs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: cdk.RemovalPolicy.DESTROY,
      });
      new sfn.StateMachine(stack, 'Flow', {
        definitionBody: sfn.DefinitionBody.fromChainable(definition),
        logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: true },
        tracingEnabled: true,
      });
    },
  },

  // iam
  {
    name: 'l2_role',
    description:
      "iam.Role(stack, 'Role', {assumedBy: states.amazonaws.com}) + addToPolicy(sns:Publish on an ARN) -> Role/DefaultPolicy (crates/iam/src/lib.rs doc example); Role 'Publisher' granted publish on Topic 'Alerts' (crates/messaging/src/lib.rs doc example).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['sns:Publish'],
          resources: ['arn:aws:sns:eu-west-1:111111111111:alerts'],
        }),
      );
      const topic = new sns.Topic(stack, 'Alerts');
      const publisher = new iam.Role(stack, 'Publisher', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      });
      topic.grantPublish(publisher);
    },
  },

  // queues
  {
    name: 'l2_queues',
    description:
      "sqs.Queue 'Jobs' (enforceSSL) with deadLetterQueue {queue: sqs.Queue 'JobsDlq', maxReceiveCount: 5}; sns.Topic 'Events' with SqsSubscription(Jobs, rawMessageDelivery); sqs.Queue.fromQueueArn 'Shared' granted sendMessages to iam.Role 'Worker', which also consumes Jobs (crates/messaging/tests/queues.rs).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const dlq = new sqs.Queue(stack, 'JobsDlq', { enforceSSL: true });
      const jobs = new sqs.Queue(stack, 'Jobs', {
        enforceSSL: true,
        deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
      });
      const topic = new sns.Topic(stack, 'Events');
      topic.addSubscription(new subs.SqsSubscription(jobs, { rawMessageDelivery: true }));
      const worker = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
      jobs.grantConsumeMessages(worker);
      const shared = sqs.Queue.fromQueueArn(stack, 'Shared', 'arn:aws:sqs:eu-west-1:111111111111:shared');
      shared.grantSendMessages(worker);
    },
  },

  // events
  {
    name: 'l2_events',
    description:
      "events.EventBus 'Bus' with archive 'Archive'; events.Rule 'OrderPlaced' on Bus (source orders, detail type Order Placed) targeting sqs.Queue 'Jobs' and sns.Topic 'Alerts'; events.Rule 'Nightly' (cron 0 3) targeting Jobs; iam.Role 'Worker' granted putEvents on Bus (crates/events/tests/events.rs).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const bus = new events.EventBus(stack, 'Bus');
      bus.archive('Archive', { eventPattern: { source: ['orders'] }, retention: cdk.Duration.days(7) });
      const jobs = new sqs.Queue(stack, 'Jobs', { enforceSSL: true });
      const alerts = new sns.Topic(stack, 'Alerts');
      const rule = new events.Rule(stack, 'OrderPlaced', {
        eventBus: bus,
        eventPattern: { source: ['orders'], detailType: ['Order Placed'] },
      });
      rule.addTarget(new eventsTargets.SqsQueue(jobs));
      rule.addTarget(new eventsTargets.SnsTopic(alerts));
      const nightly = new events.Rule(stack, 'Nightly', { schedule: events.Schedule.cron({ minute: '0', hour: '3' }) });
      nightly.addTarget(new eventsTargets.SqsQueue(jobs));
      const worker = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
      bus.grantPutEventsTo(worker);
    },
  },

  // storage
  {
    name: 'l2_storage',
    description:
      "s3.Bucket 'Logs' (enforceSSL); s3.Bucket 'Uploads' (enforceSSL, versioned, lifecycle rule 'Archive' on raw/, server access logs to Logs under uploads/) notifying sqs.Queue 'Events' (enforceSSL) of OBJECT_CREATED under raw/; dynamodb.Table 'Orders' (PROVISIONED 5/5, read autoscaling 5-50 at 70%, GSI 'byCustomer', NEW_AND_OLD_IMAGES stream); iam.Role 'Worker' granted readWrite on Uploads and readWriteData + streamRead on Orders (crates/storage/tests/cdk.rs).",
    build: (app) => {
      const s3 = require('aws-cdk-lib/aws-s3');
      const s3n = require('aws-cdk-lib/aws-s3-notifications');
      const dynamodb = require('aws-cdk-lib/aws-dynamodb');
      const stack = stackIn(app, 'S');
      const logBucket = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
      const uploads = new s3.Bucket(stack, 'Uploads', {
        enforceSSL: true,
        versioned: true,
        serverAccessLogsBucket: logBucket,
        serverAccessLogsPrefix: 'uploads/',
        lifecycleRules: [
          {
            id: 'Archive',
            prefix: 'raw/',
            expiration: cdk.Duration.days(365),
            noncurrentVersionExpiration: cdk.Duration.days(30),
            transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: cdk.Duration.days(30) }],
            abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
          },
        ],
      });
      const events = new sqs.Queue(stack, 'Events', { enforceSSL: true });
      uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(events), { prefix: 'raw/' });
      const orders = new dynamodb.Table(stack, 'Orders', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PROVISIONED,
        readCapacity: 5,
        writeCapacity: 5,
        stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      });
      orders.addGlobalSecondaryIndex({
        indexName: 'byCustomer',
        partitionKey: { name: 'customer', type: dynamodb.AttributeType.STRING },
        sortKey: { name: 'createdAt', type: dynamodb.AttributeType.NUMBER },
      });
      orders.autoScaleReadCapacity({ minCapacity: 5, maxCapacity: 50 }).scaleOnUtilization({ targetUtilizationPercent: 70 });
      const worker = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
      uploads.grantReadWrite(worker);
      orders.grantReadWriteData(worker);
      orders.grantStreamRead(worker);
    },
  },

  {
    name: 'l2_http_api_options',
    description:
      "apigwv2.DomainName 'Domain' (api.example.com, imported certificate 'Cert'); HttpApi 'Api' with corsPreflight (origin https://app.example.com, GET and POST, headers, max age 1 hour, credentials), defaultDomainMapping Domain and the access-log group 'AccessLogs' under it; HttpJwtAuthorizer 'Jwt' on GET /orders/{id} (HttpUrlIntegration 'Upstream') and POST /enqueue (HttpSqsIntegration 'Enqueue' to sqs.Queue 'Queue'); POST /start to HttpStepFunctionsIntegration 'Start' of sfn.StateMachine 'Flow'; POST /events to HttpEventBridgeIntegration 'Publish' on events.EventBus 'Bus' (crates/api/tests/cdk.rs).",
    build: (app) => {
      const integrations = require('aws-cdk-lib/aws-apigatewayv2-integrations');
      const { HttpJwtAuthorizer } = require('aws-cdk-lib/aws-apigatewayv2-authorizers');
      const stack = stackIn(app, 'S');
      const domain = new apigwv2.DomainName(stack, 'Domain', {
        domainName: 'api.example.com',
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc'),
      });
      const api = new apigwv2.HttpApi(stack, 'Api', {
        corsPreflight: {
          allowOrigins: ['https://app.example.com'],
          allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST],
          allowHeaders: ['authorization', 'content-type'],
          exposeHeaders: ['x-request-id'],
          maxAge: cdk.Duration.hours(1),
          allowCredentials: true,
        },
        defaultDomainMapping: { domainName: domain },
      });
      new logs.LogGroup(api, 'AccessLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: cdk.RemovalPolicy.DESTROY,
      });
      const jwt = new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['orders'] });
      api.addRoutes({
        path: '/orders/{id}',
        methods: [apigwv2.HttpMethod.GET],
        integration: new integrations.HttpUrlIntegration('Upstream', 'https://upstream.example.com/orders/{id}'),
        authorizer: jwt,
      });
      const queue = new sqs.Queue(stack, 'Queue', { enforceSSL: true });
      api.addRoutes({
        path: '/enqueue',
        methods: [apigwv2.HttpMethod.POST],
        integration: new integrations.HttpSqsIntegration('Enqueue', { queue }),
        authorizer: jwt,
      });
      const flow = new sfn.StateMachine(stack, 'Flow', {
        definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Succeed(stack, 'Done')),
      });
      api.addRoutes({
        path: '/start',
        methods: [apigwv2.HttpMethod.POST],
        integration: new integrations.HttpStepFunctionsIntegration('Start', { stateMachine: flow }),
      });
      const bus = new events.EventBus(stack, 'Bus');
      api.addRoutes({
        path: '/events',
        methods: [apigwv2.HttpMethod.POST],
        integration: new integrations.HttpEventBridgeIntegration('Publish', { eventBusRef: bus.eventBusRef }),
      });
    },
  },

  {
    name: 'l2_state_machine_tasks',
    description:
      "sfn.StateMachine(stack, 'Flow'): SqsSendMessage 'Enqueue' to sqs.Queue 'Queue' (enforceSSL) -> DynamoPutItem 'Save' into dynamodb.Table 'Table' -> EventBridgePutEvents 'Announce' on events.EventBus 'Bus' -> StepFunctionsStartExecution 'Start' (RUN_JOB) of sfn.StateMachine 'Child'; the tasks make no resources, the Flow role's DefaultPolicy has their statements (crates/orchestration-tasks/tests/cdk.rs).",
    build: (app) => {
      const dynamodb = require('aws-cdk-lib/aws-dynamodb');
      const stack = stackIn(app, 'S');
      const queue = new sqs.Queue(stack, 'Queue', { enforceSSL: true });
      const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
      const bus = new events.EventBus(stack, 'Bus');
      const child = new sfn.StateMachine(stack, 'Child', {
        definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Succeed(stack, 'Done')),
      });
      const definition = new tasks.SqsSendMessage(stack, 'Enqueue', {
        queue,
        messageBody: sfn.TaskInput.fromJsonPathAt('$.order'),
        resultPath: sfn.JsonPath.DISCARD,
      })
        .next(
          new tasks.DynamoPutItem(stack, 'Save', {
            table,
            item: { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.order.id')) },
            resultPath: sfn.JsonPath.DISCARD,
          }),
        )
        .next(
          new tasks.EventBridgePutEvents(stack, 'Announce', {
            entries: [
              { source: 'shop.orders', detailType: 'OrderPlaced', detail: sfn.TaskInput.fromJsonPathAt('$.order'), eventBus: bus },
            ],
            resultPath: sfn.JsonPath.DISCARD,
          }),
        )
        .next(
          new tasks.StepFunctionsStartExecution(stack, 'Start', {
            stateMachine: child,
            integrationPattern: sfn.IntegrationPattern.RUN_JOB,
            input: sfn.TaskInput.fromJsonPathAt('$.order'),
            resultPath: '$.child',
          }),
        );
      new sfn.StateMachine(stack, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
    },
  },

  {
    name: 'l2_api_destination',
    description:
      "events.Connection 'Connection' (API key from Secrets Manager); events.ApiDestination 'Partner' (POST, 10/s); events.Rule 'Rule' targeting it (crates/events/tests/events.rs).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const connection = new events.Connection(stack, 'Connection', {
        authorization: events.Authorization.apiKey('x-api-key', cdk.SecretValue.secretsManager('partner-key')),
      });
      const partner = new events.ApiDestination(stack, 'Partner', {
        connection,
        endpoint: 'https://partner.example.com/orders',
        httpMethod: events.HttpMethod.POST,
        rateLimitPerSecond: 10,
      });
      const rule = new events.Rule(stack, 'Rule', { eventPattern: { source: ['orders'] } });
      rule.addTarget(new eventsTargets.ApiDestination(partner));
    },
  },

  // imported resources
  {
    name: 'l2_imports',
    description:
      "iam.Role.fromRoleArn(stack, 'Deployer', ...) granted publish on sns.Topic.fromTopicArn(stack, 'Shared', ...) with an email subscription 'Mail'; logs.LogGroup.fromLogGroupName(stack, 'Audit', ...) granted write to the same role (crates/iam/tests/imports.rs, crates/messaging/tests/messaging.rs).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const role = iam.Role.fromRoleArn(stack, 'Deployer', 'arn:aws:iam::111111111111:role/ci/deployer');
      const topic = sns.Topic.fromTopicArn(stack, 'Shared', 'arn:aws:sns:eu-west-1:111111111111:shared');
      topic.grantPublish(role);
      topic.addSubscription(new subs.EmailSubscription('ops@example.com'));
      const audit = logs.LogGroup.fromLogGroupName(stack, 'Audit', '/org/audit');
      audit.grantWrite(role);
    },
  },
  {
    name: 'l2_network_compute_imports',
    description:
      "ec2.Vpc.fromVpcAttributes(stack, 'Vpc', ...) and SecurityGroup.fromSecurityGroupId 'Shared' (allowAllOutbound default true) and 'Closed' (allowAllOutbound false); SecurityGroup 'Own' in the imported VPC; Shared allows tcp 443 from Own, Own allows tcp 8080 from Closed, Shared admits 10.0.0.0/16 on tcp 22, Closed sends udp 53 to 10.0.0.0/16; ecs.Cluster.fromClusterAttributes 'Cluster' (name prod) with FargateService 'Worker' (crates/network/tests/imports.rs, crates/compute/tests/imports.rs).",
    build: (app) => {
      const stack = stackIn(app, 'S');
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-0a1b2c3d',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'],
        publicSubnetIds: ['subnet-2a2b3c4d', 'subnet-3a2b3c4d'],
      });
      const shared = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Shared', 'sg-0a1b2c3d');
      const closed = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Closed', 'sg-1a2b3c4d', { allowAllOutbound: false });
      const own = new ec2.SecurityGroup(stack, 'Own', { vpc, description: 'own', allowAllOutbound: false });
      shared.connections.allowFrom(own, ec2.Port.tcp(443), 'own to shared');
      own.connections.allowFrom(closed, ec2.Port.tcp(8080), 'closed to own');
      shared.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(22), 'ssh');
      closed.addEgressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.udp(53), 'dns');
      const cluster = ecs.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'prod', vpc, securityGroups: [] });
      const task = new ecs.FargateTaskDefinition(stack, 'Task');
      task.addContainer('worker', {
        image: ecs.ContainerImage.fromRegistry('busybox'),
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker' }),
      });
      new ecs.FargateService(stack, 'Worker', { cluster, taskDefinition: task, desiredCount: 1, ...DEPLOYMENT });
    },
  },

  // logs
  {
    name: 'l2_log_group',
    description: "logs.LogGroup(stack, 'Logs', {retention: ONE_MONTH, removalPolicy: DESTROY}) (crates/logs/src/lib.rs doc example).",
    build: (app) =>
      new logs.LogGroup(stackIn(app, 'S'), 'Logs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: cdk.RemovalPolicy.DESTROY,
      }),
  },

  // lambda
  {
    name: 'l2_lambda',
    description:
      "@aws-cdk/aws-lambda:useCdkManagedLogGroup on (the function's own log group at <function>/LogGroup). lambda.Function(stack, 'Handler', python3.12 inline) with addPermission('Events', events.amazonaws.com, sourceArn) and addFunctionUrl(NONE, CORS); lambda.Function 'Logged' with logGroup logs.LogGroup 'LoggedLogs' and addFunctionUrl() (AWS_IAM); lambda.Function.fromFunctionArn 'Imported' (this stack's account and region); iam.Role 'Caller' granted invoke on Handler and Imported; sfn.StateMachine 'Flow': LambdaInvoke 'Invoke' (Handler) -> 'Invoke2' (Imported, payloadResponseOnly) -> 'Invoke3' (Logged, WAIT_FOR_TASK_TOKEN, payload with the token, invocationType EVENT) (crates/lambda/tests/cdk.rs, crates/orchestration-tasks/tests/lambda.rs).",
    build: (app) => {
      const lambda = require('aws-cdk-lib/aws-lambda');
      app.node.setContext(cxapi.USE_CDK_MANAGED_LAMBDA_LOGGROUP, true);
      const stack = stackIn(app, 'S');
      const handler = new lambda.Function(stack, 'Handler', {
        runtime: lambda.Runtime.PYTHON_3_12,
        handler: 'index.handler',
        code: lambda.Code.fromInline('def handler(event, context):\n    return event\n'),
      });
      handler.addPermission('Events', {
        principal: new iam.ServicePrincipal('events.amazonaws.com'),
        sourceArn: 'arn:aws:events:eu-west-1:111111111111:rule/nightly',
      });
      handler.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['https://example.com'] } });
      const logged = new lambda.Function(stack, 'Logged', {
        runtime: lambda.Runtime.PYTHON_3_12,
        handler: 'index.handler',
        code: lambda.Code.fromInline('def handler(event, context):\n    return event\n'),
        logGroup: new logs.LogGroup(stack, 'LoggedLogs', {
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: cdk.RemovalPolicy.DESTROY,
        }),
      });
      logged.addFunctionUrl();
      const imported = lambda.Function.fromFunctionArn(
        stack,
        'Imported',
        stack.formatArn({ service: 'lambda', resource: 'function', resourceName: 'shared', arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME }),
      );
      const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
      handler.grantInvoke(caller);
      imported.grantInvoke(caller);
      const definition = new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: handler })
        .next(new tasks.LambdaInvoke(stack, 'Invoke2', { lambdaFunction: imported, payloadResponseOnly: true }))
        .next(
          new tasks.LambdaInvoke(stack, 'Invoke3', {
            lambdaFunction: logged,
            integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
            payload: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken, order: sfn.JsonPath.stringAt('$.order') }),
            invocationType: tasks.LambdaInvocationType.EVENT,
          }),
        );
      new sfn.StateMachine(stack, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
    },
  },

  {
    name: 'l2_lambda_integrations',
    description:
      "@aws-cdk/aws-lambda:useCdkManagedLogGroup on. lambda.Function 'Handler' (python3.12 inline) as the destination of s3.Bucket 'Uploads' (enforceSSL) for OBJECT_CREATED under in/ and OBJECT_REMOVED (s3n.LambdaDestination, one permission); of events.Rule 'Nightly' (rate 1 day) through eventsTargets.LambdaFunction (retryAttempts 2, deadLetterQueue sqs.Queue 'Undelivered' (enforceSSL)); and of apigwv2.HttpApi 'Api' routes GET /orders/{id} and POST /orders through one HttpLambdaIntegration 'Orders' (crates/storage/tests/buckets.rs, crates/events/tests/lambda.rs, crates/api/tests/lambda.rs, examples/tests/cdk_logical_ids.rs).",
    build: (app) => {
      const lambda = require('aws-cdk-lib/aws-lambda');
      const s3 = require('aws-cdk-lib/aws-s3');
      const s3n = require('aws-cdk-lib/aws-s3-notifications');
      const { HttpLambdaIntegration } = require('aws-cdk-lib/aws-apigatewayv2-integrations');
      app.node.setContext(cxapi.USE_CDK_MANAGED_LAMBDA_LOGGROUP, true);
      const stack = stackIn(app, 'S');
      const handler = new lambda.Function(stack, 'Handler', {
        runtime: lambda.Runtime.PYTHON_3_12,
        handler: 'index.handler',
        code: lambda.Code.fromInline('def handler(event, context):\n    return event\n'),
      });
      const uploads = new s3.Bucket(stack, 'Uploads', { enforceSSL: true });
      uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(handler), { prefix: 'in/' });
      uploads.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.LambdaDestination(handler));
      const dlq = new sqs.Queue(stack, 'Undelivered', { enforceSSL: true });
      const nightly = new events.Rule(stack, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)) });
      nightly.addTarget(new eventsTargets.LambdaFunction(handler, { retryAttempts: 2, deadLetterQueue: dlq }));
      const api = new apigwv2.HttpApi(stack, 'Api');
      const orders = new HttpLambdaIntegration('Orders', handler);
      api.addRoutes({ path: '/orders/{id}', methods: [apigwv2.HttpMethod.GET], integration: orders });
      api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.POST], integration: orders });
    },
  },
];

function addAlb(stack, internetFacing) {
  const vpc = plainVpc(stack);
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing });
  const listener = lb.addListener('Http', { port: 80, open: false });
  const targetGroup = new elbv2.ApplicationTargetGroup(listener, 'TargetGroup', {
    vpc,
    port: 8080,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targetType: elbv2.TargetType.IP,
    healthCheck: { path: '/health' },
  });
  listener.addTargetGroups('Default', { targetGroups: [targetGroup] });
}

// ---------------------------------------------------------------------------
// Synthesis and output

function synthesize(spec) {
  const mode = FLAG_MODES[spec.flags || 'defaults'];
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcdk-cdk-fixtures-'));
  try {
    const app = new cdk.App({
      outdir,
      analyticsReporting: false, // no AWS::CDK::Metadata resource (version reporting off)
      context: {
        ...mode.context,
        [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true, // aws:cdk:path on every resource
      },
    });
    spec.build(app);
    const assembly = app.synth();
    const stacks = {};
    for (const artifact of assembly.stacks) {
      const template = artifact.template;
      const resources = {};
      for (const [logicalId, resource] of Object.entries(template.Resources || {})) {
        const entry = { type: resource.Type };
        const p = resource.Metadata && resource.Metadata['aws:cdk:path'];
        if (p !== undefined) entry.path = p;
        resources[logicalId] = entry;
      }
      const outputs = template.Outputs || {};
      const exportsByOutput = {};
      for (const [id, o] of Object.entries(outputs)) {
        if (o.Export && o.Export.Name !== undefined) exportsByOutput[id] = o.Export.Name;
      }
      stacks[artifact.stackName] = {
        resources,
        outputs: Object.keys(outputs).sort(),
        exports: exportsByOutput,
      };
    }
    return {
      generated_by: `aws-cdk-lib ${CDK_VERSION}`,
      description: spec.description,
      env: ENV,
      feature_flags: mode.description,
      stacks,
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** JSON with object keys sorted at every level (arrays keep their order). */
function stableStringify(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out = {};
      for (const k of Object.keys(v).sort()) out[k] = sort(v[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + '\n';
}

function main(argv) {
  const check = argv.includes('--check');
  const only = argv.filter((a) => !a.startsWith('--'));
  const unknown = only.filter((n) => !APPS.some((a) => a.name === n));
  if (unknown.length) {
    console.error(`unknown app(s): ${unknown.join(', ')}; known: ${APPS.map((a) => a.name).join(', ')}`);
    return 2;
  }
  const selected = only.length ? APPS.filter((a) => only.includes(a.name)) : APPS;
  if (!check) fs.mkdirSync(OUT_DIR, { recursive: true });
  let stale = 0;
  for (const spec of selected) {
    const file = path.join(OUT_DIR, `${spec.name}.json`);
    const text = stableStringify(synthesize(spec));
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    const rel = path.relative(path.resolve(__dirname, '..', '..'), file);
    if (check) {
      if (old !== text) {
        console.error(`stale: ${rel}`);
        stale++;
      }
    } else if (old !== text) {
      fs.writeFileSync(file, text);
      console.log(`wrote ${rel}`);
    } else {
      console.log(`unchanged ${rel}`);
    }
  }
  if (check && stale) {
    console.error(`${stale} fixture(s) out of date; run scripts/cdk-fixtures/generate`);
    return 1;
  }
  return 0;
}

// Run as a script it writes the fixtures; required as a module (by
// scripts/bench-process-cdk-app.js) it lends its apps, so each architecture
// is written in the CDK once.
if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

module.exports = { cdk, addCallMicroservice };
