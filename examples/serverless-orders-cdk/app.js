const cdk = require('aws-cdk-lib');
const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');
const { HttpEventBridgeIntegration } = require('aws-cdk-lib/aws-apigatewayv2-integrations');
const { HttpIamAuthorizer } = require('aws-cdk-lib/aws-apigatewayv2-authorizers');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const events = require('aws-cdk-lib/aws-events');
const targets = require('aws-cdk-lib/aws-events-targets');
const logs = require('aws-cdk-lib/aws-logs');
const s3 = require('aws-cdk-lib/aws-s3');
const sqs = require('aws-cdk-lib/aws-sqs');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');

class ServerlessOrdersStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    const bus = new events.EventBus(this, 'OrdersBus');

    const api = new apigwv2.HttpApi(this, 'Api');
    api.addRoutes({
      path: '/orders',
      methods: [apigwv2.HttpMethod.POST],
      authorizer: new HttpIamAuthorizer(),
      integration: new HttpEventBridgeIntegration('PlaceOrder', {
        eventBusRef: bus.eventBusRef,
        parameterMapping: new apigwv2.ParameterMapping()
          .custom('Source', 'orders.api')
          .custom('DetailType', 'OrderPlaced')
          .custom('Detail', '$request.body'),
      }),
    });

    const orders = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });

    const dlq = new sqs.Queue(this, 'FulfilmentDlq', { enforceSSL: true });
    const fulfilment = new sqs.Queue(this, 'Fulfilment', {
      enforceSSL: true,
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    });

    const receipts = new s3.Bucket(this, 'Receipts', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
    });

    const orderId = sfn.JsonPath.stringAt('$.detail.orderId');
    const detail = sfn.TaskInput.fromJsonPathAt('$.detail');

    const saveOrder = new tasks.DynamoPutItem(this, 'SaveOrder', {
      table: orders,
      item: {
        orderId: tasks.DynamoAttributeValue.fromString(orderId),
        total: tasks.DynamoAttributeValue.numberFromString(
          sfn.JsonPath.format('{}', sfn.JsonPath.stringAt('$.detail.total')),
        ),
      },
      resultPath: sfn.JsonPath.DISCARD,
    }).addCatch(new sfn.Fail(this, 'SaveFailed'));

    const accept = saveOrder
      .next(
        new tasks.SqsSendMessage(this, 'RequestFulfilment', {
          queue: fulfilment,
          messageBody: detail,
          resultPath: sfn.JsonPath.DISCARD,
        }),
      )
      .next(
        new tasks.CallAwsService(this, 'WriteReceipt', {
          service: 's3',
          action: 'putObject',
          parameters: {
            Bucket: receipts.bucketName,
            Key: sfn.JsonPath.format('receipts/{}.json', orderId),
            Body: sfn.JsonPath.objectAt('$.detail'),
          },
          iamResources: [receipts.arnForObjects('receipts/*')],
          resultPath: sfn.JsonPath.DISCARD,
        }),
      )
      .next(
        new tasks.EventBridgePutEvents(this, 'AnnounceOrder', {
          entries: [{ eventBus: bus, source: 'orders.flow', detailType: 'OrderAccepted', detail }],
        }),
      )
      .next(new sfn.Succeed(this, 'Done'));

    const definition = new tasks.DynamoGetItem(this, 'FindOrder', {
      table: orders,
      key: { orderId: tasks.DynamoAttributeValue.fromString(orderId) },
      resultPath: '$.existing',
    }).next(
      new sfn.Choice(this, 'IsNew')
        .when(sfn.Condition.isPresent('$.existing.Item'), new sfn.Fail(this, 'Duplicate'))
        .otherwise(accept),
    );

    const stateMachine = new sfn.StateMachine(this, 'OrderFlow', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      logs: { destination: new logs.LogGroup(this, 'OrderFlowLogs'), level: sfn.LogLevel.ALL },
      tracingEnabled: true,
    });

    new events.Rule(this, 'OrderPlaced', {
      eventBus: bus,
      eventPattern: { source: ['orders.api'], detailType: ['OrderPlaced'] },
      targets: [new targets.SfnStateMachine(stateMachine)],
    });

    new cdk.CfnOutput(this, 'ApiEndpoint', { value: api.apiEndpoint });
    new cdk.CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
  }
}

const app = new cdk.App();
new ServerlessOrdersStack(app, 'ServerlessOrders');
app.synth();
