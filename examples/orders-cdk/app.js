const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecs = require('aws-cdk-lib/aws-ecs');
const ecsPatterns = require('aws-cdk-lib/aws-ecs-patterns');
const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');
const { HttpAlbIntegration } = require('aws-cdk-lib/aws-apigatewayv2-integrations');
const { HttpIamAuthorizer } = require('aws-cdk-lib/aws-apigatewayv2-authorizers');
const iam = require('aws-cdk-lib/aws-iam');
const kms = require('aws-cdk-lib/aws-kms');
const logs = require('aws-cdk-lib/aws-logs');
const sns = require('aws-cdk-lib/aws-sns');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');

class MessagingStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const masterKey = kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns');
    this.orderEvents = new sns.Topic(this, 'OrderEvents', { masterKey });
    this.alerts = new sns.Topic(this, 'Alerts', { masterKey });
  }
}

class OrdersStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const { orderEvents, alerts } = props;

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const image = ecs.ContainerImage.fromRegistry('amazon/amazon-ecs-sample');
    const service = (name, environment) =>
      new ecsPatterns.ApplicationLoadBalancedFargateService(this, name, {
        cluster,
        publicLoadBalancer: false,
        taskImageOptions: { image, containerPort: 80, environment },
      });
    const inventory = service('Inventory', { TABLE: 'inventory', LOG_LEVEL: 'info' });
    const payments = service('Payments', { PROVIDER: 'stripe-sandbox' });

    const vpcLink = new apigwv2.VpcLink(this, 'VpcLink', { vpc });
    const inventoryIntegration = new HttpAlbIntegration('Inventory', inventory.listener, { vpcLink });
    const paymentsIntegration = new HttpAlbIntegration('Payments', payments.listener, { vpcLink });
    const api = new apigwv2.HttpApi(this, 'Api', { defaultAuthorizer: new HttpIamAuthorizer() });
    api.addRoutes({ path: '/inventory/{sku}', methods: [apigwv2.HttpMethod.GET], integration: inventoryIntegration });
    api.addRoutes({ path: '/payments', methods: [apigwv2.HttpMethod.POST], integration: paymentsIntegration });
    api.addRoutes({ path: '/health', methods: [apigwv2.HttpMethod.GET], integration: inventoryIntegration });

    const callApi = { apiId: api.apiId, apiStack: this, authType: tasks.AuthType.IAM_ROLE };

    const notifyFailure = new tasks.SnsPublish(this, 'NotifyFailure', {
      topic: alerts,
      message: sfn.TaskInput.fromJsonPathAt('$.error.Cause'),
    }).next(new sfn.Fail(this, 'OrderFailed'));

    const checkInventory = new tasks.CallApiGatewayHttpApiEndpoint(this, 'CheckInventory', {
      ...callApi,
      method: tasks.HttpMethod.GET,
      apiPath: sfn.JsonPath.format('/inventory/{}', sfn.JsonPath.stringAt('$.sku')),
      resultPath: '$.inventory',
    })
      .addRetry({
        errors: [sfn.Errors.TASKS_FAILED],
        interval: cdk.Duration.seconds(2),
        maxAttempts: 3,
        backoffRate: 2,
      })
      .addCatch(notifyFailure, { resultPath: '$.error' });

    const fulfil = new sfn.Parallel(this, 'Fulfil')
      .branch(
        new tasks.CallApiGatewayHttpApiEndpoint(this, 'TakePayment', {
          ...callApi,
          method: tasks.HttpMethod.POST,
          apiPath: '/payments',
          requestBody: sfn.TaskInput.fromJsonPathAt('$.payment'),
        }),
      )
      .branch(
        new tasks.SnsPublish(this, 'PublishOrder', {
          topic: orderEvents,
          message: sfn.TaskInput.fromJsonPathAt('$.sku'),
        }),
      )
      .next(new sfn.Succeed(this, 'OrderPlaced'));

    const outOfStock = new tasks.SnsPublish(this, 'NotifyOutOfStock', {
      topic: alerts,
      message: sfn.TaskInput.fromText('out of stock'),
    }).next(new sfn.Fail(this, 'OutOfStock'));

    const stateMachine = new sfn.StateMachine(this, 'OrderWorkflow', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        checkInventory.next(
          new sfn.Choice(this, 'InStock')
            .when(sfn.Condition.booleanEquals('$.inventory.ResponseBody.available', true), fulfil)
            .otherwise(outOfStock),
        ),
      ),
      logs: { destination: new logs.LogGroup(this, 'WorkflowLogs'), level: sfn.LogLevel.ALL },
      tracingEnabled: true,
      timeout: cdk.Duration.minutes(5),
    });
    stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['execute-api:Invoke'],
        resources: [api.arnForExecuteApi('GET', '/inventory/*'), api.arnForExecuteApi('POST', '/payments')],
      }),
    );

    new cdk.CfnOutput(this, 'ApiEndpoint', { value: api.apiEndpoint });
    new cdk.CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
  }
}

const app = new cdk.App();
const messaging = new MessagingStack(app, 'Messaging');
new OrdersStack(app, 'Orders', { orderEvents: messaging.orderEvents, alerts: messaging.alerts });
app.synth();
